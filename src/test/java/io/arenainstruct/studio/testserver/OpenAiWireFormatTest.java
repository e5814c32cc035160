package io.arenainstruct.studio.testserver;

import static io.arenainstruct.studio.testserver.TestHttp.chat;
import static io.arenainstruct.studio.testserver.TestHttp.json;
import static io.arenainstruct.studio.testserver.TestHttp.parseAll;
import static io.arenainstruct.studio.testserver.TestHttp.sseData;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.List;
import java.util.stream.Collectors;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.arenainstruct.studio.testserver.RecordedRequest.Api;
import io.arenainstruct.studio.testserver.RecordedRequest.Message;

/** The OpenAI-compatible side: {@code /v1/chat/completions} (JSON and SSE) and {@code /v1/models}. */
class OpenAiWireFormatTest {

    private static final String CHAT = "/v1/chat/completions";

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
    void nonStreamingReplyIsAChatCompletionWithUsage() throws Exception {
        server.reply("The capital of France is Paris.");

        HttpResponse<String> response = http.post(
                CHAT,
                chat("gpt-4o-mini", "What is the capital of France?", false).toString());

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/json");
        JsonNode body = json(response);
        assertThat(body.get("id").asText()).startsWith("chatcmpl-");
        assertThat(body.get("object").asText()).isEqualTo("chat.completion");
        assertThat(body.get("created").isIntegralNumber()).isTrue();
        assertThat(body.get("created").asLong()).isPositive();
        assertThat(body.get("model").asText()).isEqualTo("gpt-4o-mini");
        assertThat(body.get("choices")).hasSize(1);
        JsonNode choice = body.get("choices").get(0);
        assertThat(choice.get("index").asInt()).isZero();
        assertThat(choice.at("/message/role").asText()).isEqualTo("assistant");
        assertThat(choice.at("/message/content").asText()).isEqualTo("The capital of France is Paris.");
        assertThat(choice.get("finish_reason").asText()).isEqualTo("stop");
        JsonNode usage = body.get("usage");
        assertThat(usage.get("prompt_tokens").asInt()).isEqualTo(6); // words of the prompt
        assertThat(usage.get("completion_tokens").asInt()).isEqualTo(6); // words of the reply
        assertThat(usage.get("total_tokens").asInt()).isEqualTo(12);
    }

    @Test
    void streamingReplyIsServerSentChunksEndingWithDone() throws Exception {
        server.reply("One two three four five");

        HttpResponse<String> response =
                http.post(CHAT, chat("gpt-4o-mini", "count", true).toString());

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type").orElseThrow()).startsWith("text/event-stream");
        assertThat(response.body()).doesNotContain("\r").contains("data: [DONE]\n\n");
        List<String> events = sseData(response.body());
        assertThat(events.get(events.size() - 1)).isEqualTo("[DONE]");
        List<JsonNode> chunks = parseAll(events.subList(0, events.size() - 1));
        assertThat(chunks).hasSizeGreaterThan(2).allSatisfy(chunk -> {
            assertThat(chunk.get("object").asText()).isEqualTo("chat.completion.chunk");
            assertThat(chunk.get("id").asText()).startsWith("chatcmpl-");
            assertThat(chunk.get("model").asText()).isEqualTo("gpt-4o-mini");
            assertThat(chunk.has("usage"))
                    .as("no usage field unless include_usage")
                    .isFalse();
        });
        assertThat(chunks.stream().map(c -> c.get("id").asText()).distinct()).hasSize(1);
        List<JsonNode> contentChunks = chunks.subList(0, chunks.size() - 1);
        assertThat(contentChunks).hasSize(5).allSatisfy(chunk -> {
            assertThat(chunk.at("/choices/0/delta/role").asText()).isEqualTo("assistant");
            assertThat(chunk.at("/choices/0/finish_reason").isNull()).isTrue();
        });
        assertThat(contentChunks.stream()
                        .map(c -> c.at("/choices/0/delta/content").asText())
                        .collect(Collectors.joining()))
                .isEqualTo("One two three four five");
        JsonNode last = chunks.get(chunks.size() - 1);
        assertThat(last.at("/choices/0/delta").isEmpty()).isTrue();
        assertThat(last.at("/choices/0/finish_reason").asText()).isEqualTo("stop");
    }

    @Test
    void includeUsageAddsAUsageChunkWithNoChoicesBeforeDone() throws Exception {
        server.reply("a b c");
        ObjectNode request = chat("gpt-4o-mini", "three words please", true);
        request.putObject("stream_options").put("include_usage", true);

        List<String> events = sseData(http.post(CHAT, request.toString()).body());

        assertThat(events.get(events.size() - 1)).isEqualTo("[DONE]");
        JsonNode usageChunk = json(events.get(events.size() - 2));
        assertThat(usageChunk.get("choices")).isEmpty();
        assertThat(usageChunk.at("/usage/prompt_tokens").asInt()).isEqualTo(3);
        assertThat(usageChunk.at("/usage/completion_tokens").asInt()).isEqualTo(3);
        assertThat(usageChunk.at("/usage/total_tokens").asInt()).isEqualTo(6);
        JsonNode finishChunk = json(events.get(events.size() - 3));
        assertThat(finishChunk.at("/choices/0/finish_reason").asText()).isEqualTo("stop");
        assertThat(finishChunk.get("usage").isNull())
                .as("other chunks carry usage:null")
                .isTrue();
    }

    @Test
    void modelsAreListed() throws Exception {
        server.models("llama3.2", "qwen2.5");

        HttpResponse<String> response = http.get("/v1/models");

        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode body = json(response);
        assertThat(body.get("object").asText()).isEqualTo("list");
        assertThat(body.get("data")).hasSize(2);
        assertThat(body.get("data").findValuesAsText("id")).containsExactly("llama3.2", "qwen2.5");
        JsonNode first = body.get("data").get(0);
        assertThat(first.get("object").asText()).isEqualTo("model");
        assertThat(first.get("created").asLong()).isZero();
        assertThat(first.get("owned_by").asText()).isEqualTo("fake");
    }

    @Test
    void anUnknownModelGets404ModelNotFound() throws Exception {
        server.models("llama3.2");

        HttpResponse<String> response =
                http.post(CHAT, chat("gpt-5", "hi", false).toString());

        assertThat(response.statusCode()).isEqualTo(404);
        JsonNode error = json(response).get("error");
        assertThat(error.get("code").asText()).isEqualTo("model_not_found");
        assertThat(error.get("type").asText()).isEqualTo("invalid_request_error");
        assertThat(error.get("param").isNull()).isTrue();
        assertThat(error.get("message").asText()).contains("`gpt-5`");
        // the tag-less name and the :latest name are the same model, as in Ollama's OpenAI endpoint
        assertThat(http.post(CHAT, chat("llama3.2:latest", "hi", false).toString())
                        .statusCode())
                .isEqualTo(200);
        // a streaming request gets the same plain JSON error, not an event stream
        HttpResponse<String> streamed =
                http.post(CHAT, chat("gpt-5", "hi", true).toString());
        assertThat(streamed.statusCode()).isEqualTo(404);
        assertThat(streamed.headers().firstValue("Content-Type")).hasValue("application/json");
        assertThat(json(streamed).at("/error/code").asText()).isEqualTo("model_not_found");
    }

    @Test
    void theRecordedRequestHoldsWhatWasSent() throws Exception {
        String body = """
                {"model":"gpt-4o-mini",
                 "messages":[{"role":"system","content":"Answer in JSON."},
                             {"role":"user","content":[{"type":"text","text":"Name a colour."}]},
                             {"role":"assistant","content":null},
                             {"role":"user","content":"And a fruit?"}],
                 "temperature":0.2, "seed":42, "max_tokens":64,
                 "response_format":{"type":"json_schema","json_schema":{"name":"answer","strict":true,
                   "schema":{"type":"object","properties":{"fruit":{"type":"string"}},"required":["fruit"]}}}}""";

        http.post(CHAT, body, "Authorization", "Bearer sk-test-123", "X-Trace", "t-1");

        RecordedRequest request = server.lastRequest();
        assertThat(request.method()).isEqualTo("POST");
        assertThat(request.path()).isEqualTo(CHAT);
        assertThat(request.api()).isEqualTo(Api.OPENAI);
        assertThat(request.isChat()).isTrue();
        assertThat(request.authorization()).isEqualTo("Bearer sk-test-123");
        assertThat(request.header("x-trace")).isEqualTo("t-1");
        assertThat(request.body()).isEqualTo(body);
        assertThat(request.json().get("seed").asInt()).isEqualTo(42);
        assertThat(request.model()).isEqualTo("gpt-4o-mini");
        assertThat(request.messages())
                .containsExactly(
                        new Message("system", "Answer in JSON."),
                        new Message("user", "Name a colour."),
                        new Message("assistant", ""),
                        new Message("user", "And a fruit?"));
        assertThat(request.lastUserMessage()).isEqualTo("And a fruit?");
        assertThat(request.systemMessage()).isEqualTo("Answer in JSON.");
        assertThat(request.streamFlag()).isNull();
        assertThat(request.stream()).as("OpenAI does not stream by default").isFalse();
        assertThat(request.temperature()).isEqualTo(0.2);
        assertThat(request.seed()).isEqualTo(42L);
        assertThat(request.maxTokens()).isEqualTo(64);
        assertThat(request.responseFormat().get("type").asText()).isEqualTo("json_schema");
        assertThat(request.jsonSchemaName()).isEqualTo("answer");
        assertThat(request.jsonSchemaStrict()).isTrue();
        assertThat(request.jsonSchema().at("/properties/fruit/type").asText()).isEqualTo("string");
        assertThat(request.promptTokens()).isEqualTo(3 + 3 + 0 + 3);
    }

    @Test
    void maxCompletionTokensIsRecordedToo() throws Exception {
        ObjectNode request = chat("o4-mini", "hi", false);
        request.put("max_completion_tokens", 100);

        http.post(CHAT, request.toString());

        assertThat(server.lastRequest().maxTokens()).isEqualTo(100);
        assertThat(server.lastRequest().temperature()).isNull();
        assertThat(server.lastRequest().seed()).isNull();
        assertThat(server.lastRequest().responseFormat()).isNull();
        assertThat(server.lastRequest().jsonSchema()).isNull();
    }

    @Test
    void aBodyThatIsNotJsonOrLacksTheModelGets400() throws Exception {
        HttpResponse<String> notJson = http.post(CHAT, "hello?");
        assertThat(notJson.statusCode()).isEqualTo(400);
        assertThat(json(notJson).at("/error/type").asText()).isEqualTo("invalid_request_error");
        assertThat(server.lastRequest().json()).isNull();
        assertThat(server.lastRequest().body()).isEqualTo("hello?");

        HttpResponse<String> noModel = http.post(CHAT, "{\"messages\":[]}");
        assertThat(noModel.statusCode()).isEqualTo(400);
        assertThat(json(noModel).at("/error/message").asText()).contains("model");
    }

    @Test
    void anUnknownUrlGetsOpenAis404() throws Exception {
        HttpResponse<String> response = http.get("/v1/embeddingz");

        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(json(response).at("/error/message").asText()).isEqualTo("Invalid URL (GET /v1/embeddingz)");
        assertThat(json(response).at("/error/code").isNull()).isTrue();
    }
}
