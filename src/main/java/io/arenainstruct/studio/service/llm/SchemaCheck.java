package io.arenainstruct.studio.service.llm;

import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;

/** Checks a reply against the JSON schema the caller asked for. */
final class SchemaCheck {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final JsonSchemaFactory FACTORY = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012);

    /** The JSON found in the reply (fences stripped) and what is wrong with it; no problems means valid. */
    record Result(String json, List<String> problems) {
        boolean valid() {
            return problems.isEmpty();
        }
    }

    private SchemaCheck() {
    }

    static Result check(String schemaText, String reply) {
        String json = stripFences(reply);
        JsonNode node;
        try {
            node = JSON.readTree(json);
        } catch (JsonProcessingException e) {
            return new Result(json, List.of("the reply is not JSON: " + e.getOriginalMessage()));
        }
        if (node == null || node.isMissingNode()) {
            return new Result(json, List.of("the reply is empty"));
        }
        JsonSchema schema = FACTORY.getSchema(schemaText);
        Set<ValidationMessage> messages = schema.validate(node);
        return new Result(json, messages.stream().map(ValidationMessage::getMessage).sorted().collect(Collectors.toList()));
    }

    /** Models often wrap JSON in Markdown fences or add a sentence around it. */
    static String stripFences(String reply) {
        String t = reply.strip();
        if (t.startsWith("```")) {
            int firstNewline = t.indexOf('\n');
            int lastFence = t.lastIndexOf("```");
            if (firstNewline > 0 && lastFence > firstNewline) {
                t = t.substring(firstNewline + 1, lastFence).strip();
            }
        }
        if (!(t.startsWith("{") || t.startsWith("["))) {
            int start = t.indexOf('{');
            int end = t.lastIndexOf('}');
            if (start >= 0 && end > start) {
                t = t.substring(start, end + 1);
            }
        }
        return t;
    }

    /** Throws {@link IllegalArgumentException} naming the problem when the schema itself is not valid JSON. */
    static void requireReadable(String schemaText) {
        try {
            JSON.readTree(schemaText);
            FACTORY.getSchema(schemaText);
        } catch (JsonProcessingException | RuntimeException e) {
            throw new IllegalArgumentException("the JSON schema cannot be read: " + e.getMessage());
        }
    }
}
