package io.arenainstruct.studio.testserver;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * One request as the {@link FakeModelServer} received it — every request, including refused ones — with the
 * fields of a chat request parsed out of any of the wire formats (OpenAI {@code /v1/chat/completions}, Ollama
 * {@code /api/chat} or Anthropic {@code /v1/messages}). Accessors return {@code null} for what the request did
 * not carry.
 */
public final class RecordedRequest {

    /**
     * Which wire format the request's path belongs to: {@code /api/...} and {@code /} are Ollama,
     * {@code /v1/messages} (and below it) is Anthropic, everything else OpenAI.
     */
    public enum Api {
        OPENAI,
        OLLAMA,
        ANTHROPIC
    }

    /**
     * One chat message: its role and its text (the text parts of an OpenAI content array or of Anthropic content
     * blocks joined by newlines).
     */
    public record Message(String role, String content) {}

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Instant receivedAt;
    private final String method;
    private final String path;
    private final String query;
    private final Map<String, List<String>> headers;
    private final String body;
    private final JsonNode json;
    private final Api api;

    private RecordedRequest(
            Instant receivedAt,
            String method,
            String path,
            String query,
            Map<String, List<String>> headers,
            String body,
            JsonNode json) {
        this.receivedAt = receivedAt;
        this.method = method;
        this.path = path;
        this.query = query;
        this.headers = headers;
        this.body = body;
        this.json = json;
        this.api = path.equals("/") || path.startsWith("/api/")
                ? Api.OLLAMA
                : path.equals("/v1/messages") || path.startsWith("/v1/messages/")
                        ? Api.ANTHROPIC
                        // Anthropic's model listing shares OpenAI's path; its clients send anthropic-version.
                        : path.equals("/v1/models") && hasHeader(headers, "anthropic-version")
                                ? Api.ANTHROPIC
                                : Api.OPENAI;
    }

    private static boolean hasHeader(Map<String, List<String>> headers, String name) {
        return headers.keySet().stream().anyMatch(k -> k.equalsIgnoreCase(name));
    }

    static RecordedRequest of(String method, URI uri, Map<String, List<String>> rawHeaders, byte[] rawBody) {
        Map<String, List<String>> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        rawHeaders.forEach((name, values) -> headers.put(name, List.copyOf(values)));
        String body = new String(rawBody, StandardCharsets.UTF_8);
        JsonNode json = null;
        if (!body.isBlank()) {
            try {
                json = JSON.readTree(body);
            } catch (Exception notJson) {
                json = null;
            }
        }
        return new RecordedRequest(
                Instant.now(),
                method,
                uri.getPath(),
                uri.getRawQuery(),
                Collections.unmodifiableMap(headers),
                body,
                json);
    }

    /** A rough, deterministic token count: the number of whitespace-separated words. */
    public static int estimateTokens(String text) {
        if (text == null || text.isBlank()) {
            return 0;
        }
        return text.trim().split("\\s+").length;
    }

    public Instant receivedAt() {
        return receivedAt;
    }

    public String method() {
        return method;
    }

    public String path() {
        return path;
    }

    /** The raw query string, or null. */
    public String query() {
        return query;
    }

    public Api api() {
        return api;
    }

    /** All headers; the map's keys are case-insensitive. */
    public Map<String, List<String>> headers() {
        return headers;
    }

    /** The first value of a header (name case-insensitive), or null. */
    public String header(String name) {
        List<String> values = headers.get(name);
        return values == null || values.isEmpty() ? null : values.get(0);
    }

    /**
     * The credential as sent, or null: the {@code Authorization} header (e.g. {@code "Bearer sk-test"}) for
     * OpenAI and Ollama, the {@code x-api-key} header (the bare key, e.g. {@code "sk-ant-test"}) for Anthropic.
     */
    public String authorization() {
        return header(api == Api.ANTHROPIC ? "x-api-key" : "Authorization");
    }

    /** The body exactly as received (UTF-8), "" when there was none. */
    public String body() {
        return body;
    }

    /** The body parsed as JSON, or null when it was empty or not JSON. */
    public JsonNode json() {
        return json;
    }

    /** True for {@code POST /v1/chat/completions}, {@code POST /api/chat} and {@code POST /v1/messages}. */
    public boolean isChat() {
        return method.equals("POST")
                && (path.equals("/v1/chat/completions") || path.equals("/api/chat") || path.equals("/v1/messages"));
    }

    public String model() {
        return text(field("model"));
    }

    /**
     * The messages in order; content null in the request (e.g. an assistant tool call) becomes "". Anthropic's
     * top-level {@code system} (a string or text blocks) comes first, as a message with role "system".
     */
    public List<Message> messages() {
        JsonNode messages = field("messages");
        List<Message> out = new ArrayList<>();
        JsonNode system = api == Api.ANTHROPIC ? field("system") : null;
        if (system != null && !system.isNull()) {
            out.add(new Message("system", contentText(system)));
        }
        if (messages == null || !messages.isArray()) {
            return List.copyOf(out);
        }
        for (JsonNode m : messages) {
            out.add(new Message(text(m.get("role")), contentText(m.get("content"))));
        }
        return List.copyOf(out);
    }

    /** The content of the last message with role "user", or null. */
    public String lastUserMessage() {
        List<Message> messages = messages();
        for (int i = messages.size() - 1; i >= 0; i--) {
            if ("user".equals(messages.get(i).role())) {
                return messages.get(i).content();
            }
        }
        return null;
    }

    /**
     * The content of the first message with role "system" (or OpenAI's "developer"), or null; for Anthropic the
     * top-level {@code system} (its text blocks joined by newlines).
     */
    public String systemMessage() {
        for (Message m : messages()) {
            if ("system".equals(m.role()) || "developer".equals(m.role())) {
                return m.content();
            }
        }
        return null;
    }

    /** The "stream" field as sent, or null when absent. */
    public Boolean streamFlag() {
        JsonNode stream = field("stream");
        return stream != null && stream.isBoolean() ? stream.booleanValue() : null;
    }

    /**
     * Whether the server answers with a stream: the "stream" field, and when it is absent the endpoint's
     * default — false for OpenAI and Anthropic, TRUE for Ollama's {@code /api/chat}.
     */
    public boolean stream() {
        Boolean flag = streamFlag();
        return flag != null ? flag : api == Api.OLLAMA;
    }

    /** OpenAI {@code stream_options.include_usage}. */
    public boolean includeUsage() {
        JsonNode options = field("stream_options");
        return options != null && options.path("include_usage").asBoolean(false);
    }

    /**
     * The structured-output request: OpenAI's {@code response_format} object (e.g.
     * {@code {"type":"json_schema","json_schema":{"name","strict","schema"}}}), Ollama's {@code format}
     * (a JSON schema object or the string "json") or Anthropic's {@code output_config.format}
     * ({@code {"type":"json_schema","schema":{...}}}); null when absent.
     */
    public JsonNode responseFormat() {
        JsonNode format = switch (api) {
            case OLLAMA -> field("format");
            case ANTHROPIC -> {
                JsonNode config = field("output_config");
                yield config == null ? null : config.get("format");
            }
            case OPENAI -> field("response_format");
        };
        return format == null || format.isNull() ? null : format;
    }

    /**
     * The JSON schema of {@link #responseFormat()}: {@code json_schema.schema} (OpenAI), the {@code format}
     * object (Ollama) or {@code output_config.format.schema} (Anthropic).
     */
    public JsonNode jsonSchema() {
        JsonNode format = responseFormat();
        if (format == null) {
            return null;
        }
        if (api == Api.OLLAMA) {
            return format.isObject() ? format : null;
        }
        if (api == Api.ANTHROPIC) {
            JsonNode schema = format.get("schema");
            return schema == null || schema.isNull() ? null : schema;
        }
        JsonNode schema = format.path("json_schema").get("schema");
        return schema == null || schema.isNull() ? null : schema;
    }

    /** OpenAI {@code json_schema.name}, or null. */
    public String jsonSchemaName() {
        JsonNode format = responseFormat();
        return format == null ? null : text(format.path("json_schema").get("name"));
    }

    /** OpenAI {@code json_schema.strict}, or null. */
    public Boolean jsonSchemaStrict() {
        JsonNode format = responseFormat();
        JsonNode strict = format == null ? null : format.path("json_schema").get("strict");
        return strict != null && strict.isBoolean() ? strict.booleanValue() : null;
    }

    /** Ollama's {@code options} object, or null. */
    public JsonNode options() {
        JsonNode options = field("options");
        return options != null && options.isObject() ? options : null;
    }

    /** {@code temperature} (OpenAI, Anthropic) or {@code options.temperature} (Ollama). */
    public Double temperature() {
        JsonNode t = parameter("temperature");
        return t != null && t.isNumber() ? t.doubleValue() : null;
    }

    /** {@code seed} (OpenAI) or {@code options.seed} (Ollama). */
    public Long seed() {
        JsonNode s = parameter("seed");
        return s != null && s.isNumber() ? s.longValue() : null;
    }

    /**
     * {@code max_completion_tokens}, else {@code max_tokens} (OpenAI; Anthropic's {@code max_tokens}), or
     * {@code options.num_predict} (Ollama).
     */
    public Integer maxTokens() {
        JsonNode n = api == Api.OLLAMA ? parameter("num_predict") : field("max_completion_tokens");
        if ((n == null || n.isNull()) && api != Api.OLLAMA) {
            n = field("max_tokens");
        }
        return n != null && n.isNumber() ? n.intValue() : null;
    }

    /**
     * The estimated prompt tokens: {@link #estimateTokens(String)} summed over all message contents (Anthropic's
     * {@code system} included).
     */
    public int promptTokens() {
        return messages().stream().mapToInt(m -> estimateTokens(m.content())).sum();
    }

    private JsonNode parameter(String name) {
        if (api == Api.OLLAMA) {
            JsonNode options = options();
            return options == null ? null : options.get(name);
        }
        return field(name);
    }

    private JsonNode field(String name) {
        return json != null && json.isObject() ? json.get(name) : null;
    }

    private static String text(JsonNode node) {
        return node == null || node.isNull() ? null : node.asText();
    }

    private static String contentText(JsonNode content) {
        if (content == null || content.isNull()) {
            return "";
        }
        if (content.isArray()) {
            List<String> parts = new ArrayList<>();
            for (JsonNode part : content) {
                if (part.isTextual()) {
                    parts.add(part.asText());
                } else if (part.has("text")) {
                    parts.add(part.get("text").asText());
                }
            }
            return String.join("\n", parts);
        }
        return content.asText();
    }

    @Override
    public String toString() {
        return method + " " + path + (json != null && model() != null ? " model=" + model() : "")
                + (isChat() ? " stream=" + stream() : "");
    }
}
