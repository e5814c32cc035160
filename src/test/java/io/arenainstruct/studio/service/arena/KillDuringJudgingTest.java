package io.arenainstruct.studio.service.arena;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.arenainstruct.studio.domain.arena.ArenaJob;
import io.arenainstruct.studio.domain.arena.BattleFilter;
import io.arenainstruct.studio.domain.arena.BattleStatus;
import io.arenainstruct.studio.domain.llm.LedgerFilter;
import io.arenainstruct.studio.domain.llm.LedgerOutcome;
import io.arenainstruct.studio.domain.run.RunStatus;
import io.arenainstruct.studio.service.workspace.Workspace;
import io.arenainstruct.studio.service.workspace.WorkspaceRepositories;
import io.arenainstruct.studio.store.ChildJvm;
import io.arenainstruct.studio.testserver.FakeModelServer;
import io.arenainstruct.studio.testserver.JudgeReplies;

/**
 * SIGKILL in the middle of judging the 40 sample battles (80 games), then the store is opened again (the job shows as
 * interrupted) and the job is resumed against another server: it completes, and no game whose call completed
 * before the kill is asked for again.
 */
class KillDuringJudgingTest {
    @TempDir
    Path tmp;

    @Test
    void aJudgingJobKilledMidwayResumesWithoutAskingForCompletedGamesAgain() throws Exception {
        Path store = tmp.resolve("store");
        try (FakeModelServer first = FakeModelServer.start();
                FakeModelServer second = FakeModelServer.start()) {
            for (FakeModelServer s : List.of(first, second)) {
                s.replyWith(JudgeReplies.always("Both are fine; the first is clearer. [[A>B]]"))
                        .latency(Duration.ofMillis(20));
            }
            try (Workspace ws = ArenaFixture.openFolder(store)) {
                ArenaFixture.importSampleWithBattles(ws);
                ArenaFixture.endpoint(ws, "judge", "judge-model", first.openAiBaseUrl(), 2);
            }
            long jobId;
            try (ChildJvm child = ChildJvm.start(JudgeChildMain.class, store.toString())) {
                jobId = Long.parseLong(child.awaitLine(l -> l.startsWith("JOB "), ChildJvm.timeout())
                        .substring(4)
                        .strip());
                child.awaitLine(
                        l -> l.startsWith("GAMES ") && Integer.parseInt(l.substring(6)) >= 10, ChildJvm.timeout());
                first.pauseReplies();
                first.awaitInFlight(2, ChildJvm.timeout());
                child.kill();
                first.resumeReplies();
            }
            int answeredBeforeKill;
            int storedBeforeKill;
            try (Workspace ws = ArenaFixture.openFolder(store)) {
                ArenaJob job = ws.arena().job(jobId).orElseThrow();
                assertThat(job.status()).isEqualTo(RunStatus.INTERRUPTED);
                answeredBeforeKill = ws.callLedger().count(new LedgerFilter(null, LedgerOutcome.OK, null, null));
                storedBeforeKill = gamesStored(ws);
                assertThat(storedBeforeKill).isBetween(10, 78);
                assertThat(answeredBeforeKill).isGreaterThanOrEqualTo(storedBeforeKill);
                ArenaFixture.endpoint(ws, "judge", "judge-model", second.openAiBaseUrl(), 2);

                assertThat(ws.arena().resume(jobId).run()).isEqualTo(RunStatus.COMPLETED);

                assertThat(gamesStored(ws)).isEqualTo(80);
                assertThat(ws.battles().count(new BattleFilter(BattleStatus.UNJUDGED, null, null, null)))
                        .isZero();
                assertThat(ws.battles().count(new BattleFilter(BattleStatus.DISPUTED, null, null, null)))
                        .as("a judge that always prefers the first answer: position bias")
                        .isEqualTo(40);
            }
            assertThat(second.chatRequests().size())
                    .as("only the games whose calls had not completed were asked for")
                    .isEqualTo(80 - answeredBeforeKill);
        }
    }

    private static int gamesStored(Workspace ws) {
        return WorkspaceRepositories.store(ws).read(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT COUNT(*) FROM verdict WHERE game IN (1, 2)");
                    ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getInt(1);
            }
        });
    }
}
