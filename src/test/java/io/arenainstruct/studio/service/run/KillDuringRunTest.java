package io.arenainstruct.studio.service.run;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.arenainstruct.studio.domain.llm.LedgerEntry;
import io.arenainstruct.studio.domain.llm.LedgerFilter;
import io.arenainstruct.studio.domain.llm.LedgerOutcome;
import io.arenainstruct.studio.domain.run.InstructionFilter;
import io.arenainstruct.studio.domain.run.InstructionStatus;
import io.arenainstruct.studio.domain.run.RunStatus;
import io.arenainstruct.studio.service.llm.KeyResolver;
import io.arenainstruct.studio.service.llm.RetryPolicy;
import io.arenainstruct.studio.service.workspace.Workspace;
import io.arenainstruct.studio.service.workspace.WorkspaceRepositories;
import io.arenainstruct.studio.store.ChildJvm;
import io.arenainstruct.studio.testserver.FakeModelServer;
import io.arenainstruct.studio.testserver.SchemaReplies;

/**
 * SIGKILL in the middle of a run, then the store is opened again (the run shows as interrupted) and the run is
 * resumed in a new process: it completes, and nothing the ledger answered before the kill is sent again. The
 * killed process and the resumed one talk to different servers, so what each sent is exactly what its server got.
 */
class KillDuringRunTest {
    private static final int KILL_AFTER = 6;

    @TempDir
    Path tmp;

    @Test
    void aRunKilledMidwayResumesWithoutResendingAnsweredCalls() throws Exception {
        Path store = tmp.resolve("store");
        try (FakeModelServer first = FakeModelServer.start();
                FakeModelServer second = FakeModelServer.start()) {
            for (FakeModelServer s : List.of(first, second)) {
                s.replyWith(SchemaReplies.fill()).latency(Duration.ofMillis(20));
            }
            long runId;
            Set<String> doneBeforeKill = new HashSet<>();
            try (ChildJvm child =
                    ChildJvm.start(RunChildMain.class, store.toString(), first.openAiBaseUrl(), "start")) {
                String runLine = child.awaitLine(l -> l.startsWith("RUN "), ChildJvm.timeout());
                runId = Long.parseLong(runLine.substring(4).strip());
                child.awaitLine(
                        l -> l.startsWith("DONE ") && doneBeforeKill.add(l) && doneBeforeKill.size() >= KILL_AFTER,
                        ChildJvm.timeout());
                first.pauseReplies();
                first.awaitInFlight(4, ChildJvm.timeout());
                child.kill();
                first.resumeReplies();
            }
            Set<String> answeredBeforeKill = new HashSet<>();
            try (Workspace ws = open(store)) {
                assertThat(ws.runs().interruptedAtOpen())
                        .as("reopening offers to resume")
                        .containsExactly(runId);
                assertThat(ws.runs().find(runId).orElseThrow().status()).isEqualTo(RunStatus.INTERRUPTED);
                for (LedgerEntry e : WorkspaceRepositories.ledger(ws)
                        .list(new LedgerFilter(null, LedgerOutcome.OK, null, runId), 0, 100_000)) {
                    answeredBeforeKill.add(e.requestHash());
                }
                int complete = ws.instructions().count(new InstructionFilter(runId, null, null, "complete", null));
                assertThat(complete).isBetween(KILL_AFTER, 12 * 3 - 1);
            }
            assertThat(answeredBeforeKill).isNotEmpty();

            try (ChildJvm child = ChildJvm.start(
                    RunChildMain.class, store.toString(), second.openAiBaseUrl(), "resume", String.valueOf(runId))) {
                String finished = child.awaitLine(l -> l.startsWith("FINISHED "), Duration.ofSeconds(120));
                assertThat(finished).as(child.stderr()).isEqualTo("FINISHED completed");
                assertThat(child.process().waitFor(30, TimeUnit.SECONDS)).isTrue();
            }
            try (Workspace ws = open(store)) {
                assertThat(ws.instructions().count(InstructionFilter.ofRun(runId)))
                        .isEqualTo(36);
                assertThat(ws.instructions().ids(InstructionFilter.ofRun(runId)))
                        .allSatisfy(id -> assertThat(
                                        ws.instructions().find(id).orElseThrow().status())
                                .isEqualTo(InstructionStatus.COMPLETE));
                Set<String> sentAfter = new HashSet<>();
                for (LedgerEntry e : WorkspaceRepositories.ledger(ws)
                        .list(new LedgerFilter(null, LedgerOutcome.OK, null, runId), 0, 100_000)) {
                    if (!answeredBeforeKill.contains(e.requestHash())) {
                        sentAfter.add(e.requestHash());
                    }
                }
                // Every OK row is one request paid for once: the resumed process added only new ones.
                assertThat(answeredBeforeKill.size() + sentAfter.size()).isEqualTo(12 * (1 + 3 * 6));
            }
            // (Bodies may repeat: two samples of one prompt differ only in their sample index, which is not sent.)
            assertThat(second.chatRequests().size())
                    .as("only what the ledger lacked was sent")
                    .isEqualTo(12 * (1 + 3 * 6) - answeredBeforeKill.size());
        }
    }

    private static Workspace open(Path store) {
        return Workspace.open(
                store, new KeyResolver(store.resolveSibling("secrets.properties"), n -> null), RetryPolicy.DEFAULT);
    }
}
