package io.arenainstruct.studio.service.run;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.arenainstruct.studio.domain.PostgresqlLocation;
import io.arenainstruct.studio.domain.llm.LedgerEntry;
import io.arenainstruct.studio.domain.llm.LedgerFilter;
import io.arenainstruct.studio.domain.llm.LedgerOutcome;
import io.arenainstruct.studio.domain.run.Instruction;
import io.arenainstruct.studio.domain.run.InstructionFilter;
import io.arenainstruct.studio.domain.run.InstructionStatus;
import io.arenainstruct.studio.domain.run.InterruptedRun;
import io.arenainstruct.studio.domain.run.RunConfig;
import io.arenainstruct.studio.domain.run.RunStatus;
import io.arenainstruct.studio.domain.run.SeedSelection;
import io.arenainstruct.studio.service.llm.KeyResolver;
import io.arenainstruct.studio.service.llm.RetryPolicy;
import io.arenainstruct.studio.service.workspace.Workspace;
import io.arenainstruct.studio.service.workspace.WorkspaceRepositories;
import io.arenainstruct.studio.store.ChildJvm;
import io.arenainstruct.studio.store.TestStores;
import io.arenainstruct.studio.testserver.FakeModelServer;
import io.arenainstruct.studio.testserver.SchemaReplies;

/**
 * Runs on a team store shared by several processes (decision 0024), on a real PostgreSQL server: a run killed in
 * one JVM is resumed from another without sending again what was answered; a live run cannot be taken over; a
 * server restart in the middle of a run loses nothing and sends nothing twice.
 */
class TeamStoreRunTest {
    /** The fixture's run: 12 seeds, 1 transformation each, 3 instructions each of 6 calls. */
    private static final int CALLS = 12 * (1 + 3 * 6);

    private static final int KILL_AFTER = 6;
    /** Short heartbeats, so a killed process's run shows as interrupted within seconds. */
    private static final List<String> QUICK_HEARTBEAT =
            List.of("-Darenainstruct.store.heartbeatMillis=200", "-Darenainstruct.store.staleMillis=2000");

    @TempDir
    Path tmp;

    @Test
    void aRunKilledInOneJvmIsResumedFromAnotherWithoutResendingAndEndsWithTheSameInstructions() throws Exception {
        PostgresqlLocation at = TestStores.freshDatabase();
        try (FakeModelServer first = FakeModelServer.start();
                FakeModelServer second = FakeModelServer.start();
                FakeModelServer reference = FakeModelServer.start()) {
            for (FakeModelServer s : List.of(first, second, reference)) {
                s.replyWith(SchemaReplies.fill()).latency(Duration.ofMillis(20));
            }
            long runId;
            Set<String> doneBeforeKill = new HashSet<>();
            try (ChildJvm child =
                    ChildJvm.start(QUICK_HEARTBEAT, RunChildMain.class, at.display(), first.openAiBaseUrl(), "start")) {
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
            try (Workspace ws = quickly(() -> open(at))) {
                // The killed process stops beating: within the stale time its run is interrupted for everyone.
                waitUntil(() -> ws.runs().find(runId).orElseThrow().status() == RunStatus.INTERRUPTED);
                assertThat(ws.runs().stillInterrupted())
                        .extracting(InterruptedRun::runId)
                        .contains(runId);
                // what the killed process journalled but had not flushed came in as this process opened the store
                for (LedgerEntry e : WorkspaceRepositories.ledger(ws)
                        .list(new LedgerFilter(null, LedgerOutcome.OK, null, runId), 0, 100_000)) {
                    answeredBeforeKill.add(e.requestHash());
                }
                int complete = ws.instructions().count(new InstructionFilter(runId, null, null, "complete", null));
                assertThat(complete).isBetween(KILL_AFTER, 12 * 3 - 1);
                assertThat(answeredBeforeKill.size()).isGreaterThanOrEqualTo(complete * 6);
            }

            try (ChildJvm child = ChildJvm.start(
                    QUICK_HEARTBEAT,
                    RunChildMain.class,
                    at.display(),
                    second.openAiBaseUrl(),
                    "resume",
                    String.valueOf(runId))) {
                String finished = child.awaitLine(l -> l.startsWith("FINISHED "), Duration.ofSeconds(120));
                assertThat(finished).as(child.stderr()).isEqualTo("FINISHED completed");
                assertThat(child.process().waitFor(30, TimeUnit.SECONDS)).isTrue();
            }
            List<String> resumed;
            try (Workspace ws = open(at)) {
                assertThat(ws.instructions().count(InstructionFilter.ofRun(runId)))
                        .isEqualTo(36);
                resumed = instructions(ws, runId);
                assertThat(ws.runs().find(runId).orElseThrow().status()).isEqualTo(RunStatus.COMPLETED);
            }
            assertThat(second.chatRequests().size())
                    .as("only what the ledger lacked was sent")
                    .isEqualTo(CALLS - answeredBeforeKill.size());

            // The same run, never interrupted, on a store of its own: the same instructions.
            Path h2 = tmp.resolve("reference");
            try (Workspace ws = Workspace.open(h2, noKeys(), RetryPolicy.DEFAULT)) {
                RunFixture.install(ws, reference.openAiBaseUrl(), 12, 4);
                RunHandle run = ws.runs()
                        .start(RunConfig.of(List.of(RunFixture.SKILL), SeedSelection.all(), "local")
                                .withPerSeed(3));
                assertThat(run.run()).isEqualTo(RunStatus.COMPLETED);
                assertThat(resumed).isEqualTo(instructions(ws, run.runId()));
            }
            assertThat(reference.chatRequests()).hasSize(CALLS);
        }
    }

    @Test
    void aLiveRunIsNotOfferedToAnotherProcessAndOfTwoResumingItOnlyOneDoes() throws Exception {
        PostgresqlLocation at = TestStores.freshDatabase();
        try (FakeModelServer server = FakeModelServer.start()) {
            server.replyWith(SchemaReplies.fill()).latency(Duration.ofMillis(20));
            long runId;
            try (ChildJvm child = ChildJvm.start(
                    QUICK_HEARTBEAT, RunChildMain.class, at.display(), server.openAiBaseUrl(), "start")) {
                runId = Long.parseLong(child.awaitLine(l -> l.startsWith("RUN "), ChildJvm.timeout())
                        .substring(4)
                        .strip());
                child.awaitLine(l -> l.startsWith("DONE "), ChildJvm.timeout());
                server.pauseReplies();
                server.awaitInFlight(4, ChildJvm.timeout());
                try (Workspace ws = quickly(() -> open(at))) {
                    // It beats every 200 ms: more than the stale time later it is still running, not interrupted.
                    long until = System.nanoTime() + Duration.ofSeconds(3).toNanos();
                    while (System.nanoTime() < until) {
                        assertThat(ws.runs().find(runId).orElseThrow().status()).isEqualTo(RunStatus.RUNNING);
                        assertThat(ws.runs().stillInterrupted()).isEmpty();
                        Thread.sleep(100); // sampling a state over time, not waiting for one
                    }
                    assertThat(ws.runs().interruptedAtOpen()).isEmpty();
                    assertThatRefused(ws, runId, "is running in ");
                }
                child.kill();
                server.resumeReplies();
            }
            // Two processes resume it at once: one runs it to the end, the other is told who has it.
            try (Workspace ws = quickly(() -> open(at))) {
                waitUntil(() -> ws.runs().find(runId).orElseThrow().status() == RunStatus.INTERRUPTED);
            }
            try (ChildJvm a = ChildJvm.start(
                            QUICK_HEARTBEAT, RunChildMain.class, at.display(), "-", "resume", String.valueOf(runId));
                    ChildJvm b = ChildJvm.start(
                            QUICK_HEARTBEAT, RunChildMain.class, at.display(), "-", "resume", String.valueOf(runId))) {
                List<String> ends = new ArrayList<>();
                for (ChildJvm child : List.of(a, b)) {
                    ends.add(child.awaitLine(
                            l -> l.startsWith("FINISHED ") || l.startsWith("REFUSED "), Duration.ofSeconds(120)));
                }
                assertThat(ends)
                        .as(a.stderr() + b.stderr())
                        .filteredOn(l -> l.equals("FINISHED completed"))
                        .hasSize(1);
                assertThat(ends)
                        .filteredOn(l -> l.startsWith("REFUSED "))
                        .singleElement()
                        .satisfies(l -> assertThat(l).containsAnyOf("already being resumed by ", "is running in "));
            }
            // Paid twice: only the 4 calls in flight at the kill (had both resumed, many more).
            assertThat(server.chatRequests()).as("no request was sent twice").hasSize(CALLS + 4);
        }
    }

    @Test
    void aServerRestartInTheMiddleOfARunLosesNothingAndSendsNothingTwice() throws Exception {
        PostgresqlLocation at = TestStores.freshDatabase();
        PostgresqlLocation server = TestStores.server();
        try (FakeModelServer models = FakeModelServer.start();
                Workspace ws = open(at)) {
            models.replyWith(SchemaReplies.fill()).latency(Duration.ofMillis(20));
            RunFixture.install(ws, models.openAiBaseUrl(), 12, 4);
            RunHandle run = ws.runs()
                    .start(RunConfig.of(List.of(RunFixture.SKILL), SeedSelection.all(), "local")
                            .withPerSeed(3));
            Set<String> notes = ConcurrentHashMap.newKeySet();
            run.onProgress(p -> {
                if (p.throttle() != null) {
                    notes.add(p.throttle());
                }
            });
            AtomicInteger complete = new AtomicInteger();
            run.onInstruction(i -> {
                if (i.status() == InstructionStatus.COMPLETE) {
                    complete.incrementAndGet();
                }
            });
            CompletableFuture<RunStatus> ended = CompletableFuture.supplyAsync(run::run);
            for (int after : new int[] {4, 12, 24}) {
                waitUntil(() -> complete.get() >= after || ended.isDone());
                TestStores.admin(
                        server,
                        "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '" + at.database()
                                + "' AND pid <> pg_backend_pid()");
            }
            assertThat(ended.get(120, TimeUnit.SECONDS)).isEqualTo(RunStatus.COMPLETED);
            assertThat(ws.instructions().ids(InstructionFilter.ofRun(run.runId())))
                    .hasSize(36)
                    .allSatisfy(id -> assertThat(
                                    ws.instructions().find(id).orElseThrow().status())
                            .isEqualTo(InstructionStatus.COMPLETE));
            assertThat(WorkspaceRepositories.ledger(ws)
                            .list(new LedgerFilter(null, LedgerOutcome.OK, null, run.runId()), 0, 100_000))
                    .as("every call in the ledger")
                    .hasSize(CALLS);
            assertThat(models.chatRequests()).as("no call sent twice").hasSize(CALLS);
            assertThat(notes).as("the run said why it waited").contains(AgentInstructRun.WAITING_FOR_STORE);
        }
    }

    private static void assertThatRefused(Workspace ws, long runId, String why) {
        try {
            ws.runs().resume(runId);
        } catch (IllegalArgumentException e) {
            assertThat(e.getMessage()).contains(why);
            return;
        }
        throw new AssertionError("resuming a run that another process runs was not refused");
    }

    /** Each instruction as the curator reads it, in a stable order. */
    private static List<String> instructions(Workspace ws, long runId) {
        List<String> out = new ArrayList<>();
        for (long id : ws.instructions().ids(InstructionFilter.ofRun(runId))) {
            Instruction i = ws.instructions().find(id).orElseThrow();
            out.add(i.slot() + " | " + i.category() + " | " + i.subcategory() + " | " + i.generated() + " | "
                    + i.rounds().size() + " | " + i.response());
        }
        out.sort(null);
        return out;
    }

    private static Workspace open(PostgresqlLocation at) {
        return Workspace.open(at, noKeys(), RetryPolicy.DEFAULT);
    }

    private static KeyResolver noKeys() {
        return new KeyResolver(Path.of(System.getProperty("java.io.tmpdir"), "no-secrets"), n -> null);
    }

    /** Opens with the children's short stale time, so this process sees a killed child's run as interrupted. */
    private static <T> T quickly(Supplier<T> open) {
        String before = System.getProperty("arenainstruct.store.staleMillis");
        System.setProperty("arenainstruct.store.staleMillis", "2000");
        try {
            return open.get();
        } finally {
            if (before == null) {
                System.clearProperty("arenainstruct.store.staleMillis");
            } else {
                System.setProperty("arenainstruct.store.staleMillis", before);
            }
        }
    }

    private static void waitUntil(BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("the condition did not hold within 60 s");
            }
            Thread.sleep(20);
        }
    }
}
