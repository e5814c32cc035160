package io.arenainstruct.studio.testserver;

import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;

/** How one API family (OpenAI-compatible, Ollama or Anthropic) spells replies, streams and errors. */
interface WireFormat {

    /** One assistant reply to render: text, its stream pieces, counts and why it ended. */
    record Completion(
            String id,
            String model,
            long createdEpochSeconds,
            String createdAt,
            String text,
            List<String> pieces,
            int promptTokens,
            int completionTokens,
            String finishReason) {}

    /** The frames of a streamed reply: the content frames, then the frames that end the stream properly. */
    record StreamPlan(List<String> content, List<String> end) {}

    String jsonContentType();

    /** How completion ids start ({@code chatcmpl-...}, Anthropic {@code msg_...}). */
    default String idPrefix() {
        return "chatcmpl-fake-";
    }

    String streamContentType();

    JsonNode completion(Completion c);

    StreamPlan stream(Completion c, boolean includeUsage);

    /** A 200 body (declared JSON) that is not JSON. */
    default String malformedBody(Completion c) {
        return "{\"id\": \"" + c.id() + "\", \"choices\": [ this is not JSON ]}";
    }

    /** A stream frame that is not JSON. */
    String malformedFrame(Completion c);

    /** A stream frame carrying an error instead of content. */
    String errorFrame();

    /** The body of the model listing ({@code /v1/models} or {@code /api/tags}). */
    JsonNode models(List<String> names);

    // errors — each returns the full JSON body for the status the caller sends

    /**
     * The 400 body for a chat request this API rejects beyond a missing model (Anthropic: no {@code max_tokens},
     * no messages), or null when the request is acceptable. Called with a request whose body is a JSON object.
     */
    default JsonNode validate(RecordedRequest request) {
        return null;
    }

    JsonNode errorForStatus(int status, String model, String messageOverride);

    JsonNode badJson();

    JsonNode modelRequired();

    JsonNode unknownModel(String model);

    JsonNode missingApiKey();

    JsonNode wrongApiKey(String presented);

    JsonNode overCapacity(int capacity);

    JsonNode contextTooLong(int promptTokens);

    /** The status {@link #quotaExceeded()} is sent with: 429, but Anthropic says 400. */
    default int quotaExceededStatus() {
        return 429;
    }

    JsonNode quotaExceeded();

    JsonNode replyFailed(String why);
}
