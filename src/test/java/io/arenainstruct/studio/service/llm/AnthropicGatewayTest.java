package io.arenainstruct.studio.service.llm;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

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
import io.arenainstruct.studio.testserver.FakeModelServer;
import io.arenainstruct.studio.testserver.Fault;
import io.arenainstruct.studio.testserver.RecordedRequest;

/** The gateway against an Anthropic Messages endpoint ({@link Provider#ANTHROPIC}) served by the fake server. */
class AnthropicGatewayTest {
    private static final String MODEL = "claude-3-5-haiku-latest";
    private static final String KEY_ENV = "ANTHROPIC_TEST_KEY";
    private static final String KEY = "sk-ant-api03-test-key-0123456789";
    private static final String SCHEMA = """
            {"type":"object","properties":{"question":{"type":"string"},"answer":{"type":"string"}},
             "required":["question","answer"],"additionalProperties":false}""";

    @TempDir
    Path tmp;

    private GatewayHarness h;
    private Endpoint claude;

    @BeforeEach
    void setUp() {
        h = new GatewayHarness(tmp);
        h.environment.put(KEY_ENV, KEY);
        h.server.requireApiKey(KEY).models(MODEL);
        claude = Endpoint.of("claude", Provider.ANTHROPIC, h.server.baseUrl() + "/v1", MODEL)
                .withApiKeyEnv(KEY_ENV)
                .withTimeout(Duration.ofSeconds(5));
    }

    @AfterEach
    void tearDown() {
        h.close();
    }

    private static ModelRequest ask(String text) {
        return ModelRequest.of(List.of(Message.system("You are terse."), Message.user(text)));
    }

    private ModelReply call(ModelRequest request) {
        return h.gateway().call(claude, request, Cancellation.NEVER);
    }

    private ModelCallException failure(Endpoint endpoint, ModelRequest request) {
        try {
            h.gateway().call(endpoint, request, Cancellation.NEVER);
        } catch (ModelCallException e) {
            LedgerEntry row =
                    WorkspaceRepositories.ledger(h.workspace).find(e.callId()).orElseThrow();
            assertThat(row.outcome()).isEqualTo(LedgerOutcome.FAILED);
            assertThat(row.errorClass()).isEqualTo(e.errorClass());
            return e;
        }
        throw new AssertionError("the call should have failed");
    }

    // ------------------------------------------------------------------------------------------ replies

    @Test
    void aPlainCallGoesToMessagesWithTheKeyInXApiKeyAndIsRecorded() {
        h.server.replyWith(r -> "echo " + r.lastUserMessage());

        ModelReply reply = call(ask("two words").withSettings(0.3, 50, null).withProvenance(3L, "generation"));

        assertThat(reply.text()).isEqualTo("echo two words");
        assertThat(reply.attempts()).isEqualTo(1);
        assertThat(reply.tokensIn()).isEqualTo(3 + 2); // the fake counts words, system prompt included
        assertThat(reply.tokensOut()).isEqualTo(3);
        RecordedRequest sent = h.server.lastRequest();
        assertThat(sent.path()).isEqualTo("/v1/messages");
        assertThat(sent.api()).isEqualTo(RecordedRequest.Api.ANTHROPIC);
        assertThat(sent.authorization()).isEqualTo(KEY);
        assertThat(sent.header("anthropic-version")).isNotBlank();
        assertThat(sent.model()).isEqualTo(MODEL);
        assertThat(sent.stream()).isFalse();
        assertThat(sent.temperature()).isEqualTo(0.3);
        assertThat(sent.maxTokens()).isEqualTo(50);
        assertThat(sent.systemMessage()).isEqualTo("You are terse.");
        assertThat(sent.lastUserMessage()).isEqualTo("two words");

        LedgerEntry row =
                WorkspaceRepositories.ledger(h.workspace).find(reply.callId()).orElseThrow();
        assertThat(row.outcome()).isEqualTo(LedgerOutcome.OK);
        assertThat(row.provider()).isEqualTo("anthropic");
        assertThat(row.model()).isEqualTo(MODEL);
        assertThat(row.reply()).isEqualTo("echo two words");
        assertThat(row.requestJson()).doesNotContain(KEY);
    }

    @Test
    void withoutAMaxTokensSettingTheTransportStillSendsTheRequiredMaxTokens() {
        ModelReply reply = call(ask("no limit given"));

        assertThat(reply.text()).isEqualTo(FakeModelServer.DEFAULT_REPLY);
        assertThat(h.server.lastRequest().maxTokens()).isEqualTo(1024);
    }

    @Test
    void aStreamedCallArrivesInPiecesThatMakeTheText() {
        h.server.reply("one two three four five");
        List<String> pieces = new CopyOnWriteArrayList<>();

        ModelReply reply = h.gateway().stream(claude, ask("stream"), StreamSink.of(pieces::add), Cancellation.NEVER);

        assertThat(h.server.lastRequest().streamFlag()).isTrue();
        assertThat(h.server.lastRequest().authorization()).isEqualTo(KEY);
        assertThat(pieces).containsExactly("one", " two", " three", " four", " five");
        assertThat(String.join("", pieces)).isEqualTo(reply.text()).isEqualTo("one two three four five");
        assertThat(reply.tokensIn()).isEqualTo(3 + 1);
        assertThat(reply.tokensOut()).isEqualTo(5);
    }

    // -------------------------------------------------------------------------------- structured output

    @Test
    void structuredOutputPutsTheSchemaIntoTheSystemTextAndAcceptsAValidReply() {
        h.server.replyWith(r -> r.systemMessage() != null && r.systemMessage().contains("\"answer\"")
                ? "{\"question\":\"Why?\",\"answer\":\"Because.\"}"
                : "no schema seen");

        ModelReply reply = call(ask("json please").withSchema(SCHEMA));

        assertThat(reply.text()).isEqualTo("{\"question\":\"Why?\",\"answer\":\"Because.\"}");
        assertThat(reply.attempts()).isEqualTo(1);
        RecordedRequest sent = h.server.lastRequest();
        assertThat(sent.systemMessage()).contains(SCHEMA).contains("You are terse.");
        assertThat(sent.responseFormat())
                .as("no native schema parameter for Anthropic")
                .isNull();
        assertThat(sent.json().has("output_config")).isFalse();
        assertThat(sent.messages()).extracting(RecordedRequest.Message::role).containsExactly("system", "user");
    }

    @Test
    void anInvalidStructuredReplyIsRepairedOnce() {
        List<String> replies = new CopyOnWriteArrayList<>(
                List.of("```json\n{\"question\":\"Q\"}\n```", "{\"question\":\"Q\",\"answer\":\"A\"}"));
        h.server.replyWith(r -> replies.remove(0));

        ModelReply reply = call(ask("json").withSchema(SCHEMA));

        assertThat(reply.text()).isEqualTo("{\"question\":\"Q\",\"answer\":\"A\"}");
        assertThat(reply.attempts()).isEqualTo(2);
        assertThat(h.server.chatRequests()).hasSize(2);
        RecordedRequest repair = h.server.lastRequest();
        assertThat(repair.systemMessage()).contains(SCHEMA);
        List<RecordedRequest.Message> messages = repair.messages();
        assertThat(messages.get(messages.size() - 2))
                .isEqualTo(new RecordedRequest.Message("assistant", "```json\n{\"question\":\"Q\"}\n```"));
        assertThat(messages.get(messages.size() - 1).role()).isEqualTo("user");
        assertThat(messages.get(messages.size() - 1).content()).contains("did not match", "answer");
    }

    @Test
    void aStructuredReplyThatStaysInvalidIsASchemaMismatchAfterOneRepair() {
        h.server.reply("no json here at all");

        ModelCallException e = failure(claude, ask("json").withSchema(SCHEMA));

        assertThat(e.errorClass()).isEqualTo(ErrorClass.SCHEMA_MISMATCH);
        assertThat(h.server.chatRequests()).hasSize(2);
    }

    // ------------------------------------------------------------------------------------------ failures

    @Test
    void aRejectedKeyIsAnAuthenticationFailureWithoutRetry() {
        h.environment.put(KEY_ENV, "sk-ant-api03-wrong-key-9876543210");

        ModelCallException e = failure(claude, ask("bad key"));

        assertThat(e.errorClass()).isEqualTo(ErrorClass.AUTHENTICATION);
        assertThat(e.attempts()).isEqualTo(1);
        assertThat(h.server.chatRequests()).hasSize(1);
        assertThat(h.server.lastRequest().authorization()).isEqualTo("sk-ant-api03-wrong-key-9876543210");
        assertThat(WorkspaceRepositories.ledger(h.workspace)
                        .find(e.callId())
                        .orElseThrow()
                        .errorDetail())
                .contains("401")
                .doesNotContain("sk-ant-api03-wrong-key-9876543210");
    }

    @Test
    void a429WithRetryAfterIsRetriedAfterTheServersWait() {
        h.server.enqueue(Fault.status(429).retryAfterSeconds(1));

        ModelReply reply = call(ask("rate limited once"));

        assertThat(reply.attempts()).isEqualTo(2);
        List<RecordedRequest> sent = h.server.chatRequests();
        assertThat(sent).hasSize(2);
        assertThat(Duration.between(sent.get(0).receivedAt(), sent.get(1).receivedAt()))
                .isGreaterThanOrEqualTo(Duration.ofMillis(950));
    }

    @Test
    void overloaded529IsRetriedWithBackoff() {
        h.server.enqueue(Fault.status(529), Fault.status(529));

        ModelReply reply = call(ask("overloaded twice"));

        assertThat(reply.text()).isEqualTo(FakeModelServer.DEFAULT_REPLY);
        assertThat(reply.attempts()).isEqualTo(3);
        assertThat(WorkspaceRepositories.ledger(h.workspace)
                        .find(reply.callId())
                        .orElseThrow()
                        .attempts())
                .isEqualTo(3);
    }

    @Test
    void aServerThatStaysOverloadedGivesUpAsAServerError() {
        for (int i = 0; i < GatewayHarness.QUICK.maxAttempts(); i++) {
            h.server.enqueue(Fault.status(529));
        }

        ModelCallException e = failure(claude, ask("always overloaded"));

        assertThat(e.errorClass()).isEqualTo(ErrorClass.SERVER_ERROR);
        assertThat(e.errorClass().retriable()).isTrue();
        assertThat(e.attempts()).isEqualTo(GatewayHarness.QUICK.maxAttempts());
        assertThat(WorkspaceRepositories.ledger(h.workspace)
                        .find(e.callId())
                        .orElseThrow()
                        .errorDetail())
                .contains("529", "overloaded");
    }

    @Test
    void aMissingKeyForACloudEndpointFailsWithoutAnyRequest() {
        // [::ffff:127.0.0.1] reaches the fake server, but is not one of the loopback names that make a key optional
        Endpoint cloud = Endpoint.of(
                        "claude-cloud",
                        Provider.ANTHROPIC,
                        "http://[::ffff:127.0.0.1]:" + h.server.port() + "/v1",
                        MODEL)
                .withApiKeyEnv("ANTHROPIC_UNSET_KEY")
                .withTimeout(Duration.ofSeconds(5));
        assertThat(cloud.isLoopback()).isFalse();
        assertThat(cloud.requiresKey()).isTrue();

        ModelCallException e = failure(cloud, ask("no key"));

        assertThat(e.errorClass()).isEqualTo(ErrorClass.NO_KEY);
        assertThat(e.attempts()).isZero();
        assertThat(h.server.requests()).isEmpty();
        // the same endpoint with its key does reach the server
        h.environment.put("ANTHROPIC_UNSET_KEY", KEY);
        assertThat(h.gateway().call(cloud, ask("no key"), Cancellation.NEVER).text())
                .isNotBlank();
        assertThat(h.server.chatRequests()).hasSize(1);
    }

    @Test
    void aTruncatedStreamIsDetectedAndRetried() {
        h.server.reply("the whole reply in several words").enqueue(Fault.truncatedStream());
        GatewayHarness.Collected seen = new GatewayHarness.Collected();

        ModelReply reply = h.gateway().stream(claude, ask("stream"), seen, Cancellation.NEVER);

        assertThat(reply.text()).isEqualTo("the whole reply in several words");
        assertThat(reply.attempts()).isEqualTo(2);
        assertThat(seen).hasToString("the whole reply in several words");
    }

    @Test
    void aTruncatedStreamEveryTimeIsAMalformedReply() {
        for (int i = 0; i < GatewayHarness.QUICK.maxAttempts(); i++) {
            h.server.enqueue(Fault.truncatedStream());
        }

        try {
            h.gateway().stream(claude, ask("stream"), StreamSink.of(piece -> {}), Cancellation.NEVER);
            throw new AssertionError("the call should have failed");
        } catch (ModelCallException e) {
            assertThat(e.errorClass()).isEqualTo(ErrorClass.MALFORMED_REPLY);
            assertThat(e.attempts()).isEqualTo(GatewayHarness.QUICK.maxAttempts());
        }
    }

    @Test
    void brokenStreamsAndPlainRepliesAreRetried() {
        h.server.reply("the whole reply").enqueue(Fault.errorMidStream(), Fault.resetMidBody(), Fault.status(500));
        ModelReply streamed = h.gateway().stream(claude, ask("stream"), StreamSink.of(piece -> {}), Cancellation.NEVER);
        assertThat(streamed.attempts()).isEqualTo(4);
        assertThat(streamed.text()).isEqualTo("the whole reply");

        h.server.enqueue(Fault.truncatedStream(), Fault.malformedJson(), Fault.resetMidBody());
        ModelReply plain = call(ask("plain"));
        assertThat(plain.attempts()).isEqualTo(4);
        assertThat(plain.text()).isEqualTo("the whole reply");
    }

    @Test
    void aMalformedEventInAStreamIsSkippedByLangchain4j() {
        // the fake's bad event carries no text, so the reply is whole: langchain4j drops the event and carries on
        h.server.reply("the whole reply").enqueue(Fault.malformedJson());

        ModelReply streamed = h.gateway().stream(claude, ask("stream"), StreamSink.of(piece -> {}), Cancellation.NEVER);

        assertThat(streamed.attempts()).isEqualTo(1);
        assertThat(streamed.text()).isEqualTo("the whole reply");
    }

    @Test
    void promptIsTooLongIsAContextFailureWithoutRetry() {
        h.server.enqueue(Fault.contextTooLong());

        ModelCallException e = failure(claude, ask("too long"));

        assertThat(e.errorClass()).isEqualTo(ErrorClass.CONTEXT_TOO_LONG);
        assertThat(e.attempts()).isEqualTo(1);
        assertThat(WorkspaceRepositories.ledger(h.workspace)
                        .find(e.callId())
                        .orElseThrow()
                        .errorDetail())
                .contains("prompt is too long");
    }

    @Test
    void aCreditBalanceTooLowIsAQuotaFailureWithoutRetry() {
        h.server.enqueue(Fault.quotaExceeded());

        ModelCallException e = failure(claude, ask("no credit"));

        assertThat(e.errorClass()).isEqualTo(ErrorClass.QUOTA_EXCEEDED);
        assertThat(e.attempts()).isEqualTo(1);
    }

    @Test
    void anUnknownModelIsReportedAsSuch() {
        Endpoint unknown = Endpoint.of("claude-x", Provider.ANTHROPIC, h.server.baseUrl() + "/v1", "claude-9")
                .withApiKeyEnv(KEY_ENV)
                .withTimeout(Duration.ofSeconds(5));

        ModelCallException e = failure(unknown, ask("who?"));

        assertThat(e.errorClass()).isEqualTo(ErrorClass.MODEL_NOT_FOUND);
        assertThat(h.server.chatRequests()).hasSize(1);
    }

    @Test
    void aRefusalIsContentFilteredNotAShortAnswer() {
        h.server.reply("I would rather not say").enqueue(Fault.contentFiltered(), Fault.contentFiltered());

        ModelCallException plain = failure(claude, ask("refused"));
        assertThat(plain.errorClass()).isEqualTo(ErrorClass.CONTENT_FILTERED);
        assertThat(plain.attempts()).isEqualTo(1);

        ModelCallException streamed = assertStreamFails(ask("refused stream"));
        assertThat(streamed.errorClass()).isEqualTo(ErrorClass.CONTENT_FILTERED);
        assertThat(streamed.attempts()).isEqualTo(1);
        assertThat(h.server.chatRequests()).hasSize(2);
        // a reply that merely mentions a refusal is an answer
        h.server.reply("{\"stop_reason\":\"refusal\"} is what Anthropic sends");
        assertThat(call(ask("quote it")).text()).startsWith("{\"stop_reason\"");
    }

    @Test
    void anEmptyReplyIsRetriedAndThenAnEmptyReplyFailure() {
        for (int i = 0; i < GatewayHarness.QUICK.maxAttempts(); i++) {
            h.server.enqueue(Fault.emptyContent());
        }
        assertThat(failure(claude, ask("say nothing")).errorClass()).isEqualTo(ErrorClass.EMPTY_REPLY);

        h.server.enqueue(Fault.emptyContent());
        ModelReply streamed = h.gateway().stream(
                claude, ask("say nothing, streamed"), StreamSink.of(piece -> {}), Cancellation.NEVER);
        assertThat(streamed.attempts()).isEqualTo(2);
    }

    private ModelCallException assertStreamFails(ModelRequest request) {
        try {
            h.gateway().stream(claude, request, StreamSink.of(piece -> {}), Cancellation.NEVER);
        } catch (ModelCallException e) {
            return e;
        }
        throw new AssertionError("the stream should have failed");
    }
}
