package io.arenainstruct.studio.testserver;

import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** The OpenAI Chat Completions wire format: JSON bodies, SSE streams, {@code {"error":{...}}} errors. */
final class OpenAiWire implements WireFormat {

    static final int CONTEXT_WINDOW = 8192;
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
    public JsonNode completion(Completion c) {
        ObjectNode body = header(c, "chat.completion");
        ObjectNode choice = body.putArray("choices").addObject();
        choice.put("index", 0);
        ObjectNode message = choice.putObject("message");
        message.put("role", "assistant");
        message.put("content", c.text());
        message.putNull("refusal");
        choice.putNull("logprobs");
        choice.put("finish_reason", c.finishReason());
        body.set("usage", usage(c));
        return body;
    }

    @Override
    public StreamPlan stream(Completion c, boolean includeUsage) {
        List<String> content = new ArrayList<>();
        for (String piece : c.pieces()) {
            ObjectNode delta = JSON.createObjectNode();
            delta.put("role", "assistant");
            delta.put("content", piece);
            content.add(frame(chunk(c, delta, null, includeUsage)));
        }
        List<String> end = new ArrayList<>();
        end.add(frame(chunk(c, JSON.createObjectNode(), c.finishReason(), includeUsage)));
        if (includeUsage) {
            ObjectNode usageChunk = header(c, "chat.completion.chunk");
            usageChunk.putArray("choices");
            usageChunk.set("usage", usage(c));
            end.add(frame(usageChunk));
        }
        end.add("data: [DONE]\n\n");
        return new StreamPlan(content, end);
    }

    @Override
    public String malformedFrame(Completion c) {
        return "data: {\"id\":\"" + c.id()
                + "\",\"object\":\"chat.completion.chunk\",\"choices\":[{\"delta\": this is not JSON\n\n";
    }

    @Override
    public String errorFrame() {
        return frame(error(
                "The server had an error while processing your request. Sorry about that!",
                "server_error",
                null,
                null));
    }

    @Override
    public JsonNode models(List<String> names) {
        ObjectNode body = JSON.createObjectNode();
        body.put("object", "list");
        ArrayNode data = body.putArray("data");
        for (String name : names) {
            ObjectNode model = data.addObject();
            model.put("id", name);
            model.put("object", "model");
            model.put("created", 0);
            model.put("owned_by", "fake");
        }
        return body;
    }

    @Override
    public JsonNode errorForStatus(int status, String model, String messageOverride) {
        ObjectNode body = switch (status) {
            case 400 -> error("Invalid request.", "invalid_request_error", null, null);
            case 401 -> wrongApiKey(null);
            case 403 -> error("You are not allowed to sample from this model.", "invalid_request_error", null, null);
            case 404 -> unknownModel(model);
            case 429 ->
                error(
                        "Rate limit reached for requests. Please try again later.",
                        "requests",
                        null,
                        "rate_limit_exceeded");
            case 500 ->
                error(
                        "The server had an error while processing your request. Sorry about that!",
                        "server_error",
                        null,
                        null);
            case 502 -> error("Bad gateway.", "server_error", null, null);
            case 503 ->
                error("The engine is currently overloaded, please try again later.", "server_error", null, null);
            default -> error("HTTP " + status, status < 500 ? "invalid_request_error" : "server_error", null, null);
        };
        if (messageOverride != null) {
            ((ObjectNode) body.get("error")).put("message", messageOverride);
        }
        return body;
    }

    @Override
    public JsonNode badJson() {
        return error(
                "We could not parse the JSON body of your request. (HINT: This likely means you aren't using"
                        + " your HTTP library correctly. The OpenAI API expects a JSON payload, but what was sent "
                        + "was not"
                        + " valid JSON.)",
                "invalid_request_error",
                null,
                null);
    }

    JsonNode invalidUrl(String route) {
        return error("Invalid URL (" + route + ")", "invalid_request_error", null, null);
    }

    @Override
    public JsonNode modelRequired() {
        return error("you must provide a model parameter", "invalid_request_error", null, null);
    }

    @Override
    public ObjectNode unknownModel(String model) {
        return error(
                "The model `" + model + "` does not exist or you do not have access to it.",
                "invalid_request_error",
                null,
                "model_not_found");
    }

    @Override
    public JsonNode missingApiKey() {
        return error(
                "You didn't provide an API key. You need to provide your API key in an Authorization header"
                        + " using Bearer auth (i.e. Authorization: Bearer YOUR_KEY).",
                "invalid_request_error",
                null,
                null);
    }

    @Override
    public ObjectNode wrongApiKey(String presented) {
        return error(
                "Incorrect API key provided: " + redact(presented)
                        + ". You can find your API key at https://platform.openai.com/account/api-keys.",
                "invalid_request_error",
                null,
                "invalid_api_key");
    }

    @Override
    public JsonNode overCapacity(int capacity) {
        return error(
                "Rate limit reached: at most " + capacity + " concurrent requests. Please try again later.",
                "requests",
                null,
                "rate_limit_exceeded");
    }

    @Override
    public JsonNode contextTooLong(int promptTokens) {
        return error(
                "This model's maximum context length is " + CONTEXT_WINDOW + " tokens. However, your messages"
                        + " resulted in " + Math.max(promptTokens, CONTEXT_WINDOW + 1)
                        + " tokens. Please reduce the length"
                        + " of the messages.",
                "invalid_request_error",
                "messages",
                "context_length_exceeded");
    }

    @Override
    public JsonNode quotaExceeded() {
        return error(
                "You exceeded your current quota, please check your plan and billing details.",
                "insufficient_quota",
                null,
                "insufficient_quota");
    }

    @Override
    public JsonNode replyFailed(String why) {
        return error("FakeModelServer reply function failed: " + why, "server_error", null, null);
    }

    private static ObjectNode error(String message, String type, String param, String code) {
        ObjectNode body = JSON.createObjectNode();
        ObjectNode error = body.putObject("error");
        error.put("message", message);
        error.put("type", type);
        error.put("param", param);
        error.put("code", code);
        return body;
    }

    private static String redact(String key) {
        if (key == null || key.length() <= 6) {
            return "sk-***";
        }
        return key.substring(0, 3) + "*".repeat(Math.min(key.length() - 6, 20)) + key.substring(key.length() - 3);
    }

    private static ObjectNode header(Completion c, String object) {
        ObjectNode body = JSON.createObjectNode();
        body.put("id", c.id());
        body.put("object", object);
        body.put("created", c.createdEpochSeconds());
        body.put("model", c.model());
        body.put("system_fingerprint", "fp_fake");
        return body;
    }

    private static ObjectNode chunk(Completion c, ObjectNode delta, String finishReason, boolean includeUsage) {
        ObjectNode chunk = header(c, "chat.completion.chunk");
        ObjectNode choice = chunk.putArray("choices").addObject();
        choice.put("index", 0);
        choice.set("delta", delta);
        choice.putNull("logprobs");
        choice.put("finish_reason", finishReason);
        if (includeUsage) {
            chunk.putNull("usage");
        }
        return chunk;
    }

    private static ObjectNode usage(Completion c) {
        ObjectNode usage = JSON.createObjectNode();
        usage.put("prompt_tokens", c.promptTokens());
        usage.put("completion_tokens", c.completionTokens());
        usage.put("total_tokens", c.promptTokens() + c.completionTokens());
        return usage;
    }

    private static String frame(JsonNode event) {
        return "data: " + event + "\n\n";
    }
}
