package io.arenainstruct.studio.service.curation;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.arenainstruct.studio.service.arena.formats.JsonLines;

/**
 * Reads a reference prompt set (benchmark questions to decontaminate against) from a file. The format is the file
 * name's ending and, for JSON lines, the field its first line has; every line must then have that field. Nothing is
 * guessed: anything else is refused with the formats listed.
 */
public final class ReferenceFiles {
    /** The formats read, for messages and help. */
    public static final String FORMATS = "Arena-Hard question.jsonl (\"turns\"[0].\"content\" or \"prompt\"),"
            + " JSONL with a \"prompt\" or \"instruction\" field, JSONL of OpenAI chats (\"messages\": the first"
            + " user message), or .txt with one prompt per line";

    private static final ObjectMapper JSON = new ObjectMapper();

    private ReferenceFiles() {}

    /** A reference file that cannot be read; the message names the file (and the line) and what to do. */
    public static final class ReferenceFileException extends Exception {
        public ReferenceFileException(String message) {
            super(message, null, false, false);
        }
    }

    /** Where a JSON line's prompt is. */
    private enum Field {
        TURNS("turns"),
        PROMPT("prompt"),
        INSTRUCTION("instruction"),
        MESSAGES("messages");

        final String name;

        Field(String name) {
            this.name = name;
        }

        static Field of(JsonNode line) {
            for (Field f : values()) {
                if (line.has(f.name)) {
                    return f;
                }
            }
            return null;
        }
    }

    /** A file's set and how it was read. */
    public record ReferenceFile(ReferenceSet set, String format) {}

    /** How a .txt file is read, as {@link ReferenceFile#format} says it. */
    public static final String TEXT_FORMAT = "txt";

    /** The set in the file, named by the file's name. */
    public static ReferenceSet read(Path file) throws ReferenceFileException {
        return readFile(file).set();
    }

    /**
     * The set in the file, named by the file's name, and its format: {@value #TEXT_FORMAT}, or "jsonl-" and the
     * field the prompts were read from ("jsonl-turns", "jsonl-prompt", "jsonl-instruction", "jsonl-messages").
     */
    public static ReferenceFile readFile(Path file) throws ReferenceFileException {
        String name = file.getFileName() == null
                ? file.toString()
                : file.getFileName().toString();
        String lower = name.toLowerCase(Locale.ROOT);
        boolean text = lower.endsWith(".txt");
        if (!text && !lower.endsWith(".jsonl") && !lower.endsWith(".json")) {
            throw new ReferenceFileException(
                    file + ": not a known reference format (by its name's ending); supported are " + FORMATS);
        }
        if (!Files.isRegularFile(file) || !Files.isReadable(file)) {
            throw new ReferenceFileException(file + ": cannot read the file (missing or not readable)");
        }
        List<ReferencePrompt> prompts = new ArrayList<>();
        Field field = null;
        try (JsonLines lines = new JsonLines(file)) {
            for (JsonLines.Line line = lines.next(); line != null; line = lines.next()) {
                if (line.problem() != null) {
                    throw bad(file, line.number(), line.problem());
                }
                if (line.text().isBlank()) {
                    continue;
                }
                if (text) {
                    prompts.add(new ReferencePrompt(
                            Integer.toString(line.number()), line.text().strip()));
                    continue;
                }
                JsonNode node = parse(file, line);
                if (field == null) {
                    field = Field.of(node);
                    if (field == null) {
                        throw bad(
                                file,
                                line.number(),
                                "no \"turns\", \"prompt\", \"instruction\" or \"messages\""
                                        + " field: not a known reference format; supported are " + FORMATS);
                    }
                }
                prompts.add(new ReferencePrompt(id(node, line.number()), prompt(file, line.number(), node, field)));
            }
        } catch (IOException e) {
            throw new ReferenceFileException(file + ": cannot read the file (" + e.getMessage() + ")");
        }
        if (prompts.isEmpty()) {
            throw new ReferenceFileException(file + ": the file holds no prompts");
        }
        return new ReferenceFile(new ReferenceSet(name, prompts), text ? TEXT_FORMAT : "jsonl-" + field.name);
    }

    private static JsonNode parse(Path file, JsonLines.Line line) throws ReferenceFileException {
        JsonNode node;
        try {
            node = JSON.readTree(line.text());
        } catch (JsonProcessingException e) {
            throw bad(
                    file,
                    line.number(),
                    "not JSON (a .jsonl file holds one JSON object a line; plain prompts go" + " in a .txt file)");
        }
        if (node == null || !node.isObject()) {
            throw bad(file, line.number(), "not a JSON object");
        }
        return node;
    }

    private static String prompt(Path file, int number, JsonNode node, Field field) throws ReferenceFileException {
        JsonNode value = node.get(field.name);
        if (value == null) {
            throw bad(file, number, "no \"" + field.name + "\" field, which the file's first line has");
        }
        JsonNode textNode = switch (field) {
            case TURNS -> value.isArray() && !value.isEmpty() ? value.get(0).get("content") : null;
            case MESSAGES -> firstUser(value);
            default -> value;
        };
        if (textNode == null || !textNode.isTextual() || textNode.asText().isBlank()) {
            throw bad(
                    file,
                    number,
                    switch (field) {
                        case TURNS -> "\"turns\" has no first turn with a text \"content\"";
                        case MESSAGES -> "\"messages\" has no user message with a text \"content\"";
                        default -> "\"" + field.name + "\" is not a non-empty text";
                    });
        }
        return textNode.asText();
    }

    private static JsonNode firstUser(JsonNode messages) {
        if (!messages.isArray()) {
            return null;
        }
        for (JsonNode m : messages) {
            JsonNode role = m.get("role");
            if (role != null && "user".equals(role.asText())) {
                return m.get("content");
            }
        }
        return null;
    }

    /** The file's id for the prompt (uid, question_id, id), else the line number. */
    private static String id(JsonNode node, int number) {
        for (String f : List.of("uid", "question_id", "id")) {
            JsonNode v = node.get(f);
            if (v != null && (v.isTextual() || v.isNumber()) && !v.asText().isBlank()) {
                return v.asText();
            }
        }
        return "line " + number;
    }

    private static ReferenceFileException bad(Path file, int line, String reason) {
        return new ReferenceFileException(file + ", line " + line + ": " + reason);
    }
}
