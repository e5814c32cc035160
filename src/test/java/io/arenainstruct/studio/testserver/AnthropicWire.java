package io.arenainstruct.studio.testserver;

import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The Anthropic Messages API ({@code POST /v1/messages}): JSON messages with content blocks, SSE streams of named
 * events ({@code message_start}, {@code content_block_start}, {@code ping}, {@code content_block_delta}...,
 * {@code content_block_stop}, {@code message_delta}, {@code message_stop}), and
 * {@code {"type":"error","error":{"type":...,"message":...}}} errors.
 *
 * <p>The server's generic finish reasons are spelled the Anthropic way: "stop" is {@code end_turn} and
 * "content_filter" is {@code refusal}.
 */
final class AnthropicWire implements WireFormat {

    static final int CONTEXT_WINDOW = 200_000;
    /** Anthropic's "overloaded" status. */
    static final int OVERLOADED = 529;

    private static final ObjectMapper JSON = new ObjectMapper();

    @Override
    public String jsonContentType() {
        return "application/json";
    }

    @Override
    public String streamContentType() {
        return "text/event-stream; charset=utf-8";
    }

    @Override
    public String idPrefix() {
        return "msg_fake_";
    }

    @Override
    public JsonNode completion(Completion c) {
        ObjectNode body = message(c);
        if (!c.text().isEmpty()) {
            ObjectNode block = ((ArrayNode) body.get("content")).addObject();
            block.put("type", "text");
            block.put("text", c.text());
        }
        body.put("stop_reason", stopReason(c));
        body.putNull("stop_sequence");
        body.set("usage", usage(c.promptTokens(), c.completionTokens()));
        return body;
    }

    /**
     * The first content frame carries {@code message_start}, {@code content_block_start} and {@code ping} before
     * the first {@code text_delta}, so that a cut after "half of the content" still has a proper beginning. An
     * empty reply has no content block at all (as with {@link #completion(Completion)}'s {@code "content":[]}).
     */
    @Override
    public StreamPlan stream(Completion c, boolean includeUsage) {
        ObjectNode start = event("message_start");
        ObjectNode message = start.putObject("message");
        message.setAll(message(c));
        message.putNull("stop_reason");
        message.putNull("stop_sequence");
        message.set("usage", usage(c.promptTokens(), 1));
        String prelude = frame(start);

        List<String> pieces =
                c.pieces().stream().filter(piece -> !piece.isEmpty()).toList();
        List<String> content = new ArrayList<>();
        List<String> end = new ArrayList<>();
        if (pieces.isEmpty()) {
            content.add(prelude);
        } else {
            ObjectNode blockStart = event("content_block_start");
            blockStart.put("index", 0);
            ObjectNode block = blockStart.putObject("content_block");
            block.put("type", "text");
            block.put("text", "");
            prelude += frame(blockStart) + frame(event("ping"));
            for (String piece : pieces) {
                ObjectNode delta = event("content_block_delta");
                delta.put("index", 0);
                ObjectNode textDelta = delta.putObject("delta");
                textDelta.put("type", "text_delta");
                textDelta.put("text", piece);
                content.add(content.isEmpty() ? prelude + frame(delta) : frame(delta));
            }
            ObjectNode blockStop = event("content_block_stop");
            blockStop.put("index", 0);
            end.add(frame(blockStop));
        }
        ObjectNode messageDelta = event("message_delta");
        ObjectNode delta = messageDelta.putObject("delta");
        delta.put("stop_reason", stopReason(c));
        delta.putNull("stop_sequence");
        messageDelta.putObject("usage").put("output_tokens", c.completionTokens());
        end.add(frame(messageDelta));
        end.add(frame(event("message_stop")));
        return new StreamPlan(content, end);
    }

    @Override
    public String malformedBody(Completion c) {
        return "{\"id\": \"" + c.id() + "\", \"type\": \"message\", \"content\": [ this is not JSON ]}";
    }

    @Override
    public String malformedFrame(Completion c) {
        return "event: content_block_delta\n"
                + "data: {\"type\":\"content_block_delta\",\"index\":0,\"delta\": this is not JSON\n\n";
    }

    /** Anthropic's documented mid-stream error: an {@code error} event, here "Overloaded". */
    @Override
    public String errorFrame() {
        return frame(error("overloaded_error", "Overloaded"));
    }

    /** Not served: the fake has no Anthropic {@code GET /v1/models} (that path is OpenAI's listing). */
    @Override
    public JsonNode models(List<String> names) {
        // GET /v1/models as Anthropic answers it: newest first, one page.
        ObjectNode body = JSON.createObjectNode();
        ArrayNode data = body.putArray("data");
        for (String name : names) {
            ObjectNode model = data.addObject();
            model.put("type", "model");
            model.put("id", name);
            model.put("display_name", name);
            model.put("created_at", "2025-01-01T00:00:00Z");
        }
        body.put("has_more", false);
        body.put("first_id", names.isEmpty() ? null : names.get(0));
        body.put("last_id", names.isEmpty() ? null : names.get(names.size() - 1));
        return body;
    }

    @Override
    public JsonNode validate(RecordedRequest request) {
        JsonNode maxTokens = request.json().get("max_tokens");
        if (maxTokens == null || maxTokens.isNull()) {
            return error("invalid_request_error", "max_tokens: Field required");
        }
        if (!maxTokens.canConvertToInt() || maxTokens.intValue() < 1) {
            return error("invalid_request_error", "max_tokens: Input should be greater than or equal to 1");
        }
        JsonNode messages = request.json().get("messages");
        if (messages == null || !messages.isArray()) {
            return error("invalid_request_error", "messages: Field required");
        }
        if (messages.isEmpty()) {
            return error("invalid_request_error", "messages: at least one message is required");
        }
        return null;
    }

    @Override
    public JsonNode errorForStatus(int status, String model, String messageOverride) {
        ObjectNode body = switch (status) {
            case 400 -> error("invalid_request_error", "Invalid request.");
            case 401 -> wrongApiKey(null);
            case 403 ->
                error("permission_error", "Your API key does not have permission to use the specified resource.");
            case 404 -> unknownModel(model);
            case 413 -> error("request_too_large", "Request exceeds the maximum allowed number of bytes.");
            case 429 ->
                error(
                        "rate_limit_error",
                        "This request would exceed the rate limit for your organization"
                                + " of 50 requests per minute. Please try again later.");
            case 500 -> error("api_error", "Internal server error");
            case 504 -> error("timeout_error", "Request timed out");
            case OVERLOADED -> error("overloaded_error", "Overloaded");
            default -> error(status < 500 ? "invalid_request_error" : "api_error", "HTTP " + status);
        };
        if (messageOverride != null) {
            ((ObjectNode) body.get("error")).put("message", messageOverride);
        }
        return body;
    }

    @Override
    public JsonNode badJson() {
        return error("invalid_request_error", "There was an issue with the request body: it is not valid JSON.");
    }

    @Override
    public JsonNode modelRequired() {
        return error("invalid_request_error", "model: Field required");
    }

    @Override
    public ObjectNode unknownModel(String model) {
        return error("not_found_error", "model: " + model);
    }

    JsonNode notFound() {
        return error("not_found_error", "Not Found");
    }

    @Override
    public JsonNode missingApiKey() {
        return error("authentication_error", "x-api-key header is required");
    }

    @Override
    public ObjectNode wrongApiKey(String presented) {
        return error("authentication_error", "invalid x-api-key");
    }

    @Override
    public JsonNode overCapacity(int capacity) {
        return error(
                "rate_limit_error",
                "Number of concurrent connections has exceeded your rate limit (at most " + capacity
                        + "). Please try again later.");
    }

    @Override
    public JsonNode contextTooLong(int promptTokens) {
        return error(
                "invalid_request_error",
                "prompt is too long: " + Math.max(promptTokens, CONTEXT_WINDOW + 1) + " tokens > " + CONTEXT_WINDOW
                        + " maximum");
    }

    /** Anthropic answers an empty credit balance with a 400, not a 429. */
    @Override
    public int quotaExceededStatus() {
        return 400;
    }

    @Override
    public JsonNode quotaExceeded() {
        return error(
                "invalid_request_error",
                "Your credit balance is too low to access the Anthropic API. Please go"
                        + " to Plans & Billing to upgrade or purchase credits.");
    }

    @Override
    public JsonNode replyFailed(String why) {
        return error("api_error", "FakeModelServer reply function failed: " + why);
    }

    private static String stopReason(Completion c) {
        return switch (c.finishReason()) {
            case "stop" -> "end_turn";
            case "content_filter" -> "refusal";
            case "length" -> "max_tokens";
            default -> c.finishReason();
        };
    }

    /** id, type, role, model, content: the head of a message object ({@code content} empty). */
    private static ObjectNode message(Completion c) {
        ObjectNode message = JSON.createObjectNode();
        message.put("id", c.id());
        message.put("type", "message");
        message.put("role", "assistant");
        message.put("model", c.model());
        message.putArray("content");
        return message;
    }

    private static ObjectNode usage(int inputTokens, int outputTokens) {
        ObjectNode usage = JSON.createObjectNode();
        usage.put("input_tokens", inputTokens);
        usage.put("output_tokens", outputTokens);
        return usage;
    }

    private static ObjectNode event(String type) {
        ObjectNode event = JSON.createObjectNode();
        event.put("type", type);
        return event;
    }

    static ObjectNode error(String type, String message) {
        ObjectNode body = event("error");
        ObjectNode error = body.putObject("error");
        error.put("type", type);
        error.put("message", message);
        return body;
    }

    /** One SSE event: its name is the JSON's "type", as Anthropic sends it. */
    private static String frame(JsonNode event) {
        return "event: " + event.get("type").asText() + "\ndata: " + event + "\n\n";
    }
}
