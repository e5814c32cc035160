package io.arenainstruct.studio.service.llm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import io.arenainstruct.studio.domain.llm.Endpoint;
import io.arenainstruct.studio.domain.llm.ErrorClass;
import io.arenainstruct.studio.domain.llm.LedgerEntry;
import io.arenainstruct.studio.domain.llm.LedgerOutcome;
import io.arenainstruct.studio.domain.llm.ModelCallException;
import io.arenainstruct.studio.domain.llm.ModelReply;
import io.arenainstruct.studio.domain.llm.ModelRequest;
import io.arenainstruct.studio.domain.llm.Provider;
import io.arenainstruct.studio.domain.llm.StreamSink;
import io.arenainstruct.studio.service.task.Cancellation;
import io.arenainstruct.studio.service.workspace.WorkspaceRepositories;
import io.arenainstruct.studio.testserver.Fault;

/** Every fault of the issue: the right class, the right retry behaviour, and a ledger row each time. */
class GatewayFaultTest {
    @TempDir
    Path tmp;

    private GatewayHarness h;

    @BeforeEach
    void setUp() {
        h = new GatewayHarness(tmp);
        h.server.reply("fine");
    }

    @AfterEach
    void tearDown() {
        h.close();
    }

    private ModelReply callOpenAi(String text) {
        return h.gateway().call(h.openAi("qwen2.5"), ModelRequest.ofUser(text), Cancellation.NEVER);
    }

    private ModelCallException failure(Endpoint endpoint, String text) {
        try {
            h.gateway().call(endpoint, ModelRequest.ofUser(text), Cancellation.NEVER);
        } catch (ModelCallException e) {
            LedgerEntry row =
                    WorkspaceRepositories.ledger(h.workspace).find(e.callId()).orElseThrow();
            assertThat(row.outcome()).isEqualTo(LedgerOutcome.FAILED);
            assertThat(row.errorClass()).isEqualTo(e.errorClass());
            return e;
        }
        throw new AssertionError("the call should have failed");
    }

    @Test
    void a429WithRetryAfterIsRetriedAfterTheServersWait() {
        h.server.enqueue(Fault.status(429).retryAfterSeconds(1));
        long t0 = System.nanoTime();
        ModelReply reply = callOpenAi("rate limited once");
        assertThat(Duration.ofNanos(System.nanoTime() - t0)).isGreaterThanOrEqualTo(Duration.ofMillis(950));
        assertThat(reply.attempts()).isEqualTo(2);
        assertThat(h.server.chatRequests()).hasSize(2);
        var first = h.server.chatRequests().get(0).receivedAt();
        var second = h.server.chatRequests().get(1).receivedAt();
        assertThat(Duration.between(first, second)).isGreaterThanOrEqualTo(Duration.ofMillis(950));
    }

    @ParameterizedTest
    @ValueSource(ints = {429, 500, 502, 503})
    void transientStatusesAreRetriedWithBackoff(int status) {
        h.server.enqueue(Fault.status(status), Fault.status(status));
        ModelReply reply = callOpenAi("transient " + status);
        assertThat(reply.text()).isEqualTo("fine");
        assertThat(reply.attempts()).isEqualTo(3);
        assertThat(WorkspaceRepositories.ledger(h.workspace)
                        .find(reply.callId())
                        .orElseThrow()
                        .attempts())
                .isEqualTo(3);
    }

    @Test
    void aServerThatKeepsFailingGivesUpAfterTheLastAttemptWithARecordedServerError() {
        h.server.enqueue(Fault.status(500), Fault.status(500), Fault.status(500), Fault.status(500), Fault.status(500));
        ModelCallException e = failure(h.openAi("qwen2.5"), "always 500");
        assertThat(e.errorClass()).isEqualTo(ErrorClass.SERVER_ERROR);
        assertThat(e.attempts()).isEqualTo(GatewayHarness.QUICK.maxAttempts());
        assertThat(h.server.chatRequests()).hasSize(GatewayHarness.QUICK.maxAttempts());
    }

    @Test
    void authenticationFailuresAreNotRetried() {
        h.server.enqueue(Fault.status(401));
        ModelCallException e = failure(h.openAi("qwen2.5"), "bad key");
        assertThat(e.errorClass()).isEqualTo(ErrorClass.AUTHENTICATION);
        assertThat(e.getMessage()).contains("key");
        assertThat(h.server.chatRequests()).hasSize(1);
    }

    @Test
    void anUnknownModelIsReportedAsSuchForBothWireFormats() {
        h.server.models("llama3.2");
        assertThat(failure(h.openAi("no-such-model"), "x").errorClass()).isEqualTo(ErrorClass.MODEL_NOT_FOUND);
        assertThat(failure(h.ollama("no-such-model"), "x").errorClass()).isEqualTo(ErrorClass.MODEL_NOT_FOUND);
        assertThat(h.server.chatRequests()).hasSize(2);
    }

    @Test
    void malformedJsonIsRetriedAndThenSucceeds() {
        h.server.enqueue(Fault.malformedJson());
        ModelReply reply = callOpenAi("malformed once");
        assertThat(reply.attempts()).isEqualTo(2);
    }

    @Test
    void aConnectionResetMidBodyIsANetworkErrorThatIsRetried() {
        h.server.enqueue(Fault.resetMidBody());
        assertThat(callOpenAi("reset once").attempts()).isEqualTo(2);
        h.server.enqueue(Fault.resetMidBody(), Fault.resetMidBody(), Fault.resetMidBody(), Fault.resetMidBody());
        assertThat(failure(h.openAi("qwen2.5"), "reset always").errorClass()).isEqualTo(ErrorClass.NETWORK);
    }

    @Test
    void aSlowServerTimesOut() {
        h.server.enqueue(
                Fault.delay(Duration.ofSeconds(3)),
                Fault.delay(Duration.ofSeconds(3)),
                Fault.delay(Duration.ofSeconds(3)),
                Fault.delay(Duration.ofSeconds(3)));
        Endpoint impatient = h.openAi("qwen2.5").withTimeout(Duration.ofMillis(300));
        assertThat(failure(impatient, "slow").errorClass()).isEqualTo(ErrorClass.TIMEOUT);
    }

    @Test
    void aStreamThatStallsHalfWayIsCutByTheTimeoutAndRetried() {
        h.server.reply("the whole reply in several words");
        for (Endpoint e : List.of(h.openAi("qwen2.5"), h.ollama("llama3.2"))) {
            Endpoint impatient = e.withTimeout(Duration.ofMillis(400));
            // Without an idle timeout the first attempt would wait out the stall and succeed on attempt 1.
            h.server.enqueue(Fault.stallMidBody(Duration.ofSeconds(3)));
            GatewayHarness.Collected seen = new GatewayHarness.Collected();
            ModelReply streamed = h.gateway().stream(
                    impatient, ModelRequest.ofUser("stall stream " + e.name()), seen, Cancellation.NEVER);
            assertThat(streamed.attempts()).isEqualTo(2);
            assertThat(seen).hasToString("the whole reply in several words");
        }
        h.server.enqueue(
                Fault.stallMidBody(Duration.ofSeconds(3)),
                Fault.stallMidBody(Duration.ofSeconds(3)),
                Fault.stallMidBody(Duration.ofSeconds(3)),
                Fault.stallMidBody(Duration.ofSeconds(3)));
        StreamSink ignore = piece -> {};
        assertThatThrownBy(() -> h.gateway().stream(
                        h.openAi("qwen2.5").withTimeout(Duration.ofMillis(300)),
                        ModelRequest.ofUser("stalls every time"),
                        ignore,
                        Cancellation.NEVER))
                .isInstanceOfSatisfying(
                        ModelCallException.class,
                        e -> assertThat(e.errorClass()).isEqualTo(ErrorClass.TIMEOUT));
    }

    @Test
    void aServerThatIsNotRunningIsANetworkError() throws Exception {
        int closedPort;
        try (ServerSocket s = new ServerSocket(0)) {
            closedPort = s.getLocalPort();
        }
        // User info and a query in the URL are not repeated in what the curator reads.
        Endpoint down = Endpoint.of(
                "down", Provider.OPENAI_COMPATIBLE, "http://me:pw@127.0.0.1:" + closedPort + "/v1?token=t0k3n", "m");
        ModelCallException e = failure(down, "anyone there?");
        assertThat(e.errorClass()).isEqualTo(ErrorClass.NETWORK);
        assertThat(e.attempts()).isEqualTo(GatewayHarness.QUICK.maxAttempts());
        assertThat(e.getMessage())
                .as("which server was called")
                .endsWith("calling http://127.0.0.1:" + closedPort + "/v1)")
                .doesNotContain("pw")
                .doesNotContain("t0k3n");
    }

    @Test
    void aTlsFailureIsANetworkError() throws Exception {
        // A plain-HTTP server answering an https client: the TLS handshake fails at once.
        try (ServerSocket plain = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            Thread answerer = new Thread(
                    () -> {
                        while (!plain.isClosed()) {
                            try (Socket s = plain.accept()) {
                                s.getOutputStream()
                                        .write("HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\n\r\n"
                                                .getBytes(StandardCharsets.US_ASCII));
                            } catch (IOException closed) {
                                return;
                            }
                        }
                    },
                    "plain-http-answerer");
            answerer.setDaemon(true);
            answerer.start();
            Endpoint tls = Endpoint.of(
                            "tls",
                            Provider.OPENAI_COMPATIBLE,
                            "https://127.0.0.1:" + plain.getLocalPort() + "/v1",
                            "qwen2.5")
                    .withTimeout(Duration.ofSeconds(5));
            ModelCallException e = failure(tls, "secure?");
            assertThat(e.errorClass()).as(e.getMessage()).isEqualTo(ErrorClass.NETWORK);
            assertThat(e.getMessage()).containsIgnoringCase("SSL");
        }
    }

    @Test
    void anUnknownHostIsANetworkError() {
        Endpoint nowhere = Endpoint.of("nowhere", Provider.OLLAMA, "http://no-such-host.invalid:11434", "m");
        ModelCallException e = failure(nowhere, "hello?");
        assertThat(e.errorClass()).as(e.getMessage()).isEqualTo(ErrorClass.NETWORK);
    }

    @Test
    void emptyContentFilteredAndTooLongRepliesAreClassified() {
        h.server.enqueue(Fault.emptyContent(), Fault.emptyContent(), Fault.emptyContent(), Fault.emptyContent());
        assertThat(failure(h.openAi("qwen2.5"), "say nothing").errorClass()).isEqualTo(ErrorClass.EMPTY_REPLY);
        h.server.enqueue(Fault.contentFiltered());
        assertThat(failure(h.openAi("qwen2.5"), "filtered").errorClass()).isEqualTo(ErrorClass.CONTENT_FILTERED);
        h.server.enqueue(Fault.contextTooLong());
        ModelCallException tooLong = failure(h.openAi("qwen2.5"), "too long");
        assertThat(tooLong.errorClass()).isEqualTo(ErrorClass.CONTEXT_TOO_LONG);
        assertThat(tooLong.attempts()).isEqualTo(1);
    }

    @Test
    void aTruncatedStreamIsRetriedForBothWireFormats() {
        h.server.reply("the whole reply in several words");
        for (Endpoint e : List.of(h.openAi("qwen2.5"), h.ollama("llama3.2"))) {
            h.server.enqueue(Fault.truncatedStream());
            GatewayHarness.Collected seen = new GatewayHarness.Collected();
            ModelReply reply =
                    h.gateway().stream(e, ModelRequest.ofUser("stream " + e.name()), seen, Cancellation.NEVER);
            assertThat(reply.text()).isEqualTo("the whole reply in several words");
            assertThat(reply.attempts()).isEqualTo(2);
            assertThat(seen).hasToString("the whole reply in several words");
        }
    }

    @Test
    void aCancelledStreamStopsAndIsRecordedAsCancelled() {
        h.server.reply("many words arrive here one after another until the curator stops them");
        AtomicBoolean cancel = new AtomicBoolean();
        StringBuilder seen = new StringBuilder();
        assertThatThrownBy(() -> h.gateway().stream(
                        h.ollama("llama3.2"),
                        ModelRequest.ofUser("long"),
                        piece -> {
                            seen.append(piece);
                            cancel.set(true);
                        },
                        cancel::get))
                .isInstanceOfSatisfying(
                        ModelCallException.class,
                        e -> assertThat(e.errorClass()).isEqualTo(ErrorClass.CANCELLED));
        assertThat(seen.toString())
                .isNotEmpty()
                .isNotEqualTo("many words arrive here one after another until the" + " curator stops them");
    }
}
