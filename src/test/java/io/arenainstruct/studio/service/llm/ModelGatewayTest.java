package io.arenainstruct.studio.service.llm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.arenainstruct.studio.domain.llm.Endpoint;
import io.arenainstruct.studio.domain.llm.ErrorClass;
import io.arenainstruct.studio.domain.llm.LedgerEntry;
import io.arenainstruct.studio.domain.llm.LedgerOutcome;
import io.arenainstruct.studio.domain.llm.Message;
import io.arenainstruct.studio.domain.llm.ModelCallException;
import io.arenainstruct.studio.domain.llm.ModelReply;
import io.arenainstruct.studio.domain.llm.ModelRequest;
import io.arenainstruct.studio.domain.llm.Provider;
import io.arenainstruct.studio.domain.llm.StreamSink;
import io.arenainstruct.studio.service.task.Cancellation;
import io.arenainstruct.studio.service.workspace.WorkspaceRepositories;
import io.arenainstruct.studio.testserver.Fault;

class ModelGatewayTest {
    private static final String SCHEMA = """
            {"type":"object","properties":{"question":{"type":"string"},"answer":{"type":"string"}},
             "required":["question","answer"],"additionalProperties":false}""";

    @TempDir
    Path tmp;

    private GatewayHarness h;

    @BeforeEach
    void setUp() {
        h = new GatewayHarness(tmp);
    }

    @AfterEach
    void tearDown() {
        h.close();
    }

    private static ModelRequest ask(String text) {
        return ModelRequest.of(List.of(Message.system("You are terse."), Message.user(text)));
    }

    @Test
    void anOpenAiCompatibleCallAnswersAndIsRecordedCompleteInTheLedger() {
        h.server.replyWith(r -> "echo " + r.lastUserMessage());
        ModelReply reply = h.gateway()
                .call(
                        h.openAi("qwen2.5"),
                        ask("two words").withSettings(0.3, 50, 7).withProvenance(12L, "generation"),
                        Cancellation.NEVER);

        assertThat(reply.text()).isEqualTo("echo two words");
        assertThat(reply.fromCache()).isFalse();
        assertThat(reply.attempts()).isEqualTo(1);
        assertThat(reply.tokensIn()).isPositive();
        assertThat(reply.tokensOut()).isEqualTo(3);
        var sent = h.server.lastRequest();
        assertThat(sent.path()).isEqualTo("/v1/chat/completions");
        assertThat(sent.model()).isEqualTo("qwen2.5");
        assertThat(sent.temperature()).isEqualTo(0.3);
        assertThat(sent.seed()).isEqualTo(7L);
        assertThat(sent.maxTokens()).isEqualTo(50);

        LedgerEntry row =
                WorkspaceRepositories.ledger(h.workspace).find(reply.callId()).orElseThrow();
        assertThat(row.outcome()).isEqualTo("ok");
        assertThat(row.reply()).isEqualTo("echo two words");
        assertThat(row.endpoint()).isEqualTo("local-openai");
        assertThat(row.model()).isEqualTo("qwen2.5");
        assertThat(row.runId()).isEqualTo(12L);
        assertThat(row.step()).isEqualTo("generation");
        assertThat(row.requestJson()).contains("\"two words\"", "\"temperature\":0.3", "\"seed\":7");
        assertThat(row.requestHash()).hasSize(64);
        assertThat(row.tokensOut()).isEqualTo(3);
    }

    @Test
    void anIdenticalRequestIsAnsweredFromTheLedgerUnlessAFreshOrAnotherSampleIsAsked() {
        Endpoint e = h.openAi("qwen2.5");
        ModelReply first = h.gateway().call(e, ask("cache me"), Cancellation.NEVER);
        ModelReply again = h.gateway().call(e, ask("cache me"), Cancellation.NEVER);
        assertThat(h.server.chatRequests()).hasSize(1);
        assertThat(again.fromCache()).isTrue();
        assertThat(again.text()).isEqualTo(first.text());
        assertThat(WorkspaceRepositories.ledger(h.workspace)
                        .find(again.callId())
                        .orElseThrow()
                        .outcome())
                .isEqualTo(LedgerOutcome.CACHED);

        h.gateway().call(e, ask("cache me").asFresh(), Cancellation.NEVER);
        h.gateway().call(e, ask("cache me").withSample(1), Cancellation.NEVER);
        assertThat(h.server.chatRequests()).hasSize(3);
        h.gateway().call(e, ask("cache me").withSample(1), Cancellation.NEVER);
        assertThat(h.server.chatRequests()).hasSize(3);
    }

    @Test
    void anIdenticalRequestInFlightIsWaitedForAndAnsweredFromTheLedger() throws Exception {
        Endpoint e = h.openAi("qwen2.5");
        h.server.pauseReplies();
        ExecutorService pool = Executors.newFixedThreadPool(3);
        try {
            Future<ModelReply> first = pool.submit(() -> h.gateway().call(e, ask("same"), Cancellation.NEVER));
            h.server.awaitInFlight(1, Duration.ofSeconds(10));
            Future<ModelReply> twin = pool.submit(() -> h.gateway().call(e, ask("same"), Cancellation.NEVER));
            Future<ModelReply> other = pool.submit(() -> h.gateway().call(e, ask("other"), Cancellation.NEVER));
            h.server.awaitInFlight(2, Duration.ofSeconds(10));
            awaitWaiting(1);
            h.server.resumeReplies();
            ModelReply a = first.get(10, TimeUnit.SECONDS);
            ModelReply b = twin.get(10, TimeUnit.SECONDS);
            other.get(10, TimeUnit.SECONDS);
            assertThat(h.server.chatRequests()).as("the twin was not sent").hasSize(2);
            assertThat(a.fromCache()).isFalse();
            assertThat(b.fromCache()).isTrue();
            assertThat(b.text()).isEqualTo(a.text());
            assertThat(WorkspaceRepositories.ledger(h.workspace)
                            .find(b.callId())
                            .orElseThrow()
                            .outcome())
                    .isEqualTo(LedgerOutcome.CACHED);
        } finally {
            h.server.resumeReplies();
            pool.shutdownNow();
        }
    }

    @Test
    void whenTheIdenticalRequestInFlightFailsTheWaitingCallSendsItsOwn() throws Exception {
        Endpoint e = h.openAi("qwen2.5");
        h.server.enqueue(Fault.status(400)).pauseReplies();
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            Future<ModelReply> first = pool.submit(() -> h.gateway().call(e, ask("same"), Cancellation.NEVER));
            h.server.awaitInFlight(1, Duration.ofSeconds(10));
            Future<ModelReply> twin = pool.submit(() -> h.gateway().call(e, ask("same"), Cancellation.NEVER));
            awaitWaiting(1);
            h.server.resumeReplies();
            assertThatThrownBy(() -> first.get(10, TimeUnit.SECONDS)).hasCauseInstanceOf(ModelCallException.class);
            ModelReply b = twin.get(10, TimeUnit.SECONDS);
            assertThat(b.fromCache()).isFalse();
            assertThat(h.server.chatRequests()).hasSize(2);
        } finally {
            h.server.resumeReplies();
            pool.shutdownNow();
        }
    }

    private void awaitWaiting(int calls) throws TimeoutException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (h.gateway().waitingForIdentical() != calls) {
            if (System.nanoTime() > deadline) {
                throw new TimeoutException(h.gateway().waitingForIdentical() + " calls waiting, not " + calls);
            }
            Thread.onSpinWait();
        }
    }

    @Test
    void ollamaCallsAndStreamsWork() {
        h.server.reply("the quick brown fox jumps");
        Endpoint e = h.ollama("llama3.2");
        ModelReply plain = h.gateway().call(e, ask("plain"), Cancellation.NEVER);
        assertThat(plain.text()).isEqualTo("the quick brown fox jumps");
        assertThat(h.server.lastRequest().path()).isEqualTo("/api/chat");

        List<String> pieces = new CopyOnWriteArrayList<>();
        ModelReply streamed = h.gateway().stream(e, ask("streamed"), StreamSink.of(pieces::add), Cancellation.NEVER);
        assertThat(h.server.lastRequest().stream()).isTrue();
        assertThat(pieces).hasSizeGreaterThan(1);
        assertThat(String.join("", pieces)).isEqualTo(streamed.text()).isEqualTo("the quick brown fox jumps");
    }

    @Test
    void anOllamaEndpointSendsItsKeyAsABearerTokenAndNoneWithoutOne() {
        h.server.reply("behind a proxy");
        Endpoint keyless = h.ollama("llama3.2");
        h.gateway().call(keyless, ask("no key"), Cancellation.NEVER);
        assertThat(h.server.lastRequest().authorization())
                .as("no key configured: no header")
                .isNull();

        h.environment.put("OLLAMA_PROXY_KEY", "proxy-secret-123456");
        Endpoint keyed = keyless.withApiKeyEnv("OLLAMA_PROXY_KEY");
        h.server.requireApiKey("proxy-secret-123456");
        assertThat(h.gateway().call(keyed, ask("plain"), Cancellation.NEVER).text())
                .isEqualTo("behind a proxy");
        assertThat(h.server.lastRequest().path()).isEqualTo("/api/chat");
        assertThat(h.server.lastRequest().authorization()).isEqualTo("Bearer proxy-secret-123456");
        h.gateway().stream(keyed, ask("streamed"), StreamSink.of(p -> {}), Cancellation.NEVER);
        assertThat(h.server.lastRequest().stream()).isTrue();
        assertThat(h.server.lastRequest().authorization()).isEqualTo("Bearer proxy-secret-123456");
    }

    @Test
    void openAiStreamsArriveInPieces() {
        h.server.reply("one two three four five");
        List<String> pieces = new CopyOnWriteArrayList<>();
        ModelReply reply =
                h.gateway().stream(h.openAi("qwen2.5"), ask("stream"), StreamSink.of(pieces::add), Cancellation.NEVER);
        assertThat(h.server.lastRequest().stream()).isTrue();
        assertThat(pieces).hasSizeGreaterThan(1);
        assertThat(String.join("", pieces)).isEqualTo(reply.text()).isEqualTo("one two three four five");
    }

    @Test
    void structuredOutputUsesTheProvidersNativeSchemaAndChecksTheReply() {
        h.server.reply("{\"question\":\"Why?\",\"answer\":\"Because.\"}");
        ModelReply openAi =
                h.gateway().call(h.openAi("qwen2.5"), ask("json please").withSchema(SCHEMA), Cancellation.NEVER);
        assertThat(openAi.text()).isEqualTo("{\"question\":\"Why?\",\"answer\":\"Because.\"}");
        assertThat(h.server.lastRequest().responseFormat().path("type").asText())
                .isEqualTo("json_schema");
        assertThat(h.server.lastRequest().jsonSchema().path("required").toString())
                .contains("question", "answer");

        h.gateway().call(h.ollama("llama3.2"), ask("json please").withSchema(SCHEMA), Cancellation.NEVER);
        assertThat(h.server
                        .lastRequest()
                        .json()
                        .path("format")
                        .path("properties")
                        .has("answer"))
                .isTrue();
    }

    @Test
    void aReplyThatMissesTheSchemaIsRepairedOnceWithTheProblemsShownToTheModel() {
        List<String> replies = new CopyOnWriteArrayList<>(
                List.of("```json\n{\"question\":\"Q\"}\n```", "{\"question\":\"Q\",\"answer\":\"A\"}"));
        h.server.replyWith(r -> replies.remove(0));
        ModelReply reply = h.gateway().call(h.openAi("qwen2.5"), ask("json").withSchema(SCHEMA), Cancellation.NEVER);
        assertThat(reply.text()).isEqualTo("{\"question\":\"Q\",\"answer\":\"A\"}");
        assertThat(reply.attempts()).isEqualTo(2);
        var repair = h.server.lastRequest().messages();
        assertThat(repair.get(repair.size() - 2).content()).contains("\"question\":\"Q\"");
        assertThat(repair.get(repair.size() - 1).content()).contains("did not match", "answer");
    }

    @Test
    void aReplyThatStillMissesTheSchemaIsARecordedFailureNotANull() {
        h.server.reply("no json here at all");
        assertThatThrownBy(
                        () -> h.gateway().call(h.openAi("qwen2.5"), ask("json").withSchema(SCHEMA), Cancellation.NEVER))
                .isInstanceOfSatisfying(ModelCallException.class, e -> {
                    assertThat(e.errorClass()).isEqualTo(ErrorClass.SCHEMA_MISMATCH);
                    LedgerEntry row = WorkspaceRepositories.ledger(h.workspace)
                            .find(e.callId())
                            .orElseThrow();
                    assertThat(row.outcome()).isEqualTo("failed");
                    assertThat(row.errorClass()).isEqualTo(ErrorClass.SCHEMA_MISMATCH);
                    assertThat(row.errorDetail()).contains("not JSON");
                });
        assertThat(h.server.chatRequests()).hasSize(2);
    }

    @Test
    void theDryRunEndpointReturnsTheRenderedMessagesAndCallsNothing() {
        Endpoint dry = Endpoint.of("dry", Provider.DRY_RUN, "", "any-model");
        ModelReply reply = h.gateway().call(dry, ask("check my prompt").withSchema(SCHEMA), Cancellation.NEVER);
        assertThat(reply.dryRun()).isTrue();
        assertThat(reply.text())
                .startsWith(DryRunTransport.BANNER)
                .contains("[system]\nYou are terse.", "[user]\ncheck my prompt", "\"answer\"");
        assertThat(h.server.requests()).isEmpty();
        assertThat(WorkspaceRepositories.ledger(h.workspace)
                        .find(reply.callId())
                        .orElseThrow()
                        .outcome())
                .isEqualTo("dry run");
    }

    @Test
    void concurrencyNeverExceedsTheEndpointsLimit() throws Exception {
        h.server.latency(Duration.ofMillis(80));
        Endpoint e = h.openAi("qwen2.5").withLimits(2, 0, 0);
        var pool = Executors.newFixedThreadPool(6);
        try {
            List<Future<ModelReply>> futures = new ArrayList<>();
            for (int i = 0; i < 6; i++) {
                int n = i;
                futures.add(pool.submit(() -> h.gateway().call(e, ask("parallel " + n), Cancellation.NEVER)));
            }
            for (var f : futures) {
                assertThat(f.get().text()).isNotBlank();
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(h.server.chatRequests()).hasSize(6);
        assertThat(h.server.maxConcurrentSeen()).isEqualTo(2);
    }
}
