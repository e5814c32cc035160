package io.arenainstruct.studio.testserver;

import static io.arenainstruct.studio.testserver.TestHttp.chat;
import static io.arenainstruct.studio.testserver.TestHttp.isJson;
import static io.arenainstruct.studio.testserver.TestHttp.json;
import static io.arenainstruct.studio.testserver.TestHttp.ndjsonLines;
import static io.arenainstruct.studio.testserver.TestHttp.parseAll;
import static io.arenainstruct.studio.testserver.TestHttp.sseData;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;
import com.fasterxml.jackson.databind.JsonNode;

/** Every {@link Fault}, in both wire formats where it applies, seen by a plain HTTP client. */
class FaultTest {

    /** The two chat endpoints and how to read their streams. */
    enum Endpoint {
        OPENAI("/v1/chat/completions"),
        OLLAMA("/api/chat");

        final String path;

        Endpoint(String path) {
            this.path = path;
        }

        /** The stream's events (SSE data payloads or NDJSON lines). */
        List<String> events(String body) {
            return this == OPENAI ? sseData(body) : ndjsonLines(body);
        }

        /** Whether a streamed body was properly finished: [DONE] / a line with done:true. */
        boolean streamFinished(String body) throws IOException {
            List<String> events = events(body);
            if (events.isEmpty()) {
                return false;
            }
            String last = events.get(events.size() - 1);
            return this == OPENAI
                    ? last.equals("[DONE]")
                    : isJson(last) && json(last).path("done").asBoolean();
        }

        /** The text a client would assemble from the stream's content events. */
        String streamedText(String body) throws IOException {
            StringBuilder text = new StringBuilder();
            for (String event : events(body)) {
                if (!event.equals("[DONE]") && isJson(event)) {
                    JsonNode node = json(event);
                    text.append(
                            this == OPENAI
                                    ? node.at("/choices/0/delta/content").asText("")
                                    : node.at("/message/content").asText(""));
                }
            }
            return text.toString();
        }

        /** The assistant text of a non-streaming reply. */
        String text(JsonNode body) {
            return this == OPENAI
                    ? body.at("/choices/0/message/content").asText()
                    : body.at("/message/content").asText();
        }

        /** The human-readable error message of an error body. */
        String errorMessage(JsonNode body) {
            return this == OPENAI
                    ? body.at("/error/message").asText()
                    : body.get("error").asText();
        }
    }

    private static final String REPLY = "alpha beta gamma delta epsilon zeta";

    private FakeModelServer server;
    private TestHttp http;

    @BeforeEach
    void start() {
        server = FakeModelServer.start().reply(REPLY);
        http = new TestHttp(server);
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private HttpResponse<String> chatOn(Endpoint endpoint, boolean stream) throws Exception {
        return http.post(endpoint.path, chat("llama3.2", "hello there", stream).toString());
    }

    private void assertNextReplyIsNormal(Endpoint endpoint) throws Exception {
        HttpResponse<String> next = chatOn(endpoint, false);
        assertThat(next.statusCode()).isEqualTo(200);
        assertThat(endpoint.text(json(next))).isEqualTo(REPLY);
    }

    // ------------------------------------------------------------------------------------------ statuses

    @Test
    void status429WithRetryAfterThenNormalAgain() throws Exception {
        server.enqueue(Fault.status(429).retryAfterSeconds(2));

        HttpResponse<String> refused = chatOn(Endpoint.OPENAI, false);

        assertThat(refused.statusCode()).isEqualTo(429);
        assertThat(refused.headers().firstValue("Retry-After")).hasValue("2");
        JsonNode error = json(refused).get("error");
        assertThat(error.get("code").asText()).isEqualTo("rate_limit_exceeded");
        assertThat(error.get("type").asText()).isEqualTo("requests");
        assertThat(error.get("message").asText()).isNotBlank();
        assertThat(error.has("param")).isTrue();
        assertThat(server.pendingFaults()).isEmpty();
        assertThat(server.count429())
                .as("a queued 429 is not a capacity refusal")
                .isZero();
        assertNextReplyIsNormal(Endpoint.OPENAI);
    }

    @Test
    void status429WithoutRetryAfter() throws Exception {
        server.enqueue(Fault.status(429));

        HttpResponse<String> refused = chatOn(Endpoint.OPENAI, true);

        assertThat(refused.statusCode()).isEqualTo(429);
        assertThat(refused.headers().firstValue("Retry-After")).isEmpty();
        assertThat(refused.headers().firstValue("Content-Type")).hasValue("application/json");
        assertThat(json(refused).at("/error/code").asText()).isEqualTo("rate_limit_exceeded");
    }

    @ParameterizedTest
    @CsvSource(
            nullValues = "null",
            value = {
                "400, invalid_request_error, null",
                "401, invalid_request_error, invalid_api_key",
                "404, invalid_request_error, model_not_found",
                "429, requests, rate_limit_exceeded",
                "500, server_error, null",
                "502, server_error, null",
                "503, server_error, null"
            })
    void openAiErrorStatusesCarryOpenAisErrorObject(int status, String type, String code) throws Exception {
        server.enqueue(Fault.status(status));

        HttpResponse<String> response = chatOn(Endpoint.OPENAI, false);

        assertThat(response.statusCode()).isEqualTo(status);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/json");
        JsonNode error = json(response).get("error");
        assertThat(error.get("message").asText()).isNotBlank();
        assertThat(error.get("type").asText()).isEqualTo(type);
        assertThat(error.get("param").isNull()).isTrue();
        if (code == null) {
            assertThat(error.get("code").isNull()).isTrue();
        } else {
            assertThat(error.get("code").asText()).isEqualTo(code);
        }
        assertNextReplyIsNormal(Endpoint.OPENAI);
    }

    @ParameterizedTest
    @ValueSource(ints = {400, 401, 404, 429, 500, 502, 503})
    void ollamaErrorStatusesCarryAnErrorString(int status) throws Exception {
        server.enqueue(Fault.status(status).retryAfterSeconds(1));

        HttpResponse<String> response = chatOn(Endpoint.OLLAMA, true);

        assertThat(response.statusCode()).isEqualTo(status);
        assertThat(response.headers().firstValue("Content-Type").orElseThrow()).startsWith("application/json");
        assertThat(response.headers().firstValue("Retry-After")).hasValue("1");
        JsonNode body = json(response);
        assertThat(body.size()).isEqualTo(1);
        assertThat(body.get("error").isTextual()).isTrue();
        if (status == 404) {
            assertThat(body.get("error").asText()).isEqualTo("model \"llama3.2\" not found, try pulling it first");
        }
        if (status == 503) {
            assertThat(body.get("error").asText()).startsWith("server busy");
        }
        assertNextReplyIsNormal(Endpoint.OLLAMA);
    }

    @Test
    void messageAndRawBodyReplaceTheErrorBody() throws Exception {
        server.enqueue(
                Fault.status(500).message("boom"),
                Fault.status(502).rawBody("text/html", "<html><body><h1>502 Bad Gateway</h1></body></html>"));

        HttpResponse<String> custom = chatOn(Endpoint.OPENAI, false);
        assertThat(custom.statusCode()).isEqualTo(500);
        assertThat(json(custom).at("/error/message").asText()).isEqualTo("boom");
        assertThat(json(custom).at("/error/type").asText()).isEqualTo("server_error");

        HttpResponse<String> html = chatOn(Endpoint.OPENAI, false);
        assertThat(html.statusCode()).isEqualTo(502);
        assertThat(html.headers().firstValue("Content-Type")).hasValue("text/html");
        assertThat(html.body()).startsWith("<html>");
    }

    @Test
    void faultsAreServedInOrderOnlyToChatRequests() throws Exception {
        server.enqueue(Fault.status(503), Fault.status(500));

        assertThat(http.get("/v1/models").statusCode()).isEqualTo(200);
        assertThat(http.post("/v1/chat/completions", "not json").statusCode())
                .as("invalid request")
                .isEqualTo(400);
        assertThat(server.pendingFaults()).hasSize(2);
        assertThat(chatOn(Endpoint.OLLAMA, false).statusCode()).isEqualTo(503);
        assertThat(chatOn(Endpoint.OPENAI, false).statusCode()).isEqualTo(500);
        assertThat(chatOn(Endpoint.OPENAI, false).statusCode()).isEqualTo(200);
    }

    @Test
    void faultModifiersOnlyApplyToStatusFaults() {
        assertThatThrownBy(() -> Fault.resetMidBody().retryAfterSeconds(1)).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> Fault.status(200)).isInstanceOf(IllegalArgumentException.class);
        assertThat(Fault.status(429).retryAfterSeconds(2)).hasToString("Fault.status(429).retryAfterSeconds(2)");
    }

    // ---------------------------------------------------------------------------------- broken transport

    @ParameterizedTest
    @EnumSource(Endpoint.class)
    void resetMidBodyIsAnIOExceptionForAPlainReply(Endpoint endpoint) throws Exception {
        server.enqueue(Fault.resetMidBody());

        assertThatThrownBy(() -> chatOn(endpoint, false)).isInstanceOf(IOException.class);

        assertNextReplyIsNormal(endpoint);
    }

    @ParameterizedTest
    @EnumSource(Endpoint.class)
    void resetMidBodyIsAnIOExceptionForAStream(Endpoint endpoint) throws Exception {
        server.enqueue(Fault.resetMidBody());

        assertThatThrownBy(() -> chatOn(endpoint, true)).isInstanceOf(IOException.class);

        assertThat(server.chatRequests()).hasSize(1);
        assertThat(chatOn(endpoint, true).statusCode()).isEqualTo(200);
    }

    @ParameterizedTest
    @EnumSource(Endpoint.class)
    void malformedJsonIsA200ThatDoesNotParse(Endpoint endpoint) throws Exception {
        server.enqueue(Fault.malformedJson());

        HttpResponse<String> response = chatOn(endpoint, false);

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type").orElseThrow()).startsWith("application/json");
        assertThat(isJson(response.body())).isFalse();
        assertNextReplyIsNormal(endpoint);
    }

    @ParameterizedTest
    @EnumSource(Endpoint.class)
    void malformedJsonInAStreamIsOneBadEventAmongGoodOnes(Endpoint endpoint) throws Exception {
        server.enqueue(Fault.malformedJson());

        HttpResponse<String> response = chatOn(endpoint, true);

        assertThat(response.statusCode()).isEqualTo(200);
        List<String> events = endpoint.events(response.body());
        assertThat(events.stream().filter(e -> !e.equals("[DONE]") && !isJson(e)))
                .hasSize(1);
        assertThat(isJson(events.get(0))).isTrue();
        assertThat(isJson(events.get(1))).isFalse();
        assertThat(endpoint.streamFinished(response.body())).isTrue();
        assertThat(endpoint.streamedText(response.body())).isEqualTo(REPLY);
    }

    @ParameterizedTest
    @EnumSource(Endpoint.class)
    void truncatedStreamEndsCleanlyButUnfinished(Endpoint endpoint) throws Exception {
        server.enqueue(Fault.truncatedStream());

        HttpResponse<String> response = chatOn(endpoint, true);

        assertThat(response.statusCode()).isEqualTo(200);
        String body = response.body();
        assertThat(endpoint.streamFinished(body)).isFalse();
        assertThat(body)
                .doesNotContain("[DONE]")
                .doesNotContain("\"done\":true")
                .doesNotContain("finish_reason\":\"stop");
        assertThat(parseAll(endpoint.events(body)))
                .as("every event that was sent is whole")
                .hasSize(3);
        assertThat(endpoint.streamedText(body)).isEqualTo("alpha beta gamma");
        // the same request without the fault is finished
        assertThat(endpoint.streamFinished(chatOn(endpoint, true).body())).isTrue();
    }

    @ParameterizedTest
    @EnumSource(Endpoint.class)
    void truncatedStreamOnAPlainReplyCutsTheJson(Endpoint endpoint) throws Exception {
        server.enqueue(Fault.truncatedStream());

        HttpResponse<String> response = chatOn(endpoint, false);

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).startsWith("{");
        assertThat(isJson(response.body())).isFalse();
    }

    @ParameterizedTest
    @EnumSource(Endpoint.class)
    void errorMidStreamReplacesTheRestOfTheStream(Endpoint endpoint) throws Exception {
        server.enqueue(Fault.errorMidStream(), Fault.errorMidStream());

        HttpResponse<String> streamed = chatOn(endpoint, true);

        assertThat(streamed.statusCode()).isEqualTo(200);
        List<String> events = endpoint.events(streamed.body());
        JsonNode last = json(events.get(events.size() - 1));
        assertThat(endpoint.errorMessage(last)).isNotBlank();
        assertThat(endpoint.streamFinished(streamed.body())).isFalse();
        assertThat(endpoint.streamedText(streamed.body())).isEqualTo("alpha beta gamma");

        HttpResponse<String> plain = chatOn(endpoint, false);
        assertThat(plain.statusCode()).isEqualTo(500);
        assertThat(endpoint.errorMessage(json(plain))).isNotBlank();
    }

    // -------------------------------------------------------------------------------------- odd answers

    @ParameterizedTest
    @EnumSource(Endpoint.class)
    void emptyContentIsAValidReplyWithEmptyText(Endpoint endpoint) throws Exception {
        server.enqueue(Fault.emptyContent(), Fault.emptyContent());

        HttpResponse<String> plain = chatOn(endpoint, false);
        assertThat(plain.statusCode()).isEqualTo(200);
        JsonNode body = json(plain);
        assertThat(endpoint.text(body)).isEmpty();
        if (endpoint == Endpoint.OPENAI) {
            assertThat(body.at("/choices/0/message/content").isTextual()).isTrue();
            assertThat(body.at("/choices/0/finish_reason").asText()).isEqualTo("stop");
            assertThat(body.at("/usage/completion_tokens").asInt()).isZero();
        } else {
            assertThat(body.get("done").asBoolean()).isTrue();
            assertThat(body.get("eval_count").asInt()).isZero();
        }

        HttpResponse<String> streamed = chatOn(endpoint, true);
        assertThat(endpoint.streamFinished(streamed.body())).isTrue();
        assertThat(endpoint.streamedText(streamed.body())).isEmpty();
    }

    @Test
    void contentFilteredOnOpenAiStopsWithFinishReasonContentFilter() throws Exception {
        server.enqueue(Fault.contentFiltered(), Fault.contentFiltered());

        JsonNode plain = json(chatOn(Endpoint.OPENAI, false));
        assertThat(plain.at("/choices/0/finish_reason").asText()).isEqualTo("content_filter");
        assertThat(plain.at("/choices/0/message/content").asText()).isEqualTo("alpha");

        String streamed = chatOn(Endpoint.OPENAI, true).body();
        List<String> events = sseData(streamed);
        assertThat(events.get(events.size() - 1)).isEqualTo("[DONE]");
        assertThat(json(events.get(events.size() - 2))
                        .at("/choices/0/finish_reason")
                        .asText())
                .isEqualTo("content_filter");
        assertThat(Endpoint.OPENAI.streamedText(streamed)).isEqualTo("alpha");
    }

    @Test
    void contentFilteredOnOllamaIsAnEmptyReply() throws Exception {
        server.enqueue(Fault.contentFiltered());

        JsonNode body = json(chatOn(Endpoint.OLLAMA, false));

        assertThat(body.at("/message/content").asText()).isEmpty();
        assertThat(body.get("done_reason").asText()).isEqualTo("stop");
    }

    @Test
    void contextTooLongIsOpenAis400() throws Exception {
        server.enqueue(Fault.contextTooLong());

        HttpResponse<String> response = chatOn(Endpoint.OPENAI, false);

        assertThat(response.statusCode()).isEqualTo(400);
        JsonNode error = json(response).get("error");
        assertThat(error.get("code").asText()).isEqualTo("context_length_exceeded");
        assertThat(error.get("type").asText()).isEqualTo("invalid_request_error");
        assertThat(error.get("param").asText()).isEqualTo("messages");
        assertThat(error.get("message").asText()).contains("maximum context length");
    }

    @Test
    void contextTooLongOnOllamaIsA400WithAnErrorString() throws Exception {
        server.enqueue(Fault.contextTooLong());

        HttpResponse<String> response = chatOn(Endpoint.OLLAMA, true);

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(json(response).get("error").asText()).contains("exceeds the context length");
    }

    @Test
    void quotaExceededIsA429ThatIsNotARateLimit() throws Exception {
        server.enqueue(Fault.quotaExceeded(), Fault.quotaExceeded());

        HttpResponse<String> openAi = chatOn(Endpoint.OPENAI, false);
        assertThat(openAi.statusCode()).isEqualTo(429);
        assertThat(json(openAi).at("/error/code").asText()).isEqualTo("insufficient_quota");
        assertThat(json(openAi).at("/error/type").asText()).isEqualTo("insufficient_quota");

        HttpResponse<String> ollama = chatOn(Endpoint.OLLAMA, false);
        assertThat(ollama.statusCode()).isEqualTo(429);
        assertThat(json(ollama).get("error").asText()).isNotBlank();
    }

    // ------------------------------------------------------------------------------------------- timing

    @Test
    void delayOutlastsAClientTimeoutThenTheNextRequestIsNormal() throws Exception {
        server.enqueue(Fault.delay(Duration.ofSeconds(5)));

        long start = System.nanoTime();
        assertThatThrownBy(() ->
                        http.post(Endpoint.OPENAI.path, chat("m", "hi", false).toString(), Duration.ofMillis(300)))
                .isInstanceOf(HttpTimeoutException.class);
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(3));

        assertNextReplyIsNormal(Endpoint.OPENAI);
    }

    @ParameterizedTest
    @EnumSource(Endpoint.class)
    void delayAnswersNormallyAfterTheDelay(Endpoint endpoint) throws Exception {
        server.enqueue(Fault.delay(Duration.ofMillis(250)));

        long start = System.nanoTime();
        HttpResponse<String> response = chatOn(endpoint, true);

        assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(250));
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(endpoint.streamFinished(response.body())).isTrue();
        assertThat(endpoint.streamedText(response.body())).isEqualTo(REPLY);
    }
}
