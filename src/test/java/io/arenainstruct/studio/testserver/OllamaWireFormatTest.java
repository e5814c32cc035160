package io.arenainstruct.studio.testserver;

import static io.arenainstruct.studio.testserver.TestHttp.chat;
import static io.arenainstruct.studio.testserver.TestHttp.json;
import static io.arenainstruct.studio.testserver.TestHttp.ndjsonLines;
import static io.arenainstruct.studio.testserver.TestHttp.parseAll;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.List;
import java.util.stream.Collectors;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.arenainstruct.studio.testserver.RecordedRequest.Api;
import io.arenainstruct.studio.testserver.RecordedRequest.Message;

/** The Ollama side: {@code /api/chat} (JSON and NDJSON), {@code /api/tags}, and Ollama's error bodies. */
class OllamaWireFormatTest {

    private static final String CHAT = "/api/chat";

    private FakeModelServer server;
    private TestHttp http;

    @BeforeEach
    void start() {
        server = FakeModelServer.start();
        http = new TestHttp(server);
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void nonStreamingReplyIsOneObjectWithDoneAndCounts() throws Exception {
        server.reply("Paris is the capital.");

        HttpResponse<String> response =
                http.post(CHAT, chat("llama3.2", "Capital of France?", false).toString());

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type").orElseThrow()).startsWith("application/json");
        JsonNode body = json(response);
        assertThat(body.get("model").asText()).isEqualTo("llama3.2");
        assertThat(Instant.parse(body.get("created_at").asText())).isBeforeOrEqualTo(Instant.now());
        assertThat(body.at("/message/role").asText()).isEqualTo("assistant");
        assertThat(body.at("/message/content").asText()).isEqualTo("Paris is the capital.");
        assertThat(body.get("done").asBoolean()).isTrue();
        assertThat(body.get("done_reason").asText()).isEqualTo("stop");
        assertThat(body.get("prompt_eval_count").asInt()).isEqualTo(3);
        assertThat(body.get("eval_count").asInt()).isEqualTo(4);
        assertThat(body.get("total_duration").asLong())
                .isPositive()
                .isGreaterThanOrEqualTo(body.get("eval_duration").asLong()
                        + body.get("prompt_eval_duration").asLong());
    }

    @Test
    void streamingReplyIsNdjsonEndingWithDoneTrue() throws Exception {
        server.reply("Once upon a time");

        HttpResponse<String> response =
                http.post(CHAT, chat("llama3.2", "tell a story", true).toString());

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/x-ndjson");
        assertThat(response.body()).endsWith("}\n");
        List<JsonNode> lines = parseAll(ndjsonLines(response.body()));
        List<JsonNode> content = lines.subList(0, lines.size() - 1);
        assertThat(content).hasSize(4).allSatisfy(line -> {
            assertThat(line.get("done").asBoolean()).isFalse();
            assertThat(line.has("done_reason")).isFalse();
            assertThat(line.get("model").asText()).isEqualTo("llama3.2");
            assertThat(line.at("/message/role").asText()).isEqualTo("assistant");
        });
        assertThat(content.stream().map(l -> l.at("/message/content").asText()).collect(Collectors.joining()))
                .isEqualTo("Once upon a time");
        JsonNode last = lines.get(lines.size() - 1);
        assertThat(last.get("done").asBoolean()).isTrue();
        assertThat(last.get("done_reason").asText()).isEqualTo("stop");
        assertThat(last.at("/message/content").asText()).isEmpty();
        assertThat(last.get("prompt_eval_count").asInt()).isEqualTo(3);
        assertThat(last.get("eval_count").asInt()).isEqualTo(4);
    }

    @Test
    void withoutAStreamFieldOllamaStreams() throws Exception {
        ObjectNode request = chat("llama3.2", "hi", false);
        request.remove("stream");

        HttpResponse<String> response = http.post(CHAT, request.toString());

        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/x-ndjson");
        assertThat(ndjsonLines(response.body())).hasSizeGreaterThan(1);
        assertThat(server.lastRequest().streamFlag()).isNull();
        assertThat(server.lastRequest().stream()).isTrue();
    }

    @Test
    void tagsListTheModelsWithTheirLatestTag() throws Exception {
        server.models("llama3.2", "qwen2.5:7b");

        HttpResponse<String> response = http.get("/api/tags");

        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode models = json(response).get("models");
        assertThat(models).hasSize(2);
        assertThat(models.get(0).get("name").asText()).isEqualTo("llama3.2:latest");
        assertThat(models.get(0).get("model").asText()).isEqualTo("llama3.2:latest");
        assertThat(models.get(1).get("name").asText()).isEqualTo("qwen2.5:7b");
        assertThat(Instant.parse(models.get(0).get("modified_at").asText())).isNotNull();
        assertThat(models.get(0).get("size").asLong()).isPositive();
        assertThat(models.get(0).get("digest").asText()).matches("[0-9a-f]{64}");
        assertThat(models.get(0).at("/details/format").asText()).isEqualTo("gguf");
    }

    @Test
    void anUnknownModelGetsOllamas404() throws Exception {
        server.models("llama3.2");

        HttpResponse<String> response =
                http.post(CHAT, chat("mistral", "hi", false).toString());

        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(response.body()).isEqualTo("{\"error\":\"model \\\"mistral\\\" not found, try pulling it first\"}");
        assertThat(json(response).get("error").asText()).isEqualTo("model \"mistral\" not found, try pulling it first");
        assertThat(http.post(CHAT, chat("llama3.2:latest", "hi", false).toString())
                        .statusCode())
                .isEqualTo(200);
    }

    @Test
    void theRecordedRequestHoldsFormatAndOptions() throws Exception {
        String body = """
                {"model":"llama3.2","stream":false,
                 "messages":[{"role":"system","content":"Be brief."},{"role":"user","content":"Name a fruit."}],
                 "format":{"type":"object","properties":{"fruit":{"type":"string"}},"required":["fruit"]},
                 "options":{"temperature":0.7,"seed":7,"num_predict":128,"top_p":0.9}}""";
        server.replyWith(request -> request.jsonSchema() != null ? "{\"fruit\":\"apple\"}" : "apple");

        HttpResponse<String> response = http.post(CHAT, body);

        assertThat(json(json(response).at("/message/content").asText())
                        .get("fruit")
                        .asText())
                .isEqualTo("apple");
        RecordedRequest request = server.lastRequest();
        assertThat(request.api()).isEqualTo(Api.OLLAMA);
        assertThat(request.isChat()).isTrue();
        assertThat(request.messages())
                .containsExactly(new Message("system", "Be brief."), new Message("user", "Name a fruit."));
        assertThat(request.stream()).isFalse();
        assertThat(request.temperature()).isEqualTo(0.7);
        assertThat(request.seed()).isEqualTo(7L);
        assertThat(request.maxTokens()).isEqualTo(128);
        assertThat(request.options().get("top_p").asDouble()).isEqualTo(0.9);
        assertThat(request.responseFormat().isObject()).isTrue();
        assertThat(request.jsonSchema().at("/required/0").asText()).isEqualTo("fruit");
    }

    @Test
    void formatJsonIsRecordedWithoutASchema() throws Exception {
        ObjectNode request = chat("llama3.2", "json please", false);
        request.put("format", "json");

        http.post(CHAT, request.toString());

        assertThat(server.lastRequest().responseFormat().asText()).isEqualTo("json");
        assertThat(server.lastRequest().jsonSchema()).isNull();
        assertThat(server.lastRequest().options()).isNull();
        assertThat(server.lastRequest().temperature()).isNull();
    }

    @Test
    void badBodiesGetOllamaErrors() throws Exception {
        HttpResponse<String> notJson = http.post(CHAT, "hello");
        assertThat(notJson.statusCode()).isEqualTo(400);
        assertThat(json(notJson).get("error").isTextual()).isTrue();

        HttpResponse<String> noModel = http.post(CHAT, "{\"messages\":[]}");
        assertThat(noModel.statusCode()).isEqualTo(400);
        assertThat(json(noModel).get("error").asText()).isEqualTo("model is required");
    }

    @Test
    void rootVersionAndUnknownPathsAnswerLikeOllama() throws Exception {
        HttpResponse<String> root = http.get("/");
        assertThat(root.statusCode()).isEqualTo(200);
        assertThat(root.body()).isEqualTo("Ollama is running");

        HttpResponse<String> version = http.get("/api/version");
        assertThat(json(version).get("version").asText()).matches("\\d+\\.\\d+\\.\\d+");

        HttpResponse<String> unknown = http.get("/api/nothing");
        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(unknown.body()).isEqualTo("404 page not found");
    }
}
