package io.arenainstruct.studio.testserver;

import java.util.function.Function;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Replies a well-behaved model would give to a structured-output request: a JSON object with every string
 * property the request's JSON schema requires, each filled with a short text naming the field, the start
 * of the user message and a fingerprint of all of it (so tests can tell replies apart and see what each step was
 * given). Requests without
 * a schema get plain text.
 */
public final class SchemaReplies {
    private static final ObjectMapper JSON = new ObjectMapper();

    private SchemaReplies() {}

    public static Function<RecordedRequest, String> fill() {
        return SchemaReplies::reply;
    }

    static String reply(RecordedRequest request) {
        JsonNode schema = request.jsonSchema();
        String user = request.lastUserMessage() == null
                ? ""
                : request.lastUserMessage().strip();
        String gist = user.length() > 60 ? user.substring(0, 60) : user;
        // The start of the message, and a fingerprint of all of it so different requests get different replies.
        gist = gist.replaceAll("\\s+", " ") + " #" + Integer.toHexString(user.hashCode());
        if (schema == null || schema.isMissingNode() || schema.isNull()) {
            return "a reply to: " + gist;
        }
        ObjectNode out = JSON.createObjectNode();
        for (JsonNode required : schema.path("required")) {
            String field = required.asText();
            if ("string"
                    .equals(schema.path("properties").path(field).path("type").asText())) {
                out.put(field, field + " for: " + gist);
            }
        }
        return out.toString();
    }
}
