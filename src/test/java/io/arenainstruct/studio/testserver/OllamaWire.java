package io.arenainstruct.studio.testserver;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** Ollama's native API: JSON bodies, NDJSON streams, {@code {"error":"..."}} errors. */
final class OllamaWire implements WireFormat {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final long LOAD_NANOS = 1_000_000L;
    private static final long PROMPT_TOKEN_NANOS = 1_000_000L;
    private static final long EVAL_TOKEN_NANOS = 10_000_000L;

    /** Ollama names every model {@code name:tag}; a bare name means {@code name:latest}. */
    static String canonical(String model) {
        return model.contains(":") ? model : model + ":latest";
    }

    @Override
    public String jsonContentType() {
        return "application/json; charset=utf-8";
    }

    @Override
    public String streamContentType() {
        return "application/x-ndjson";
    }

    @Override
    public JsonNode completion(Completion c) {
        ObjectNode body = line(c, c.text());
        finish(body, c);
        return body;
    }

    @Override
    public StreamPlan stream(Completion c, boolean includeUsage) {
        List<String> content = new ArrayList<>();
        for (String piece : c.pieces()) {
            ObjectNode line = line(c, piece);
            line.put("done", false);
            content.add(line + "\n");
        }
        ObjectNode last = line(c, "");
        finish(last, c);
        return new StreamPlan(content, List.of(last + "\n"));
    }

    @Override
    public String malformedFrame(Completion c) {
        return "{\"model\":\"" + c.model() + "\",\"message\": this is not JSON\n";
    }

    @Override
    public String errorFrame() {
        return error("an error was encountered while running the model: unexpected EOF") + "\n";
    }

    @Override
    public JsonNode models(List<String> names) {
        ObjectNode body = JSON.createObjectNode();
        ArrayNode models = body.putArray("models");
        for (String name : names) {
            String full = canonical(name);
            ObjectNode model = models.addObject();
            model.put("name", full);
            model.put("model", full);
            model.put("modified_at", "2025-01-01T00:00:00.000000000Z");
            model.put("size", 2_019_393_189L);
            model.put("digest", sha256(full));
            ObjectNode details = model.putObject("details");
            details.put("parent_model", "");
            details.put("format", "gguf");
            String family = full.replaceAll("[^a-z].*$", "");
            details.put("family", family.isEmpty() ? "llama" : family);
            details.putArray("families").add(family.isEmpty() ? "llama" : family);
            details.put("parameter_size", "3.2B");
            details.put("quantization_level", "Q4_K_M");
        }
        return body;
    }

    @Override
    public JsonNode errorForStatus(int status, String model, String messageOverride) {
        if (messageOverride != null) {
            return error(messageOverride);
        }
        return switch (status) {
            case 400 -> error("invalid request");
            case 401 -> error("unauthorized");
            case 403 -> error("forbidden");
            case 404 -> unknownModel(model);
            case 429 -> error("too many requests, please try again later");
            case 500 -> error("llama runner process has terminated: exit status 2");
            case 502 -> error("bad gateway");
            case 503 -> error("server busy, please try again.  maximum pending requests exceeded");
            default -> error("HTTP " + status);
        };
    }

    @Override
    public JsonNode badJson() {
        return error("invalid character 'h' looking for beginning of value");
    }

    @Override
    public JsonNode modelRequired() {
        return error("model is required");
    }

    @Override
    public JsonNode unknownModel(String model) {
        return error("model \"" + model + "\" not found, try pulling it first");
    }

    @Override
    public JsonNode missingApiKey() {
        return error("unauthorized");
    }

    @Override
    public JsonNode wrongApiKey(String presented) {
        return error("unauthorized");
    }

    @Override
    public JsonNode overCapacity(int capacity) {
        return error("too many concurrent requests (at most " + capacity + "), please try again later");
    }

    @Override
    public JsonNode contextTooLong(int promptTokens) {
        return error("the input length exceeds the context length");
    }

    @Override
    public JsonNode quotaExceeded() {
        return error("you have reached your usage limit, please upgrade your plan");
    }

    @Override
    public JsonNode replyFailed(String why) {
        return error("FakeModelServer reply function failed: " + why);
    }

    private static ObjectNode error(String message) {
        ObjectNode body = JSON.createObjectNode();
        body.put("error", message);
        return body;
    }

    private static ObjectNode line(Completion c, String content) {
        ObjectNode line = JSON.createObjectNode();
        line.put("model", c.model());
        line.put("created_at", c.createdAt());
        ObjectNode message = line.putObject("message");
        message.put("role", "assistant");
        message.put("content", content);
        return line;
    }

    private static void finish(ObjectNode line, Completion c) {
        long promptNanos = c.promptTokens() * PROMPT_TOKEN_NANOS;
        long evalNanos = c.completionTokens() * EVAL_TOKEN_NANOS;
        line.put("done_reason", c.finishReason());
        line.put("done", true);
        line.put("total_duration", LOAD_NANOS + promptNanos + evalNanos);
        line.put("load_duration", LOAD_NANOS);
        line.put("prompt_eval_count", c.promptTokens());
        line.put("prompt_eval_duration", promptNanos);
        line.put("eval_count", c.completionTokens());
        line.put("eval_duration", evalNanos);
    }

    private static String sha256(String text) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
