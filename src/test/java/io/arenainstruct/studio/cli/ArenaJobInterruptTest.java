package io.arenainstruct.studio.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.util.WaitForAsyncUtils;

import io.arenainstruct.studio.Main;
import io.arenainstruct.studio.domain.arena.Battle;
import io.arenainstruct.studio.domain.arena.BattleFilter;
import io.arenainstruct.studio.service.arena.ArenaFixture;
import io.arenainstruct.studio.service.workspace.Workspace;
import io.arenainstruct.studio.store.ChildJvm;
import io.arenainstruct.studio.testserver.FakeModelServer;
import io.arenainstruct.studio.testserver.JudgeReplies;

/** Ctrl+C on {@code judge} (SIGINT to a child JVM): the job stops, keeps its games and says how to resume. */
class ArenaJobInterruptTest {
    @TempDir
    Path tmp;

    @Test
    void ctrlCKeepsTheJudgedGamesAndResumeFinishesTheRest() throws Exception {
        Path store = tmp.resolve("store");
        try (FakeModelServer server = FakeModelServer.start()
                .replyWith(JudgeReplies.always("[[A>B]]"))
                .latency(Duration.ofMillis(150))) {
            try (Workspace ws = ArenaFixture.open(store)) {
                ArenaFixture.importSampleWithBattles(ws);
                ArenaFixture.endpoint(ws, "judge", "judge-model", server.openAiBaseUrl(), 1);
            }
            try (ChildJvm child =
                    ChildJvm.start(Main.class, "judge", "--judges", "judge", "--store", store.toString())) {
                WaitForAsyncUtils.waitFor(
                        60, TimeUnit.SECONDS, () -> server.chatRequests().size() >= 3);
                Process signal = new ProcessBuilder(
                                "kill", "-INT", String.valueOf(child.process().pid()))
                        .start();
                assertThat(signal.waitFor(10, TimeUnit.SECONDS)).isTrue();
                assertThat(child.process().waitFor(60, TimeUnit.SECONDS))
                        .as("the job stops")
                        .isTrue();
                assertThat(child.process().exitValue()).isEqualTo(130);
                assertThat(child.stderr())
                        .contains("estimate: 80 calls for 80 games")
                        .contains("error: judge job 1 was cancelled; what finished is kept; continue it with:"
                                + " arena-jobs resume 1")
                        .doesNotContain("Exception");
            }
            int sent = server.chatRequests().size();
            int stored;
            try (Workspace ws = ArenaFixture.open(store)) {
                stored = ws
                        .battles()
                        .verdicts(ws.battles().page(BattleFilter.ALL, 0, 100).stream()
                                .map(Battle::id)
                                .toList())
                        .values()
                        .stream()
                        .mapToInt(v -> (int) v.stream()
                                .filter(g -> g.game() != null && g.game() > 0)
                                .count())
                        .sum();
            }
            assertThat(stored).isBetween(2, 79);
            assertThat(CliRun.on(store, "arena-jobs", "list").out()).startsWith("job 1: cancelled, judge");

            CliRun resumed = CliRun.on(store, "arena-jobs", "resume", "1");

            assertThat(resumed.code()).as(resumed.err()).isZero();
            // the resumed job covers the battles still unjudged: those judged before Ctrl+C are done
            assertThat(resumed.out()).matches("judge job 1 completed: \\d+ battles judged\n");
            assertThat(CliRun.on(store, "battles", "list", "--status", "unjudged")
                            .out())
                    .isEqualTo("0 battles\n");
            assertThat(server.chatRequests().size() - sent)
                    .as("only the games not stored were asked for")
                    .isEqualTo(80 - stored);
        }
    }
}
