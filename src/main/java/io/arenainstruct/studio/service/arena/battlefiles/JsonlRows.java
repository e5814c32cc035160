package io.arenainstruct.studio.service.arena.battlefiles;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.arenainstruct.studio.service.arena.formats.JsonLines;

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

    /** Bounded lines (a line of gigabytes is skipped as it streams by, never held), strict UTF-8 by line. */
    private final JsonLines lines;

    JsonlRows(Path file) {
        try {
            lines = new JsonLines(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The next non-blank line, or null at the end. */
    Line next() {
        try {
            for (JsonLines.Line line = lines.next(); line != null; line = lines.next()) {
                if (line.text() == null) {
                    return new Line(line.number(), null, line.problem());
                }
                String text = line.text();
                if (text.isBlank()) {
                    continue;
                }
                if (text.length() > LONGEST_LINE) {
                    return new Line(line.number(), null, "longer than " + LONGEST_LINE + " characters");
                }
                try {
                    return new Line(line.number(), JSON.readTree(text), null);
                } catch (JsonProcessingException e) {
                    return new Line(line.number(), null, "not JSON (" + e.getOriginalMessage() + ")");
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
            lines.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
