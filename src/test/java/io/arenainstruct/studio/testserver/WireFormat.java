package io.arenainstruct.studio.testserver;

import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;

/** How one API family (OpenAI-compatible or Ollama) spells replies, streams and errors. */
interface WireFormat {

    /** One assistant reply to render: text, its stream pieces, counts and why it ended. */
    record Completion(String id, String model, long createdEpochSeconds, String createdAt, String text,
            List<String> pieces, int promptTokens, int completionTokens, String finishReason) {
    }

    /** The frames of a streamed reply: the content frames, then the frames that end the stream properly. */
    record StreamPlan(List<String> content, List<String> end) {
    }

    String jsonContentType();

    String streamContentType();

    JsonNode completion(Completion c);

    StreamPlan stream(Completion c, boolean includeUsage);

    /** A stream frame that is not JSON. */
    String malformedFrame(Completion c);

    /** A stream frame carrying an error instead of content. */
    String errorFrame();

    /** The body of the model listing ({@code /v1/models} or {@code /api/tags}). */
    JsonNode models(List<String> names);

    // errors — each returns the full JSON body for the status the caller sends

    JsonNode errorForStatus(int status, String model, String messageOverride);

    JsonNode badJson();

    JsonNode modelRequired();

    JsonNode unknownModel(String model);

    JsonNode missingApiKey();

    JsonNode wrongApiKey(String presented);

    JsonNode overCapacity(int capacity);

    JsonNode contextTooLong(int promptTokens);

    JsonNode quotaExceeded();

    JsonNode replyFailed(String why);
}
