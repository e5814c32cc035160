package io.arenainstruct.studio.testserver;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** A plain java.net.http client for driving {@link FakeModelServer}, plus SSE / NDJSON parsing of what it answers. */
final class TestHttp {

    static final ObjectMapper JSON = new ObjectMapper();
    static final Duration TIMEOUT = Duration.ofSeconds(10);

    private final HttpClient client = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(TIMEOUT)
            .build();
    private final String baseUrl;

    TestHttp(FakeModelServer server) {
        this.baseUrl = server.baseUrl();
    }

    HttpResponse<String> get(String path, String... headers) throws IOException, InterruptedException {
        return client.send(request(path, headers).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    HttpResponse<String> post(String path, String body, String... headers) throws IOException, InterruptedException {
        return post(path, body, TIMEOUT, headers);
    }

    HttpResponse<String> post(String path, String body, Duration timeout, String... headers)
            throws IOException, InterruptedException {
        return client.send(postRequest(path, body, timeout, headers), HttpResponse.BodyHandlers.ofString());
    }

    CompletableFuture<HttpResponse<String>> postAsync(String path, String body, String... headers) {
        return client.sendAsync(postRequest(path, body, TIMEOUT, headers), HttpResponse.BodyHandlers.ofString());
    }

    private HttpRequest postRequest(String path, String body, Duration timeout, String... headers) {
        return request(path, headers)
                .timeout(timeout)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build();
    }

    private HttpRequest.Builder request(String path, String... headers) {
        HttpRequest.Builder builder =
                HttpRequest.newBuilder(URI.create(baseUrl + path)).timeout(TIMEOUT);
        for (int i = 0; i < headers.length; i += 2) {
            builder.header(headers[i], headers[i + 1]);
        }
        return builder;
    }

    // -------------------------------------------------------------------------------- request bodies

    /** {@code {"model":model,"messages":[{"role":"user","content":user}],"stream":stream}} */
    static ObjectNode chat(String model, String user, boolean stream) {
        ObjectNode body = JSON.createObjectNode();
        body.put("model", model);
        ObjectNode message = body.putArray("messages").addObject();
        message.put("role", "user");
        message.put("content", user);
        body.put("stream", stream);
        return body;
    }

    /**
     * An Anthropic Messages request: {@code {"model":model,"max_tokens":256,"messages":[{"role":"user",
     * "content":user}],"stream":stream}}.
     */
    static ObjectNode anthropic(String model, String user, boolean stream) {
        ObjectNode body = JSON.createObjectNode();
        body.put("model", model);
        body.put("max_tokens", 256);
        ObjectNode message = body.putArray("messages").addObject();
        message.put("role", "user");
        message.put("content", user);
        body.put("stream", stream);
        return body;
    }

    // -------------------------------------------------------------------------------- response parsing

    /** One SSE event: its {@code event:} name (null when it had none) and its {@code data:} payload. */
    record SseEvent(String event, String data) {}

    /** The events of an SSE body with their names, in order (same parsing rules as {@link #sseData(String)}). */
    static List<SseEvent> sseEvents(String body) {
        List<SseEvent> events = new ArrayList<>();
        String name = null;
        StringBuilder data = null;
        for (String line : body.split("\r\n|\n|\r", -1)) {
            if (line.isEmpty()) {
                if (data != null) {
                    events.add(new SseEvent(name, data.toString()));
                }
                name = null;
                data = null;
            } else if (line.startsWith("event:")) {
                String value = line.substring(6);
                name = value.startsWith(" ") ? value.substring(1) : value;
            } else if (line.startsWith("data:")) {
                String value = line.substring(5);
                value = value.startsWith(" ") ? value.substring(1) : value;
                data = data == null
                        ? new StringBuilder(value)
                        : data.append('\n').append(value);
            }
        }
        if (data != null) {
            events.add(new SseEvent(name, data.toString()));
        }
        return events;
    }

    static JsonNode json(HttpResponse<String> response) throws IOException {
        return JSON.readTree(response.body());
    }

    static JsonNode json(String text) throws IOException {
        return JSON.readTree(text);
    }

    /**
     * The payloads of the {@code data:} fields of an SSE body, one per event, in order (per the SSE spec:
     * events end at a blank line, one optional space after the colon is dropped).
     */
    static List<String> sseData(String body) {
        List<String> events = new ArrayList<>();
        StringBuilder data = null;
        for (String line : body.split("\r\n|\n|\r", -1)) {
            if (line.isEmpty()) {
                if (data != null) {
                    events.add(data.toString());
                    data = null;
                }
            } else if (line.startsWith("data:")) {
                String value = line.substring(5);
                value = value.startsWith(" ") ? value.substring(1) : value;
                data = data == null
                        ? new StringBuilder(value)
                        : data.append('\n').append(value);
            }
        }
        if (data != null) {
            events.add(data.toString());
        }
        return events;
    }

    /** The non-empty lines of an NDJSON body. */
    static List<String> ndjsonLines(String body) {
        return body.lines().filter(line -> !line.isBlank()).toList();
    }

    static List<JsonNode> parseAll(List<String> texts) throws IOException {
        List<JsonNode> nodes = new ArrayList<>();
        for (String text : texts) {
            nodes.add(JSON.readTree(text));
        }
        return nodes;
    }

    static boolean isJson(String text) {
        try {
            JSON.readTree(text);
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
