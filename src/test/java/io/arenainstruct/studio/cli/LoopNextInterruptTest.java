package io.arenainstruct.studio.cli;

import static io.arenainstruct.studio.service.loop.LoopSimulation.SKILL;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.util.WaitForAsyncUtils;

import io.arenainstruct.studio.Main;
import io.arenainstruct.studio.service.loop.LoopSimulation;
import io.arenainstruct.studio.service.workspace.DataDirectories;
import io.arenainstruct.studio.service.workspace.TemporaryUserData;
import io.arenainstruct.studio.service.workspace.Workspace;
import io.arenainstruct.studio.store.ChildJvm;
import io.arenainstruct.studio.testserver.FakeModelServer;

/**
 * Ctrl+C on {@code loop next} (SIGINT to a child JVM): the stage stops, and the line printed continues the chain, not
 * only the stage's own job (which would leave the battles and the judging undone).
 */
class LoopNextInterruptTest {
    private static final int SEEDS = 6;

    @TempDir
    Path tmp;

    @RegisterExtension
    final TemporaryUserData userData = new TemporaryUserData();

    @Test
    void ctrlCDuringTheRunSaysToContinueTheChainWithResume() throws Exception {
        Path store = tmp.resolve("store");
        try (FakeModelServer server = FakeModelServer.start().replyWith(LoopSimulation::reply)) {
            try (Workspace ws = Workspace.open(store)) {
                LoopSimulation.install(ws, server.openAiBaseUrl(), SEEDS);
            }
            assertThat(CliRun.on(store, "run", "--skill", SKILL, "--seeds", "tag:first", "--endpoint", "gen")
                            .code())
                    .isZero();
            assertThat(CliRun.on(store, "answer", "--endpoints", "t,o", "--instructions", "run:1")
                            .code())
                    .isZero();
            assertThat(CliRun.on(store, "battles", "create", "--strategy", "target:T", "--instructions", "run:1")
                            .code())
                    .isZero();
            assertThat(CliRun.on(store, "judge", "--judges", "j").code()).isZero();
            int before = server.chatRequests().size();
            server.latency(Duration.ofMillis(300));

            try (ChildJvm child = ChildJvm.start(
                    List.of("-D" + DataDirectories.HOME_PROPERTY + "=" + userData.dir()),
                    Main.class,
                    "loop",
                    "next",
                    "--endpoint",
                    "gen",
                    "--target",
                    "T",
                    "--store",
                    store.toString())) {
                WaitForAsyncUtils.waitFor(
                        60, TimeUnit.SECONDS, () -> server.chatRequests().size() > before);
                Process signal = new ProcessBuilder(
                                "kill", "-INT", String.valueOf(child.process().pid()))
                        .start();
                assertThat(signal.waitFor(10, TimeUnit.SECONDS)).isTrue();
                assertThat(child.process().waitFor(60, TimeUnit.SECONDS))
                        .as("the chain stops")
                        .isTrue();

                assertThat(child.process().exitValue()).isEqualTo(130);
                assertThat(child.stderr())
                        .contains("error: run 2 was cancelled; what finished is kept; continue it with: loop next"
                                + " --resume --endpoint gen --target T")
                        .doesNotContain("runs resume")
                        .doesNotContain("Exception");
            }
        }
    }
}
