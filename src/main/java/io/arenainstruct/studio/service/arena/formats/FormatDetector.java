package io.arenainstruct.studio.service.arena.formats;

import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Tells a file's format from the fields of its first JSON lines. The lines that have a format's fields must all
 * point to the same one format; otherwise the file is ambiguous (or, when none has, unknown), and the message lists
 * the supported formats.
 */
public final class FormatDetector {
    /** How many of a file's first JSON object lines are looked at. */
    public static final int LINES = 5;

    private FormatDetector() {}

    /** The format, or why it cannot be told. */
    public record Detection(DatasetFormat format, String problem) {
        public boolean found() {
            return format != null;
        }
    }

    public static Detection detect(List<JsonNode> firstLines) {
        if (firstLines.isEmpty()) {
            return new Detection(
                    null,
                    "cannot tell the format: the first lines are not JSON objects; supported are "
                            + DatasetFormat.supported() + "; or name one with --format");
        }
        Set<DatasetFormat> seen = EnumSet.noneOf(DatasetFormat.class);
        for (JsonNode line : firstLines) {
            // a line with none of the fields is a bad line of the format the others show, reported when read
            seen.addAll(candidates(line));
        }
        if (seen.isEmpty()) {
            return new Detection(
                    null,
                    "unknown format: the first lines have none of the fields of a supported format (supported are "
                            + DatasetFormat.supported() + ")");
        }
        if (seen.size() > 1) {
            return new Detection(
                    null,
                    "ambiguous format: the first lines have fields of "
                            + seen.stream().map(DatasetFormat::id).collect(Collectors.joining(" and "))
                            + "; name one with --format (supported are " + DatasetFormat.names() + ")");
        }
        return new Detection(seen.iterator().next(), null);
    }

    /** The formats whose telling fields a line has; Arena-Hard's uid outranks the prompt and messages it shares. */
    static Set<DatasetFormat> candidates(JsonNode line) {
        Set<DatasetFormat> out = EnumSet.noneOf(DatasetFormat.class);
        if (line.has("uid") && (line.has("prompt") || line.has("messages"))) {
            out.add(DatasetFormat.ARENA_HARD);
        } else {
            if (line.has("messages")) {
                out.add(DatasetFormat.OPENAI);
            }
            if (line.has("prompt") || line.has("text")) {
                out.add(DatasetFormat.PROMPTS);
            }
        }
        if (line.has("conversations")) {
            out.add(DatasetFormat.SHAREGPT);
        }
        if (line.has("instruction")) {
            out.add(DatasetFormat.ALPACA);
        }
        return out;
    }
}
