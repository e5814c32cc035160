package io.arenainstruct.studio.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.util.WaitForAsyncUtils;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.arenainstruct.studio.Main;
import io.arenainstruct.studio.store.ChildJvm;
import io.arenainstruct.studio.testserver.FakeModelServer;
import io.arenainstruct.studio.testserver.SchemaReplies;

/**
 * Ctrl+C on {@code run} (SIGINT to a child JVM): the run stops, says how to resume, and the list shows how far it got.
 */
class RunInterruptTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path tmp;

    @Test
    void ctrlCPrintsTheResumeLineAndRunsListShowsTheStagesDone() throws Exception {
        Path store = tmp.resolve("store");
        try (FakeModelServer server =
                FakeModelServer.start().replyWith(SchemaReplies.fill()).latency(Duration.ofMillis(150))) {
            assertThat(CliRun.on(store, "seeds", "import", Path.of("sample-seeds"))
                            .code())
                    .isZero();
            CliRun add = CliRun.on(
                    store,
                    "models",
                    "add",
                    "local",
                    "--provider",
                    "openai-compatible",
                    "--base-url",
                    server.openAiBaseUrl(),
                    "--model",
                    "qwen2.5",
                    "--max-concurrent",
                    "1");
            assertThat(add.code()).as(add.err()).isZero();

            try (ChildJvm child = ChildJvm.start(
                    Main.class,
                    "run",
                    "--skill",
                    "reading-comprehension",
                    "--seeds",
                    "all",
                    "--endpoint",
                    "local",
                    "--store",
                    store.toString())) {
                WaitForAsyncUtils.waitFor(
                        60, TimeUnit.SECONDS, () -> server.chatRequests().size() >= 3);
                Process signal = new ProcessBuilder(
                                "kill", "-INT", String.valueOf(child.process().pid()))
                        .start();
                assertThat(signal.waitFor(10, TimeUnit.SECONDS)).isTrue();
                assertThat(child.process().waitFor(60, TimeUnit.SECONDS))
                        .as("the run stops")
                        .isTrue();
                assertThat(child.process().exitValue()).isEqualTo(130);
                assertThat(child.stderr())
                        .contains("error: run 1 was cancelled; what finished is kept; continue it"
                                + " with: runs resume 1")
                        .doesNotContain("Exception");
            }

            CliRun list = CliRun.on(store, "runs", "list");
            assertThat(list.code()).as(list.err()).isZero();
            assertThat(list.out())
                    .startsWith("run 1: cancelled, reading-comprehension")
                    .containsPattern("transformation ([2-9]|1\\d|2[0-6])/26, ")
                    .contains("0 of 0 instructions complete")
                    .endsWith("1 run\n");
            JsonNode run = JSON.readTree(
                            CliRun.on(store, "runs", "list", "--json").out())
                    .get(0);
            assertThat(run.get("stages").get("transformation").get("planned").asInt())
                    .isEqualTo(26);
            assertThat(run.get("stages").get("transformation").get("done").asInt())
                    .isGreaterThanOrEqualTo(2);

            CliRun resumed = CliRun.on(store, "runs", "resume", "1");
            assertThat(resumed.code()).as(resumed.err()).isZero();
            assertThat(resumed.out()).contains("run 1 completed: 26 instructions");
        }
    }
}
