package io.arenainstruct.studio.testserver;

import static io.arenainstruct.studio.testserver.TestHttp.anthropic;
import static io.arenainstruct.studio.testserver.TestHttp.chat;
import static io.arenainstruct.studio.testserver.TestHttp.isJson;
import static io.arenainstruct.studio.testserver.TestHttp.json;
import static io.arenainstruct.studio.testserver.TestHttp.sseEvents;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.arenainstruct.studio.testserver.RecordedRequest.Api;
import io.arenainstruct.studio.testserver.RecordedRequest.Message;
import io.arenainstruct.studio.testserver.TestHttp.SseEvent;

/** The Anthropic side: {@code POST /v1/messages} (JSON and named SSE events), its errors, faults and key check. */
class AnthropicWireFormatTest {

    private static final String MESSAGES = "/v1/messages";
    private static final String MODEL = "claude-3-5-haiku-latest";
    private static final String REPLY = "alpha beta gamma delta epsilon zeta";

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

    private HttpResponse<String> send(String user, boolean stream) throws Exception {
        return http.post(MESSAGES, anthropic(MODEL, user, stream).toString());
    }

    private static List<String> names(JsonNode object) {
        List<String> names = new ArrayList<>();
        object.fieldNames().forEachRemaining(names::add);
        return names;
    }

    private static List<String> eventNames(List<SseEvent> events) {
        return events.stream().map(SseEvent::event).toList();
    }

    /** The text a client assembles from the stream's {@code text_delta} events. */
    private static String streamedText(List<SseEvent> events) throws IOException {
        StringBuilder text = new StringBuilder();
        for (SseEvent event : events) {
            if ("content_block_delta".equals(event.event()) && isJson(event.data())) {
                text.append(json(event.data()).at("/delta/text").asText());
            }
        }
        return text.toString();
    }

    private static void assertAnthropicError(HttpResponse<String> response, int status, String type)
            throws IOException {
        assertThat(response.statusCode()).isEqualTo(status);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/json");
        JsonNode body = json(response);
        assertThat(names(body)).containsExactly("type", "error");
        assertThat(body.get("type").asText()).isEqualTo("error");
        assertThat(names(body.get("error"))).containsExactly("type", "message");
        assertThat(body.at("/error/type").asText()).isEqualTo(type);
        assertThat(body.at("/error/message").asText()).isNotBlank();
    }

    // ------------------------------------------------------------------------------------------ replies

    @Test
    void nonStreamingReplyIsAMessageWithTextContentAndUsage() throws Exception {
        server.reply("The capital of France is Paris.");

        HttpResponse<String> response = send("What is the capital of France?", false);

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/json");
        JsonNode body = json(response);
        assertThat(names(body))
                .containsExactly("id", "type", "role", "model", "content", "stop_reason", "stop_sequence", "usage");
        assertThat(body.get("id").asText()).matches("msg_[A-Za-z0-9_]+");
        assertThat(body.get("type").asText()).isEqualTo("message");
        assertThat(body.get("role").asText()).isEqualTo("assistant");
        assertThat(body.get("model").asText()).isEqualTo(MODEL);
        assertThat(body.get("content").toString())
                .isEqualTo("[{\"type\":\"text\",\"text\":\"The capital of France is Paris.\"}]");
        assertThat(body.get("stop_reason").asText()).isEqualTo("end_turn");
        assertThat(body.get("stop_sequence").isNull()).isTrue();
        assertThat(body.get("usage").toString()).isEqualTo("{\"input_tokens\":6,\"output_tokens\":6}");
        assertThat(body.has("choices")).isFalse();
    }

    @Test
    void streamingReplyIsTheNamedEventSequenceAnthropicSends() throws Exception {
        server.reply("One two three four five");

        HttpResponse<String> response = send("count", true);

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type").orElseThrow()).startsWith("text/event-stream");
        assertThat(response.headers().firstValue("Cache-Control")).hasValue("no-cache");
        assertThat(response.body())
                .doesNotContain("\r")
                .doesNotContain("[DONE]")
                .endsWith("\n\n");
        List<SseEvent> events = sseEvents(response.body());
        assertThat(eventNames(events))
                .containsExactly(
                        "message_start",
                        "content_block_start",
                        "ping",
                        "content_block_delta",
                        "content_block_delta",
                        "content_block_delta",
                        "content_block_delta",
                        "content_block_delta",
                        "content_block_stop",
                        "message_delta",
                        "message_stop");
        for (SseEvent event : events) {
            assertThat(json(event.data()).get("type").asText())
                    .as("data type = event name")
                    .isEqualTo(event.event());
        }

        JsonNode start = json(events.get(0).data());
        assertThat(names(start)).containsExactly("type", "message");
        JsonNode message = start.get("message");
        assertThat(names(message))
                .containsExactly("id", "type", "role", "model", "content", "stop_reason", "stop_sequence", "usage");
        assertThat(message.get("id").asText()).startsWith("msg_");
        assertThat(message.get("type").asText()).isEqualTo("message");
        assertThat(message.get("role").asText()).isEqualTo("assistant");
        assertThat(message.get("model").asText()).isEqualTo(MODEL);
        assertThat(message.get("content")).isEmpty();
        assertThat(message.get("stop_reason").isNull()).isTrue();
        assertThat(message.get("stop_sequence").isNull()).isTrue();
        assertThat(message.at("/usage/input_tokens").asInt()).isEqualTo(1); // "count"

        assertThat(events.get(1).data())
                .isEqualTo("{\"type\":\"content_block_start\",\"index\":0,"
                        + "\"content_block\":{\"type\":\"text\",\"text\":\"\"}}");
        assertThat(events.get(2).data()).isEqualTo("{\"type\":\"ping\"}");
        List<JsonNode> deltas = new ArrayList<>();
        for (SseEvent event : events.subList(3, 8)) {
            deltas.add(json(event.data()));
        }
        assertThat(deltas).allSatisfy(delta -> {
            assertThat(delta.get("index").asInt()).isZero();
            assertThat(names(delta.get("delta"))).containsExactly("type", "text");
            assertThat(delta.at("/delta/type").asText()).isEqualTo("text_delta");
        });
        assertThat(deltas.stream().map(d -> d.at("/delta/text").asText()).collect(Collectors.toList()))
                .containsExactly("One", " two", " three", " four", " five");
        assertThat(events.get(8).data()).isEqualTo("{\"type\":\"content_block_stop\",\"index\":0}");
        assertThat(events.get(9).data())
                .isEqualTo("{\"type\":\"message_delta\",\"delta\":{\"stop_reason\":\"end_turn\","
                        + "\"stop_sequence\":null},\"usage\":{\"output_tokens\":5}}");
        assertThat(events.get(10).data()).isEqualTo("{\"type\":\"message_stop\"}");
    }

    @Test
    void theRecordedRequestHoldsWhatWasSent() throws Exception {
        String body = """
                {"model":"claude-sonnet-4-5","max_tokens":64,"temperature":0.2,"stream":false,
                 "system":[{"type":"text","text":"Answer in JSON."},{"type":"text","text":"Be brief."}],
                 "messages":[{"role":"user","content":[{"type":"text","text":"Name a colour."}]},
                             {"role":"assistant","content":"Red."},
                             {"role":"user","content":"And a fruit?"}]}""";

        http.post(MESSAGES, body, "x-api-key", "sk-ant-test-123", "anthropic-version", "2023-06-01");

        RecordedRequest request = server.lastRequest();
        assertThat(request.path()).isEqualTo(MESSAGES);
        assertThat(request.api()).isEqualTo(Api.ANTHROPIC);
        assertThat(request.isChat()).isTrue();
        assertThat(server.chatRequests()).containsExactly(request);
        assertThat(request.authorization()).as("x-api-key is the credential").isEqualTo("sk-ant-test-123");
        assertThat(request.header("Anthropic-Version")).isEqualTo("2023-06-01");
        assertThat(request.body()).isEqualTo(body);
        assertThat(request.model()).isEqualTo("claude-sonnet-4-5");
        assertThat(request.messages())
                .containsExactly(
                        new Message("system", "Answer in JSON.\nBe brief."),
                        new Message("user", "Name a colour."),
                        new Message("assistant", "Red."),
                        new Message("user", "And a fruit?"));
        assertThat(request.systemMessage()).isEqualTo("Answer in JSON.\nBe brief.");
        assertThat(request.lastUserMessage()).isEqualTo("And a fruit?");
        assertThat(request.maxTokens()).isEqualTo(64);
        assertThat(request.temperature()).isEqualTo(0.2);
        assertThat(request.streamFlag()).isFalse();
        assertThat(request.stream()).isFalse();
        assertThat(request.seed()).isNull();
        assertThat(request.responseFormat()).isNull();
        assertThat(request.jsonSchema()).isNull();
        assertThat(request.promptTokens()).isEqualTo(3 + 2 + 3 + 1 + 3);
    }

    @Test
    void aStringSystemAStreamFlagAndAnOutputFormatAreRecordedToo() throws Exception {
        ObjectNode body = anthropic(MODEL, "hi", true);
        body.put("system", "You are terse.");
        body.putObject("output_config")
                .putObject("format")
                .put("type", "json_schema")
                .putObject("schema")
                .put("type", "object");

        http.post(MESSAGES, body.toString());

        RecordedRequest request = server.lastRequest();
        assertThat(request.messages())
                .containsExactly(new Message("system", "You are terse."), new Message("user", "hi"));
        assertThat(request.systemMessage()).isEqualTo("You are terse.");
        assertThat(request.streamFlag()).isTrue();
        assertThat(request.stream()).isTrue();
        assertThat(request.maxTokens()).isEqualTo(256);
        assertThat(request.temperature()).isNull();
        assertThat(request.authorization()).isNull();
        assertThat(request.responseFormat().get("type").asText()).isEqualTo("json_schema");
        assertThat(request.jsonSchema().toString()).isEqualTo("{\"type\":\"object\"}");
        // without "stream" Anthropic answers with one JSON message
        ObjectNode noFlag = anthropic(MODEL, "hi", false);
        noFlag.remove("stream");
        HttpResponse<String> plain = http.post(MESSAGES, noFlag.toString());
        assertThat(server.lastRequest().streamFlag()).isNull();
        assertThat(server.lastRequest().stream()).isFalse();
        assertThat(json(plain).get("type").asText()).isEqualTo("message");
    }

    // ------------------------------------------------------------------------------------------ errors

    @ParameterizedTest
    @CsvSource({
        "400, invalid_request_error",
        "401, authentication_error",
        "403, permission_error",
        "404, not_found_error",
        "429, rate_limit_error",
        "500, api_error",
        "529, overloaded_error"
    })
    void errorStatusesCarryAnthropicsErrorObject(int status, String type) throws Exception {
        server.enqueue(Fault.status(status), Fault.status(status));

        assertAnthropicError(send("hi", false), status, type);
        // a streaming request gets the same plain JSON error, not an event stream
        assertAnthropicError(send("hi", true), status, type);

        assertThat(send("hi", false).statusCode()).isEqualTo(200);
    }

    @Test
    void overloadedIs529WithAnthropicsMessageAndA429CarriesRetryAfter() throws Exception {
        server.enqueue(Fault.status(529), Fault.status(429).retryAfterSeconds(7));

        HttpResponse<String> overloaded = send("hi", false);
        assertThat(overloaded.body())
                .isEqualTo("{\"type\":\"error\",\"error\":{\"type\":\"overloaded_error\",\"message\":\"Overloaded\"}}");
        assertThat(overloaded.headers().firstValue("Retry-After")).isEmpty();

        HttpResponse<String> limited = send("hi", false);
        assertAnthropicError(limited, 429, "rate_limit_error");
        assertThat(limited.headers().firstValue("Retry-After")).hasValue("7");
    }

    @Test
    void anUnknownModelGets404NotFoundError() throws Exception {
        server.models("claude-3-5-haiku-latest");

        HttpResponse<String> response =
                http.post(MESSAGES, anthropic("claude-9", "hi", false).toString());

        assertAnthropicError(response, 404, "not_found_error");
        assertThat(json(response).at("/error/message").asText()).isEqualTo("model: claude-9");
        assertThat(send("hi", false).statusCode()).isEqualTo(200);
    }

    @Test
    void aRequestWithoutMaxTokensMessagesOrModelOrNotJsonGets400() throws Exception {
        ObjectNode noMaxTokens = anthropic(MODEL, "hi", false);
        noMaxTokens.remove("max_tokens");
        HttpResponse<String> missing = http.post(MESSAGES, noMaxTokens.toString());
        assertAnthropicError(missing, 400, "invalid_request_error");
        assertThat(json(missing).at("/error/message").asText()).isEqualTo("max_tokens: Field required");

        ObjectNode noMessages = anthropic(MODEL, "hi", false);
        noMessages.putArray("messages");
        HttpResponse<String> empty = http.post(MESSAGES, noMessages.toString());
        assertAnthropicError(empty, 400, "invalid_request_error");
        assertThat(json(empty).at("/error/message").asText()).contains("messages");

        ObjectNode noModel = anthropic(MODEL, "hi", false);
        noModel.remove("model");
        HttpResponse<String> modelless = http.post(MESSAGES, noModel.toString());
        assertAnthropicError(modelless, 400, "invalid_request_error");
        assertThat(json(modelless).at("/error/message").asText()).isEqualTo("model: Field required");

        assertAnthropicError(http.post(MESSAGES, "hello?"), 400, "invalid_request_error");
        assertThat(server.chatRequests()).hasSize(4);
    }

    @Test
    void anUnknownPathBelowMessagesGetsAnthropics404() throws Exception {
        HttpResponse<String> response = http.post(
                MESSAGES + "/count_tokens", anthropic(MODEL, "hi", false).toString());

        assertAnthropicError(response, 404, "not_found_error");
        assertThat(server.lastRequest().api()).isEqualTo(Api.ANTHROPIC);
        assertThat(server.lastRequest().isChat()).isFalse();
    }

    @Test
    void overCapacityIsA429RateLimitError() throws Exception {
        server.capacity(1).pauseReplies();
        var held = http.postAsync(MESSAGES, anthropic(MODEL, "held", false).toString());
        server.awaitInFlight(1, TestHttp.TIMEOUT);

        HttpResponse<String> refused = send("one too many", false);

        assertAnthropicError(refused, 429, "rate_limit_error");
        assertThat(server.count429()).isEqualTo(1);
        server.resumeReplies();
        assertThat(held.get().statusCode()).isEqualTo(200);
    }

    // ------------------------------------------------------------------------------------------ API key

    @Test
    void theKeyIsCheckedInTheXApiKeyHeader() throws Exception {
        server.requireApiKey("sk-ant-secret");
        String body = anthropic(MODEL, "hi", false).toString();

        HttpResponse<String> missing = http.post(MESSAGES, body);
        assertAnthropicError(missing, 401, "authentication_error");
        assertThat(json(missing).at("/error/message").asText()).isEqualTo("x-api-key header is required");

        HttpResponse<String> bearer = http.post(MESSAGES, body, "Authorization", "Bearer sk-ant-secret");
        assertAnthropicError(bearer, 401, "authentication_error");
        assertThat(json(bearer).at("/error/message").asText())
                .as("a Bearer header is not Anthropic's key header")
                .isEqualTo("x-api-key header is required");

        HttpResponse<String> wrong = http.post(MESSAGES, body, "x-api-key", "sk-ant-wrong");
        assertAnthropicError(wrong, 401, "authentication_error");
        assertThat(json(wrong).at("/error/message").asText()).isEqualTo("invalid x-api-key");
        assertThat(wrong.body()).doesNotContain("sk-ant-wrong");

        HttpResponse<String> right = http.post(MESSAGES, body, "x-api-key", "sk-ant-secret");
        assertThat(right.statusCode()).isEqualTo(200);
        assertThat(server.requests())
                .extracting(RecordedRequest::authorization)
                .containsExactly(null, null, "sk-ant-wrong", "sk-ant-secret");
    }

    @Test
    void theOtherApisStillWantABearerHeader() throws Exception {
        server.requireApiKey("sk-secret");
        String openAi = chat("gpt-4o-mini", "hi", false).toString();

        assertThat(http.post("/v1/chat/completions", openAi, "x-api-key", "sk-secret")
                        .statusCode())
                .isEqualTo(401);
        assertThat(http.post("/v1/chat/completions", openAi, "Authorization", "Bearer sk-secret")
                        .statusCode())
                .isEqualTo(200);
        assertThat(http.post("/api/chat", openAi, "x-api-key", "sk-secret").statusCode())
                .isEqualTo(401);
        assertThat(server.lastRequest().authorization()).isNull();
        assertThat(http.post(MESSAGES, anthropic(MODEL, "hi", false).toString(), "Authorization", "Bearer sk-secret")
                        .statusCode())
                .isEqualTo(401);
    }

    // ------------------------------------------------------------------------------------------ faults

    @Test
    void truncatedStreamEndsCleanlyWithoutMessageDeltaOrMessageStop() throws Exception {
        server.reply(REPLY).enqueue(Fault.truncatedStream());

        HttpResponse<String> response = send("hello there", true);

        assertThat(response.statusCode()).isEqualTo(200);
        List<SseEvent> events = sseEvents(response.body());
        assertThat(eventNames(events))
                .containsExactly(
                        "message_start",
                        "content_block_start",
                        "ping",
                        "content_block_delta",
                        "content_block_delta",
                        "content_block_delta");
        assertThat(events)
                .allSatisfy(event -> assertThat(isJson(event.data()))
                        .as("every event sent is whole")
                        .isTrue());
        assertThat(streamedText(events)).isEqualTo("alpha beta gamma");
        assertThat(response.body()).doesNotContain("message_delta", "message_stop", "content_block_stop", "end_turn");
        // the same request without the fault is finished
        List<SseEvent> whole = sseEvents(send("hello there", true).body());
        assertThat(eventNames(whole)).endsWith("content_block_stop", "message_delta", "message_stop");
        assertThat(streamedText(whole)).isEqualTo(REPLY);
    }

    @Test
    void truncatedStreamOnAPlainReplyCutsTheJson() throws Exception {
        server.enqueue(Fault.truncatedStream());

        HttpResponse<String> response = send("hello", false);

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).startsWith("{\"id\":\"msg_");
        assertThat(isJson(response.body())).isFalse();
    }

    @Test
    void malformedJsonIsA200ThatDoesNotParseAndOneBadEventInAStream() throws Exception {
        server.reply(REPLY).enqueue(Fault.malformedJson(), Fault.malformedJson());

        HttpResponse<String> plain = send("hello", false);
        assertThat(plain.statusCode()).isEqualTo(200);
        assertThat(plain.headers().firstValue("Content-Type")).hasValue("application/json");
        assertThat(plain.body()).startsWith("{\"id\": \"msg_");
        assertThat(isJson(plain.body())).isFalse();

        HttpResponse<String> streamed = send("hello", true);
        List<SseEvent> events = sseEvents(streamed.body());
        assertThat(events.stream().filter(e -> !isJson(e.data()))).hasSize(1);
        assertThat(events.get(4).event()).isEqualTo("content_block_delta");
        assertThat(isJson(events.get(4).data())).isFalse();
        assertThat(eventNames(events)).endsWith("message_stop");
        assertThat(streamedText(events)).isEqualTo(REPLY);
    }

    @Test
    void resetMidBodyIsAnIOExceptionForAPlainReplyAndForAStream() throws Exception {
        server.enqueue(Fault.resetMidBody(), Fault.resetMidBody());

        assertThatThrownBy(() -> send("hello", false)).isInstanceOf(IOException.class);
        assertThatThrownBy(() -> send("hello", true)).isInstanceOf(IOException.class);

        assertThat(send("hello", false).statusCode()).isEqualTo(200);
    }

    @Test
    void emptyContentIsAMessageWithNoContentBlocks() throws Exception {
        server.enqueue(Fault.emptyContent(), Fault.emptyContent());

        JsonNode plain = json(send("hello", false));
        assertThat(plain.get("content")).isEmpty();
        assertThat(plain.get("stop_reason").asText()).isEqualTo("end_turn");
        assertThat(plain.at("/usage/output_tokens").asInt()).isZero();

        List<SseEvent> events = sseEvents(send("hello", true).body());
        assertThat(eventNames(events)).containsExactly("message_start", "message_delta", "message_stop");
        assertThat(json(events.get(1).data()).at("/usage/output_tokens").asInt())
                .isZero();
    }

    @Test
    void contentFilteredIsARefusalAfterTheFirstPiece() throws Exception {
        server.reply(REPLY).enqueue(Fault.contentFiltered(), Fault.contentFiltered());

        JsonNode plain = json(send("hello", false));
        assertThat(plain.at("/content/0/text").asText()).isEqualTo("alpha");
        assertThat(plain.get("stop_reason").asText()).isEqualTo("refusal");

        List<SseEvent> events = sseEvents(send("hello", true).body());
        assertThat(streamedText(events)).isEqualTo("alpha");
        assertThat(json(events.get(events.size() - 2).data())
                        .at("/delta/stop_reason")
                        .asText())
                .isEqualTo("refusal");
        assertThat(eventNames(events)).endsWith("message_stop");
    }

    @Test
    void contextTooLongIsA400PromptIsTooLong() throws Exception {
        server.enqueue(Fault.contextTooLong());

        HttpResponse<String> response = send("hello", false);

        assertAnthropicError(response, 400, "invalid_request_error");
        assertThat(json(response).at("/error/message").asText())
                .matches("prompt is too long: \\d+ tokens > 200000 maximum");
    }

    @Test
    void quotaExceededIsA400AboutTheCreditBalance() throws Exception {
        server.enqueue(Fault.quotaExceeded());

        HttpResponse<String> response = send("hello", false);

        assertAnthropicError(response, 400, "invalid_request_error");
        assertThat(json(response).at("/error/message").asText()).startsWith("Your credit balance is too low");
    }

    @Test
    void errorMidStreamIsAnErrorEventInsteadOfTheEnd() throws Exception {
        server.reply(REPLY).enqueue(Fault.errorMidStream(), Fault.errorMidStream());

        List<SseEvent> events = sseEvents(send("hello", true).body());
        assertThat(eventNames(events))
                .containsExactly(
                        "message_start",
                        "content_block_start",
                        "ping",
                        "content_block_delta",
                        "content_block_delta",
                        "content_block_delta",
                        "error");
        assertThat(events.get(events.size() - 1).data())
                .isEqualTo("{\"type\":\"error\",\"error\":{\"type\":\"overloaded_error\",\"message\":\"Overloaded\"}}");
        assertThat(streamedText(events)).isEqualTo("alpha beta gamma");

        assertAnthropicError(send("hello", false), 500, "api_error");
    }

    @Test
    void aFailingReplyFunctionIsA500ApiError() throws Exception {
        server.replyWith(request -> {
            throw new IllegalStateException("no reply for " + request.lastUserMessage());
        });

        HttpResponse<String> response = send("x", false);

        assertAnthropicError(response, 500, "api_error");
        assertThat(json(response).at("/error/message").asText()).contains("no reply for x");
    }
}
