package io.arenainstruct.studio.service.arena.formats;

import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;

/** Checked access to the fields of an untrusted JSON line; reasons quote field names, never their contents. */
final class Fields {
    /** The most characters a prompt, a turn or a response may hold (the store's column size). */
    static final int TEXT_LIMIT = 1_000_000;

    private Fields() {}

    /** A string field that must be there and hold more than white space. */
    static String required(JsonNode node, String field) throws BadLine {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            throw new BadLine("no \"" + field + "\" field");
        }
        return text(value, "\"" + field + "\"");
    }

    /** A string field that may be missing or null; a value of another type is a bad line. */
    static String optional(JsonNode node, String field) throws BadLine {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isTextual()) {
            throw new BadLine("\"" + field + "\" is " + kind(value) + ", not a string");
        }
        return limited(value.asText(), "\"" + field + "\"");
    }

    /** An id field: a string or a whole number, or null when missing. */
    static String id(JsonNode node, String field) throws BadLine {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        if (value.isTextual() || value.isIntegralNumber()) {
            String id = value.asText().strip();
            if (id.isEmpty() || id.length() > 200) {
                throw new BadLine("\"" + field + "\" is empty or longer than 200 characters");
            }
            return id;
        }
        throw new BadLine("\"" + field + "\" is " + kind(value) + ", not a string or a number");
    }

    /** A non-blank string. */
    static String text(JsonNode value, String what) throws BadLine {
        if (!value.isTextual()) {
            throw new BadLine(what + " is " + kind(value) + ", not a string");
        }
        if (value.asText().isBlank()) {
            throw new BadLine(what + " is empty");
        }
        return limited(value.asText(), what);
    }

    static String limited(String text, String what) throws BadLine {
        if (text.length() > TEXT_LIMIT) {
            throw new BadLine(what + " has " + text.length() + " characters, over the limit of " + TEXT_LIMIT);
        }
        return text;
    }

    /** An array field that must be there and not be empty. */
    static List<JsonNode> array(JsonNode node, String field) throws BadLine {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            throw new BadLine("no \"" + field + "\" field");
        }
        if (!value.isArray()) {
            throw new BadLine("\"" + field + "\" is " + kind(value) + ", not a list");
        }
        if (value.isEmpty()) {
            throw new BadLine("\"" + field + "\" is an empty list");
        }
        List<JsonNode> out = new ArrayList<>(value.size());
        value.forEach(out::add);
        return out;
    }

    /** The model a line names ({@code metadata.model}, then {@code model}), else the default; null if none. */
    static String model(JsonNode node, String defaultModel) throws BadLine {
        JsonNode metadata = node.get("metadata");
        if (metadata != null && metadata.isObject()) {
            String model = optional(metadata, "model");
            if (model != null && !model.isBlank()) {
                return modelName(model);
            }
        }
        String model = optional(node, "model");
        if (model != null && !model.isBlank()) {
            return modelName(model);
        }
        return defaultModel;
    }

    private static String modelName(String model) throws BadLine {
        String name = model.strip();
        if (name.length() > 200) {
            throw new BadLine("the model name is longer than 200 characters");
        }
        return name;
    }

    /**
     * The category a line gives ({@code category}), or null. A row this app exported with {@code --metadata} carries
     * it in {@code metadata.category}: read there when the line has none of its own, so an export imports back whole.
     */
    static String category(JsonNode node) throws BadLine {
        String own = category(node, "category");
        JsonNode metadata = node.get("metadata");
        if (own != null || metadata == null || !metadata.isObject()) {
            return own;
        }
        return category(metadata, "category");
    }

    static String category(JsonNode node, String field) throws BadLine {
        String category = optional(node, field);
        if (category == null || category.isBlank()) {
            return null;
        }
        if (category.length() > 300) {
            throw new BadLine("\"" + field + "\" is longer than 300 characters");
        }
        return category.strip();
    }

    /** "an object", "a number": what a value is, for a reason. */
    static String kind(JsonNode value) {
        return switch (value.getNodeType()) {
            case ARRAY -> "a list";
            case OBJECT, POJO -> "an object";
            case NUMBER -> "a number";
            case BOOLEAN -> "true or false";
            case NULL, MISSING -> "null";
            case STRING -> "a string";
            case BINARY -> "binary";
        };
    }
}
