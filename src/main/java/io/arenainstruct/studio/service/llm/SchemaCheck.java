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
import com.networknt.schema.resource.DisallowSchemaLoader;

/** Checks a reply against the JSON schema the caller asked for. */
final class SchemaCheck {
    private static final ObjectMapper JSON = new ObjectMapper();
    /**
     * Never loads anything: no network, no file, no class path beyond the built-in meta-schemas. Schemas come from
     * flow files (outside input), so a reference the checks missed fails here instead of being fetched.
     */
    private static final JsonSchemaFactory FACTORY = JsonSchemaFactory.getInstance(
            SpecVersion.VersionFlag.V202012,
            b -> b.schemaLoaders(loaders -> loaders.values(list -> {
                list.clear();
                list.add(DisallowSchemaLoader.getInstance());
            })));

    /** The JSON found in the reply (fences stripped) and what is wrong with it; no problems means valid. */
    record Result(String json, List<String> problems) {
        boolean valid() {
            return problems.isEmpty();
        }
    }

    private SchemaCheck() {}

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
        Set<ValidationMessage> messages;
        try {
            JsonSchema schema = FACTORY.getSchema(schemaText);
            messages = schema.validate(node);
        } catch (RuntimeException e) {
            // requireReadable refuses such a schema before any call; this only keeps a miss from escaping.
            return new Result(json, List.of("the JSON schema cannot be used: " + e.getMessage()));
        }
        return new Result(
                json,
                messages.stream().map(ValidationMessage::getMessage).sorted().collect(Collectors.toList()));
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

    /**
     * Throws {@link IllegalArgumentException} naming the problem when the schema itself is not valid JSON or refers
     * to anything outside itself.
     */
    static void requireReadable(String schemaText) {
        try {
            JSON.readTree(schemaText);
            List<SchemaReferences.Outside> outside = SchemaReferences.outside(schemaText);
            if (!outside.isEmpty()) {
                throw new IllegalArgumentException("the JSON schema cannot be used: "
                        + outside.stream()
                                .map(SchemaReferences.Outside::message)
                                .collect(Collectors.joining("; ")));
            }
            FACTORY.getSchema(schemaText);
        } catch (IllegalArgumentException e) {
            throw e;
        } catch (JsonProcessingException | RuntimeException e) {
            throw new IllegalArgumentException("the JSON schema cannot be read: " + e.getMessage());
        }
    }
}
