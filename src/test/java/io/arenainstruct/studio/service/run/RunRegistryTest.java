package io.arenainstruct.studio.service.run;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.arenainstruct.studio.domain.run.InstructionFilter;
import io.arenainstruct.studio.domain.run.RunConfig;
import io.arenainstruct.studio.domain.run.RunProgress;
import io.arenainstruct.studio.domain.run.RunStatus;
import io.arenainstruct.studio.domain.run.SeedSelection;
import io.arenainstruct.studio.domain.run.Stage;
import io.arenainstruct.studio.service.job.JobEvent;
import io.arenainstruct.studio.service.job.JobState;
import io.arenainstruct.studio.service.llm.KeyResolver;
import io.arenainstruct.studio.service.workspace.Workspace;
import io.arenainstruct.studio.testserver.FakeModelServer;
import io.arenainstruct.studio.testserver.SchemaReplies;

/** Runs handed out by RunService are in the workspace's job registry while they execute; closing stops them. */
class RunRegistryTest {
    @TempDir
    Path tmp;

    private FakeModelServer server;
    private Workspace ws;

    @BeforeEach
    void setUp() {
        server = FakeModelServer.start().replyWith(SchemaReplies.fill());
        ws = open();
        // 3 seeds, one instruction each
        RunFixture.install(ws, server.openAiBaseUrl(), 3, 4);
    }

    private Workspace open() {
        return Workspace.open(
                tmp.resolve("store"),
                new KeyResolver(tmp.resolve("secrets.properties"), n -> null),
                RunFixture.QUICK_RETRIES);
    }

    @AfterEach
    void tearDown() {
        server.resumeReplies();
        server.latency(Duration.ZERO);
        ws.close();
        server.close();
    }

    private static RunConfig config() {
        return RunConfig.of(List.of(RunFixture.SKILL), SeedSelection.all(), "local");
    }

    @Test
    void aRunIsRegisteredWhileItExecutesAndTellsWhatItStored() throws Exception {
        List<JobEvent<RunProgress>> events = new CopyOnWriteArrayList<>();
        CountDownLatch finished = new CountDownLatch(1);
        ws.jobs().subscribe(e -> {
            events.add(e);
            if (e instanceof JobEvent.Finished) {
                finished.countDown();
            }
        });
        RunHandle run = ws.runs().start(config());
        assertThat(ws.jobs().running()).as("not before it executes").isEmpty();
        assertThat(run.run()).isEqualTo(RunStatus.COMPLETED);
        assertThat(finished.await(10, TimeUnit.SECONDS)).isTrue();
        assertThat(ws.jobs().running()).isEmpty();

        assertThat(events.get(0)).isEqualTo(new JobEvent.Started<RunProgress>(run.runId()));
        assertThat(events.get(events.size() - 1))
                .isEqualTo(new JobEvent.Finished<RunProgress>(run.runId(), JobState.COMPLETED));
        // 3 passages; 3 instructions, each stored when created and after each of its steps
        List<Long> passages = events.stream()
                .filter(e -> e instanceof JobEvent.ItemChanged<RunProgress> i && i.kind() == JobEvent.Item.PASSAGE)
                .map(e -> ((JobEvent.ItemChanged<RunProgress>) e).itemId())
                .distinct()
                .toList();
        List<Long> instructions = events.stream()
                .filter(e -> e instanceof JobEvent.ItemChanged<RunProgress> i && i.kind() == JobEvent.Item.INSTRUCTION)
                .map(e -> ((JobEvent.ItemChanged<RunProgress>) e).itemId())
                .distinct()
                .toList();
        assertThat(passages).hasSize(3);
        assertThat(instructions)
                .containsExactlyInAnyOrderElementsOf(ws.instructions().ids(InstructionFilter.ofRun(run.runId())));
        assertThat(instructions).hasSize(3);
        // the last figures stay known after the end
        RunProgress last = ws.jobs().lastProgress(run.runId()).orElseThrow();
        assertThat(last.status()).isEqualTo(RunStatus.COMPLETED);
        assertThat(last.stage(Stage.ANSWER).done()).isEqualTo(3);
    }

    @Test
    void pausingThroughTheRegistryIsTold() throws Exception {
        server.pauseReplies();
        List<JobEvent<RunProgress>> events = new CopyOnWriteArrayList<>();
        ws.jobs().subscribe(events::add);
        RunHandle run = ws.runs().start(config());
        CompletableFuture<RunStatus> ran = CompletableFuture.supplyAsync(run::run);
        server.awaitInFlight(1, Duration.ofSeconds(10));
        assertThat(ws.jobs().togglePause(run.runId())).isTrue();
        assertThat(run.isPaused()).isTrue();
        assertThat(ws.jobs().togglePause(run.runId())).isTrue();
        assertThat(run.isPaused()).isFalse();
        server.resumeReplies();
        assertThat(ran.get(20, TimeUnit.SECONDS)).isEqualTo(RunStatus.COMPLETED);
        assertThat(events.stream()
                        .filter(e -> e instanceof JobEvent.PausedOrResumed)
                        .toList())
                .containsExactly(
                        new JobEvent.PausedOrResumed<>(run.runId(), true),
                        new JobEvent.PausedOrResumed<>(run.runId(), false));
    }

    @Test
    void closingTheWorkspaceCancelsARunningRunAndWaitsUntilItRecordedWhereItStopped() throws Exception {
        // a chain is six calls one after another: the run takes at least 3 s, a call in flight ends within 0.5 s
        // (a call without streaming is not interrupted; it ends, and the run stops at its next step)
        server.latency(Duration.ofMillis(500));
        RunHandle run = ws.runs().start(config());
        long id = run.runId();
        CompletableFuture<RunStatus> ran = CompletableFuture.supplyAsync(run::run);
        server.awaitInFlight(1, Duration.ofSeconds(10));
        assertThat(ws.jobs().running()).containsExactly(id);

        ws.close();

        // close returned only after the run ended: it is cancelled, not interrupted, when the store opens again
        assertThat(ran.isDone()).isTrue();
        assertThat(ran.get()).isEqualTo(RunStatus.CANCELLED);
        ws = open();
        assertThat(ws.runs().find(id).orElseThrow().status()).isEqualTo(RunStatus.CANCELLED);
        assertThat(ws.runs().interruptedAtOpen()).isEmpty();
    }
}
