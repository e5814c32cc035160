package io.arenainstruct.studio.testserver;

import static io.arenainstruct.studio.testserver.TestHttp.chat;
import static io.arenainstruct.studio.testserver.TestHttp.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.ConnectException;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import com.fasterxml.jackson.databind.JsonNode;

/** The server's own behaviour: addresses, replies, latency, capacity, API keys, recording, lifecycle. */
class FakeModelServerTest {

    private static final String OPENAI_CHAT = "/v1/chat/completions";
    private static final String OLLAMA_CHAT = "/api/chat";
    private static final Duration WAIT = Duration.ofSeconds(5);

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

    private String body(String user) {
        return chat("llama3.2", user, false).toString();
    }

    @Test
    void itListensOnLoopbackWithAnEphemeralPort() {
        assertThat(server.baseUrl()).matches("http://127\\.0\\.0\\.1:\\d+").endsWith(":" + server.port());
        assertThat(server.openAiBaseUrl()).isEqualTo(server.baseUrl() + "/v1");
        try (FakeModelServer other = FakeModelServer.start()) {
            assertThat(other.port()).isNotEqualTo(server.port());
        }
    }

    @Test
    void everyChatGetsTheDefaultReplyUntilOneIsSet() throws Exception {
        assertThat(json(http.post(OPENAI_CHAT, body("hi")))
                        .at("/choices/0/message/content")
                        .asText())
                .isEqualTo(FakeModelServer.DEFAULT_REPLY);

        server.reply("hello");

        assertThat(json(http.post(OPENAI_CHAT, body("hi")))
                        .at("/choices/0/message/content")
                        .asText())
                .isEqualTo("hello");
        assertThat(json(http.post(OLLAMA_CHAT, body("hi")))
                        .at("/message/content")
                        .asText())
                .isEqualTo("hello");
    }

    @Test
    void replyWithComputesTheReplyFromTheParsedRequest() throws Exception {
        server.replyWith(request -> "echo: " + request.lastUserMessage() + " (" + request.api() + ")");

        assertThat(json(http.post(OPENAI_CHAT, body("ping")))
                        .at("/choices/0/message/content")
                        .asText())
                .isEqualTo("echo: ping (OPENAI)");
        assertThat(json(http.post(OLLAMA_CHAT, body("pong")))
                        .at("/message/content")
                        .asText())
                .isEqualTo("echo: pong (OLLAMA)");
    }

    @Test
    void aFailingReplyFunctionIsA500ThatSaysWhy() throws Exception {
        server.replyWith(request -> {
            throw new IllegalStateException("no reply for " + request.lastUserMessage());
        });

        HttpResponse<String> openAi = http.post(OPENAI_CHAT, body("x"));
        assertThat(openAi.statusCode()).isEqualTo(500);
        assertThat(json(openAi).at("/error/message").asText()).contains("no reply for x");
        HttpResponse<String> ollama = http.post(OLLAMA_CHAT, body("y"));
        assertThat(ollama.statusCode()).isEqualTo(500);
        assertThat(json(ollama).get("error").asText()).contains("no reply for y");
    }

    @Test
    void repliesKeepUnicodeIntact() throws Exception {
        server.reply("Grüße, 世界 — ok ✓");

        assertThat(json(http.post(OPENAI_CHAT, body("hi")))
                        .at("/choices/0/message/content")
                        .asText())
                .isEqualTo("Grüße, 世界 — ok ✓");
        HttpResponse<String> streamed =
                http.post(OLLAMA_CHAT, chat("llama3.2", "hi", true).toString());
        assertThat(FaultTest.Endpoint.OLLAMA.streamedText(streamed.body())).isEqualTo("Grüße, 世界 — ok ✓");
    }

    @Test
    void streamPiecesConcatenateBackToTheText() {
        assertThat(FakeModelServer.pieces("Hello big  world\nbye"))
                .containsExactly("Hello", " big", "  world", "\nbye");
        assertThat(FakeModelServer.pieces("")).containsExactly("");
        assertThat(FakeModelServer.pieces("  lead")).containsExactly("  lead");
    }

    @Test
    void latencyDelaysEveryRequest() throws Exception {
        server.latency(Duration.ofMillis(150));

        long start = System.nanoTime();
        assertThat(http.get("/v1/models").statusCode()).isEqualTo(200);
        assertThat(http.post(OLLAMA_CHAT, body("hi")).statusCode()).isEqualTo(200);

        assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(300));
    }

    @Test
    void capacityRefusesTheRequestBeyondItWith429() throws Exception {
        server.capacity(3).pauseReplies();
        List<CompletableFuture<HttpResponse<String>>> held = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            held.add(http.postAsync(OPENAI_CHAT, body("held " + i)));
        }
        server.awaitInFlight(3, WAIT);

        HttpResponse<String> refused = http.post(OPENAI_CHAT, body("one too many"));

        assertThat(refused.statusCode()).isEqualTo(429);
        assertThat(refused.headers().firstValue("Retry-After")).isEmpty();
        JsonNode error = json(refused).get("error");
        assertThat(error.get("code").asText()).isEqualTo("rate_limit_exceeded");
        assertThat(error.get("message").asText()).contains("3");
        assertThat(server.count429()).isEqualTo(1);
        assertThat(server.maxConcurrentSeen()).isEqualTo(4);

        HttpResponse<String> refusedOllama = http.post(OLLAMA_CHAT, body("also too many"));
        assertThat(refusedOllama.statusCode()).isEqualTo(429);
        assertThat(json(refusedOllama).get("error").isTextual()).isTrue();
        assertThat(server.count429()).isEqualTo(2);

        server.resumeReplies();
        for (CompletableFuture<HttpResponse<String>> response : held) {
            assertThat(response.get(5, TimeUnit.SECONDS).statusCode()).isEqualTo(200);
        }
        assertThat(http.post(OPENAI_CHAT, body("room again")).statusCode()).isEqualTo(200);
        assertThat(server.count429()).isEqualTo(2);
        assertThat(server.requests()).hasSize(6);
    }

    @Test
    void aBurstBeyondCapacityIsRefusedExactlyBeyondIt() throws Exception {
        int capacity = 4;
        int burst = 10;
        server.capacity(capacity).pauseReplies();
        CyclicBarrier together = new CyclicBarrier(burst);
        CountDownLatch refusals = new CountDownLatch(burst - capacity);
        ExecutorService clients = Executors.newFixedThreadPool(burst);
        try {
            List<Future<Integer>> statuses = new ArrayList<>();
            for (int i = 0; i < burst; i++) {
                String request = body("burst " + i);
                statuses.add(clients.submit(() -> {
                    together.await(5, TimeUnit.SECONDS);
                    int status = http.post(OPENAI_CHAT, request).statusCode();
                    if (status == 429) {
                        refusals.countDown();
                    }
                    return status;
                }));
            }
            assertThat(refusals.await(5, TimeUnit.SECONDS))
                    .as("the requests beyond capacity are refused")
                    .isTrue();
            assertThat(server.count429()).isEqualTo(burst - capacity);
            // A refused request can reach its client a moment before the server has counted it out.
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
            while (server.inFlight() != capacity && System.nanoTime() < deadline) {
                Thread.onSpinWait();
            }
            assertThat(server.inFlight()).isEqualTo(capacity);
            assertThat(server.maxConcurrentSeen()).isGreaterThan(capacity).isLessThanOrEqualTo(burst);

            server.resumeReplies();
            List<Integer> codes = new ArrayList<>();
            for (Future<Integer> status : statuses) {
                codes.add(status.get(5, TimeUnit.SECONDS));
            }
            assertThat(codes).filteredOn(code -> code == 200).hasSize(capacity);
            assertThat(codes).filteredOn(code -> code == 429).hasSize(burst - capacity);
        } finally {
            clients.shutdownNow();
        }
    }

    @Test
    void withALatencyTheRequestBeyondCapacityIsRefusedToo() throws Exception {
        server.capacity(2).latency(Duration.ofMillis(800));
        CompletableFuture<HttpResponse<String>> first = http.postAsync(OLLAMA_CHAT, body("1"));
        CompletableFuture<HttpResponse<String>> second = http.postAsync(OLLAMA_CHAT, body("2"));
        server.awaitInFlight(2, WAIT);

        HttpResponse<String> third = http.post(OLLAMA_CHAT, body("3"));

        assertThat(third.statusCode()).isEqualTo(429);
        assertThat(json(third).get("error").asText()).contains("too many");
        assertThat(first.get(5, TimeUnit.SECONDS).statusCode()).isEqualTo(200);
        assertThat(second.get(5, TimeUnit.SECONDS).statusCode()).isEqualTo(200);
        assertThat(server.count429()).isEqualTo(1);
        assertThat(server.maxConcurrentSeen()).isEqualTo(3);
    }

    @Test
    void awaitInFlightFailsWhenNothingArrives() {
        assertThatThrownBy(() -> server.awaitInFlight(1, Duration.ofMillis(50)))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("saw 0");
    }

    @Test
    void requireApiKeyRejectsMissingAndWrongKeysInEachFormat() throws Exception {
        server.requireApiKey("sk-test-abc123456");

        HttpResponse<String> missing = http.post(OPENAI_CHAT, body("hi"));
        assertThat(missing.statusCode()).isEqualTo(401);
        assertThat(json(missing).at("/error/message").asText()).startsWith("You didn't provide an API key");
        assertThat(json(missing).at("/error/code").isNull()).isTrue();

        HttpResponse<String> wrong = http.post(OPENAI_CHAT, body("hi"), "Authorization", "Bearer sk-wrong-999999");
        assertThat(wrong.statusCode()).isEqualTo(401);
        assertThat(json(wrong).at("/error/code").asText()).isEqualTo("invalid_api_key");
        assertThat(json(wrong).at("/error/type").asText()).isEqualTo("invalid_request_error");
        assertThat(json(wrong).at("/error/message").asText()).contains("sk-").doesNotContain("sk-wrong-999999");

        HttpResponse<String> models = http.get("/v1/models");
        assertThat(models.statusCode()).isEqualTo(401);

        HttpResponse<String> ollama = http.post(OLLAMA_CHAT, body("hi"), "Authorization", "Bearer nope");
        assertThat(ollama.statusCode()).isEqualTo(401);
        assertThat(ollama.body()).isEqualTo("{\"error\":\"unauthorized\"}");
        assertThat(http.get("/api/tags").statusCode()).isEqualTo(401);

        HttpResponse<String> right = http.post(OPENAI_CHAT, body("hi"), "Authorization", "Bearer sk-test-abc123456");
        assertThat(right.statusCode()).isEqualTo(200);
        assertThat(http.post(OLLAMA_CHAT, body("hi"), "Authorization", "Bearer sk-test-abc123456")
                        .statusCode())
                .isEqualTo(200);
        assertThat(server.lastRequest().authorization()).isEqualTo("Bearer sk-test-abc123456");
    }

    @Test
    void aRejectedKeyDoesNotConsumeAFault() throws Exception {
        server.requireApiKey("sk-test").enqueue(Fault.status(503));

        assertThat(http.post(OPENAI_CHAT, body("hi")).statusCode()).isEqualTo(401);
        assertThat(http.post(OPENAI_CHAT, body("hi"), "Authorization", "Bearer sk-test")
                        .statusCode())
                .isEqualTo(503);
    }

    @Test
    void requestsAreRecordedInArrivalOrderIncludingRefusedOnes() throws Exception {
        server.requireApiKey("k");
        http.get("/v1/models", "Authorization", "Bearer k");
        http.post(OLLAMA_CHAT, body("first"), "Authorization", "Bearer k");
        http.post(OPENAI_CHAT, body("refused"));

        assertThat(server.requests())
                .extracting(RecordedRequest::path)
                .containsExactly("/v1/models", OLLAMA_CHAT, OPENAI_CHAT);
        assertThat(server.chatRequests())
                .extracting(RecordedRequest::lastUserMessage)
                .containsExactly("first", "refused");
        assertThat(server.requests().get(0).isChat()).isFalse();
        assertThat(server.requests().get(0).receivedAt())
                .isBeforeOrEqualTo(server.requests().get(2).receivedAt());
    }

    @Test
    void resetRestoresTheDefaultsAndForgetsTheRecords() throws Exception {
        server.reply("x")
                .models("a")
                .requireApiKey("k")
                .capacity(1)
                .latency(Duration.ofSeconds(5))
                .enqueue(Fault.status(500));
        http.post(OPENAI_CHAT, body("hi"));

        server.reset();

        assertThat(server.requests()).isEmpty();
        assertThat(server.pendingFaults()).isEmpty();
        HttpResponse<String> response = http.post(OPENAI_CHAT, body("hi"));
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(json(response).at("/choices/0/message/content").asText()).isEqualTo(FakeModelServer.DEFAULT_REPLY);
        assertThat(json(http.get("/v1/models")).get("data")).isEmpty();
    }

    @Test
    void closeStopsListeningAndDoesNotWaitForHeldRequests() throws Exception {
        server.pauseReplies();
        CompletableFuture<HttpResponse<String>> held = http.postAsync(OPENAI_CHAT, body("held"));
        server.awaitInFlight(1, WAIT);

        long start = System.nanoTime();
        server.close();

        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(2));
        assertThat(held)
                .failsWithin(WAIT)
                .withThrowableOfType(ExecutionException.class)
                .withCauseInstanceOf(IOException.class);
        assertThatThrownBy(() -> http.get("/v1/models")).isInstanceOf(ConnectException.class);
    }
}
