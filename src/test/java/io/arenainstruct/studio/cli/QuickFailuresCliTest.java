package io.arenainstruct.studio.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.logging.LogRecord;
import java.util.stream.LongStream;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.arenainstruct.studio.service.workspace.LoggedProblems;
import io.arenainstruct.studio.service.workspace.TemporaryUserData;
import io.arenainstruct.studio.testserver.FakeModelServer;

/**
 * Commands that fail fast still close the store cleanly: closing waits for a ledger flush in progress instead of
 * interrupting it (an interrupted H2 write leaves stack traces, a trace file and identity values that jump by 32).
 */
class QuickFailuresCliTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path tmp;

    @RegisterExtension
    final TemporaryUserData userData = new TemporaryUserData();

    private FakeModelServer server;

    @RegisterExtension
    final LoggedProblems logged = new LoggedProblems();

    @BeforeEach
    void setUp() {
        server = FakeModelServer.start().requireApiKey("the-server-wants-this-key");
    }

    @AfterEach
    void tearDown() {
        server.close();
    }

    private CliRun cli(Object... args) {
        return CliRun.on(tmp.resolve("store"), args);
    }

    @Test
    void fiftyQuickFailingCommandsLeaveNoTraceFileNoStackTraceAndConsecutiveRunIds() throws Exception {
        int deadPort;
        try (ServerSocket s = new ServerSocket(0)) {
            deadPort = s.getLocalPort();
        }
        assertThat(cli("seeds", "import", Path.of("sample-seeds")).code()).isZero();
        assertThat(cli(
                                "models",
                                "add",
                                "refusing",
                                "--provider",
                                "openai-compatible",
                                "--base-url",
                                server.openAiBaseUrl(),
                                "--model",
                                "qwen2.5")
                        .code())
                .isZero();
        assertThat(cli(
                                "models",
                                "add",
                                "down",
                                "--provider",
                                "openai-compatible",
                                "--base-url",
                                "http://127.0.0.1:" + deadPort + "/v1",
                                "--model",
                                "m",
                                "--timeout",
                                "5")
                        .code())
                .isZero();

        // 25 runs and 22 connection tests refused by the server (401), 3 connection tests of a stopped server
        // (each retried for about 4 s, so only a few)
        int runs = 25;
        for (int i = 0; i < 50; i++) {
            CliRun r = i % 2 == 0
                    ? cli("run", "--skill", "fermi", "--seeds", "1,2", "--endpoint", "refusing")
                    : cli("models", "test", i % 20 == 9 ? "down" : "refusing");
            assertThat(r.code()).as(r.err()).isEqualTo(Cli.FAILED);
            assertNoStackTrace(r);
        }

        assertThat(server.chatRequests()).as("the runs reached the server").isNotEmpty();
        assertThat(logged.records())
                .as("warnings or stack traces logged")
                .extracting(QuickFailuresCliTest::render)
                .isEmpty();
        try (Stream<Path> files = Files.list(tmp.resolve("store"))) {
            assertThat(files.map(f -> f.getFileName().toString())).noneMatch(n -> n.endsWith(".trace.db"));
        }
        CliRun list = cli("runs", "list", "--json");
        assertThat(list.code()).as(list.err()).isZero();
        List<Long> ids = new ArrayList<>();
        for (JsonNode r : JSON.readTree(list.out())) {
            ids.add(r.get("id").asLong());
        }
        Collections.sort(ids);
        assertThat(ids)
                .as("run ids")
                .containsExactlyElementsOf(
                        LongStream.rangeClosed(1, runs).boxed().toList());
    }

    private static void assertNoStackTrace(CliRun r) {
        assertThat(r.err())
                .doesNotContain("\tat ")
                .doesNotContain("Exception in")
                .doesNotContain("Caused by");
        assertThat(r.out()).doesNotContain("\tat ");
    }

    private static String render(LogRecord r) {
        StringWriter trace = new StringWriter();
        if (r.getThrown() != null) {
            r.getThrown().printStackTrace(new PrintWriter(trace));
        }
        return r.getLevel() + " " + r.getLoggerName() + ": " + r.getMessage() + "\n" + trace;
    }
}
