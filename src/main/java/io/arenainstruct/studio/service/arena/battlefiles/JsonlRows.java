package io.arenainstruct.studio.service.arena.battlefiles;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Reads a JSONL file a line at a time (files of a million rows never sit in memory), with line numbers; blank
 * lines are skipped. A line that is not JSON comes with its reason instead of a row.
 */
final class JsonlRows implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** The store keeps texts of up to a million characters; a longer row could not be stored whole. */
    static final int LONGEST_LINE = 1_000_000;

    /** One line: its number and the row, or why it is not one. */
    record Line(int number, JsonNode row, String problem) {}

    private final BufferedReader reader;
    private int number;

    JsonlRows(Path file) {
        try {
            // bytes that are not UTF-8 become U+FFFD: one bad byte must not stop the rest of the file
            reader = new BufferedReader(new InputStreamReader(Files.newInputStream(file), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The next non-blank line, or null at the end. */
    Line next() {
        try {
            String text;
            while ((text = reader.readLine()) != null) {
                number++;
                if (number == 1 && text.startsWith("\uFEFF")) {
                    text = text.substring(1);
                }
                if (text.isBlank()) {
                    continue;
                }
                if (text.length() > LONGEST_LINE) {
                    return new Line(number, null, "longer than " + LONGEST_LINE + " characters");
                }
                try {
                    return new Line(number, JSON.readTree(text), null);
                } catch (JsonProcessingException e) {
                    return new Line(number, null, "not JSON (" + e.getOriginalMessage() + ")");
                }
            }
            return null;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        try {
            reader.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
