package io.arenainstruct.studio.service.job;

import static io.arenainstruct.studio.service.job.FakeJob.await;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

import io.arenainstruct.studio.domain.provenance.Failure;
import io.arenainstruct.studio.service.job.FakeJob.Stage;
import io.arenainstruct.studio.service.job.FakeJob.Store;

/** The runtime on its own: fake stages over an in-memory store; no model, no HTTP, no JavaFX. */
class JobRunnerTest {
    private final Store store = new Store();

    private static CompletableFuture<JobOutcome> start(JobRunner<String> runner, Runnable plan) {
        return CompletableFuture.supplyAsync(() -> runner.run(plan));
    }

    private static JobOutcome outcome(CompletableFuture<JobOutcome> f) throws Exception {
        return f.get(10, TimeUnit.SECONDS);
    }

    @Test
    void pauseHoldsNewWorkUntilResumeThenTheJobCompletes() throws Exception {
        CountDownLatch gate = new CountDownLatch(1);
        Set<Integer> started = ConcurrentHashMap.newKeySet();
        List<Stage> stages = List.of(new Stage("write", 1, 1, store, (item, s, u) -> {
            started.add(item);
            gate.await();
        }));
        JobRunner<String> runner = FakeJob.runner(2, Clock.systemUTC(), stages);
        CompletableFuture<JobOutcome> job = start(runner, FakeJob.items(runner, 5, stages));
        await("both workers are busy", () -> started.size() == 2);

        runner.pause();
        gate.countDown();

        // the two units in flight finish; the next two wait at the checkpoint instead of starting
        await(
                "the units in flight are done",
                () -> runner.progress().stage("write").done() == 2);
        await("both workers wait at the checkpoint", () -> FakeJob.workersHeldAtCheckpoint() == 2);
        assertThat(started).containsExactlyInAnyOrder(0, 1);
        assertThat(runner.state()).isEqualTo(JobState.PAUSED);
        assertThat(runner.isPaused()).isTrue();
        assertThat(job).isNotDone();

        runner.resume();

        assertThat(outcome(job).state()).isEqualTo(JobState.COMPLETED);
        assertThat(started).containsExactlyInAnyOrder(0, 1, 2, 3, 4);
        assertThat(runner.progress().stage("write")).isEqualTo(new StageCount<>("write", 5, 5, 0));
    }

    @Test
    void aJobPausedBeforeItRunsStartsNoUnitUntilResumed() throws Exception {
        Set<Integer> started = ConcurrentHashMap.newKeySet();
        List<Stage> stages = List.of(new Stage("write", 1, 1, store, (item, s, u) -> started.add(item)));
        JobRunner<String> runner = FakeJob.runner(2, Clock.systemUTC(), stages);
        runner.pause();

        CompletableFuture<JobOutcome> job = start(runner, FakeJob.items(runner, 3, stages));
        await("both workers wait at the checkpoint", () -> FakeJob.workersHeldAtCheckpoint() == 2);
        assertThat(started).isEmpty();
        assertThat(runner.state()).isEqualTo(JobState.PAUSED);

        runner.resume();

        assertThat(outcome(job).state()).isEqualTo(JobState.COMPLETED);
        assertThat(started).containsExactlyInAnyOrder(0, 1, 2);
    }

    @Test
    void pauseAndResumeAreToldToTheirListenersBeforeTheProgress() throws Exception {
        List<String> told = new ArrayList<>();
        CountDownLatch gate = new CountDownLatch(1);
        AtomicInteger started = new AtomicInteger();
        List<Stage> stages = List.of(new Stage("write", 1, 1, store, (item, s, u) -> {
            started.incrementAndGet();
            gate.await();
        }));
        JobRunner<String> runner = FakeJob.runner(2, Clock.systemUTC(), stages);
        CompletableFuture<JobOutcome> job = start(runner, FakeJob.items(runner, 1, stages));
        await("the unit started", () -> started.get() == 1);
        runner.onPauseOrResume(s -> told.add("state " + s));
        runner.onProgress(p -> told.add("progress " + p.state()));

        runner.pause();
        runner.resume();
        gate.countDown();

        assertThat(outcome(job).state()).isEqualTo(JobState.COMPLETED);
        assertThat(told).startsWith("state PAUSED", "progress PAUSED", "state RUNNING", "progress RUNNING");
    }

    @Test
    void cancelStopsNewWorkAndTheJobEndsCancelledKeepingWhatFinished() throws Exception {
        CountDownLatch gate = new CountDownLatch(1);
        Set<Integer> started = ConcurrentHashMap.newKeySet();
        List<Stage> stages = List.of(new Stage("write", 1, 1, store, (item, s, u) -> {
            started.add(item);
            gate.await();
        }));
        JobRunner<String> runner = FakeJob.runner(2, Clock.systemUTC(), stages);
        CompletableFuture<JobOutcome> job = start(runner, FakeJob.items(runner, 6, stages));
        await("both workers are busy", () -> started.size() == 2);

        runner.cancel();
        gate.countDown();

        JobOutcome end = outcome(job);
        assertThat(end).isEqualTo(new JobOutcome(JobState.CANCELLED, null, 0));
        assertThat(runner.isCancelled()).isTrue();
        assertThat(started).as("no unit started after the cancel").containsExactlyInAnyOrder(0, 1);
        assertThat(store.results).containsOnlyKeys("0/write/0", "1/write/0");
        assertThat(runner.progress().stage("write")).isEqualTo(new StageCount<>("write", 6, 2, 0));
        assertThat(runner.progress().timeLeft())
                .as("a cancelled job has no time left")
                .isNull();
    }

    @Test
    void aFailingStepIsCountedWithItsStageAndReasonWhileTheOtherItemsComplete() throws Exception {
        Stage read = new Stage("read", 1, 1, store, (item, s, u) -> {});
        Stage write = new Stage("write", 2, 1, store, (item, s, u) -> {
            if (item == 2) {
                throw StepFailure.failed("TIMEOUT", "no answer in 120 s");
            }
        });
        Stage check = new Stage("check", 1, 1, store, (item, s, u) -> {});
        List<Stage> stages = List.of(read, write, check);
        JobRunner<String> runner = FakeJob.runner(2, Clock.systemUTC(), stages);

        JobOutcome end = runner.run(FakeJob.items(runner, 4, stages));

        assertThat(end).isEqualTo(new JobOutcome(JobState.INCOMPLETE, null, 1));
        JobProgress<String> p = runner.progress();
        // 4 items: read 1 unit, write 2, check 1. Item 2 fails at write unit 0: its write unit 1 and its check
        // leave the plan, so write plans 8 - 1 = 7 (6 done + 1 failed) and check 4 - 1 = 3.
        assertThat(p.stages())
                .containsExactly(
                        new StageCount<>("read", 4, 4, 0),
                        new StageCount<>("write", 7, 6, 1),
                        new StageCount<>("check", 3, 3, 0));
        assertThat(p.failed()).isEqualTo(1);
        assertThat(runner.counter().failures())
                .containsExactly(new FailureCount<>(new Failure<>("write", "TIMEOUT", "no answer in 120 s"), 1));
        assertThat(write.failedUnits).containsExactly("2/write/0");
        assertThat(store.runs("2/write/1"))
                .as("a failed item's later units never run")
                .isZero();
        assertThat(store.runs("2/check/0")).isZero();
        assertThat(store.results).containsKeys("0/check/0", "1/check/0", "3/check/0");
    }

    @Test
    void aUnitThrowingSomethingOtherThanAStepFailureFailsItsItemWithTheReasonInsteadOfVanishing() throws Exception {
        Stage write = new Stage("write", 1, 1, store, (item, s, u) -> {
            if (item == 1) {
                throw new IllegalStateException("Unique index violation on arena_model");
            }
        });
        List<Stage> stages = List.of(write);
        JobRunner<String> runner = FakeJob.runner(2, Clock.systemUTC(), stages);

        JobOutcome end = runner.run(FakeJob.items(runner, 3, stages));

        // Before, the item was logged and forgotten: the job said COMPLETED with 2 of 3 units done.
        assertThat(end).isEqualTo(new JobOutcome(JobState.INCOMPLETE, null, 1));
        assertThat(runner.progress().stages()).containsExactly(new StageCount<>("write", 3, 2, 1));
        assertThat(runner.counter().failures())
                .containsExactly(new FailureCount<>(
                        new Failure<>("write", "ILLEGAL_STATE_EXCEPTION", "Unique index violation on arena_model"), 1));
        assertThat(write.failedUnits).containsExactly("1/write/0");
    }

    @Test
    void aTaskFailingOutsideAnyUnitLeavesTheJobIncompleteWithItsMessage() {
        List<Stage> stages = List.of(new Stage("write", 1, 1, store, (item, s, u) -> {}));
        JobRunner<String> runner = FakeJob.runner(2, Clock.systemUTC(), stages);

        JobOutcome end = runner.run(() -> runner.submit(() -> {
            throw new IllegalStateException("the seed was deleted while the item was planned");
        }));

        assertThat(end.state()).isEqualTo(JobState.INCOMPLETE);
        assertThat(end.error())
                .isEqualTo("a task failed unexpectedly: the seed was deleted while the item was planned");
    }

    @Test
    void anUnexpectedErrorWhilePlanningStopsTheJobAsIncompleteWithItsMessage() {
        List<Stage> stages = List.of(new Stage("write", 1, 1, store, (item, s, u) -> {}));
        JobRunner<String> runner = FakeJob.runner(2, Clock.systemUTC(), stages);

        JobOutcome end = runner.run(() -> {
            throw new IllegalStateException("endpoint local is not part of this job");
        });

        assertThat(end).isEqualTo(new JobOutcome(JobState.INCOMPLETE, "endpoint local is not part of this job", 0));
    }

    @Test
    void aKilledJobResumedByANewRunnerOverTheSameStoreDoesNotRedoFinishedUnits() throws Exception {
        // First process: 4 items x 3 units; after 5 units are stored, every call hangs (the process is killed
        // while its workers wait on the model).
        CountDownLatch killed = new CountDownLatch(1);
        AtomicInteger stored = new AtomicInteger();
        AtomicInteger hanging = new AtomicInteger();
        List<Stage> first = List.of(new Stage("write", 3, 1, store, (item, s, u) -> {
            if (stored.incrementAndGet() > 5) {
                hanging.incrementAndGet();
                killed.await();
                throw StepFailure.cancelledStep();
            }
        }));
        JobRunner<String> dying = FakeJob.runner(2, Clock.systemUTC(), first);
        CompletableFuture<JobOutcome> abandoned = start(dying, FakeJob.items(dying, 4, first));
        await("both workers hang", () -> hanging.get() == 2);
        Set<String> finishedBeforeTheKill = Set.copyOf(store.results.keySet());
        assertThat(finishedBeforeTheKill).hasSize(5);
        int runsBefore = store.totalRuns();

        // Second process: a new runner and new stages over what the store holds.
        List<Stage> second = List.of(new Stage("write", 3, 1, store, (item, s, u) -> {}));
        JobRunner<String> resumed = FakeJob.runner(2, Clock.systemUTC(), second);
        JobOutcome end = resumed.run(FakeJob.items(resumed, 4, second));

        assertThat(end.state()).isEqualTo(JobState.COMPLETED);
        assertThat(store.results).hasSize(12);
        assertThat(store.totalRuns() - runsBefore)
                .as("only the 7 units not stored run again")
                .isEqualTo(7);
        assertThat(finishedBeforeTheKill)
                .allSatisfy(k -> assertThat(store.runs(k)).as(k).isEqualTo(1));
        assertThat(resumed.progress().stage("write"))
                .as("stored units count done")
                .isEqualTo(new StageCount<>("write", 12, 12, 0));

        dying.cancel();
        killed.countDown();
        assertThat(outcome(abandoned).state()).isEqualTo(JobState.CANCELLED);
    }

    @Test
    void progressIsPublishedAtMostEveryHundredMilliseconds() {
        FakeJob.HandClock clock = new FakeJob.HandClock();
        List<Stage> stages = List.of(new Stage("write", 1, 1, store, (item, s, u) -> {}));
        JobRunner<String> runner = FakeJob.runner(2, clock, stages);
        List<JobProgress<String>> published = new ArrayList<>();
        runner.onProgress(published::add);

        runner.publishThrottled();
        runner.publishThrottled();
        clock.advance(Duration.ofMillis(100));
        runner.publishThrottled();
        assertThat(published).as("the first, then nothing within 100 ms").hasSize(1);

        clock.advance(Duration.ofMillis(1));
        runner.publishThrottled();
        assertThat(published).hasSize(2);
        runner.publish();
        assertThat(published).as("publish is not throttled").hasSize(3);
    }

    @Test
    void workersKeepEveryEndpointAtItsLimitWithSomeToSpare() {
        assertThat(JobRunner.workersFor(0)).isEqualTo(2);
        assertThat(JobRunner.workersFor(4)).isEqualTo(10);
        assertThat(JobRunner.workersFor(8 + 4)).isEqualTo(26);
        assertThat(JobRunner.workersFor(100)).isEqualTo(128);
    }

    @Test
    void workerThreadsAreNamedAfterTheJobAndAreDaemons() throws Exception {
        List<Thread> seen = new ArrayList<>();
        List<Stage> stages = List.of(new Stage("write", 1, 1, store, (item, s, u) -> {
            synchronized (seen) {
                seen.add(Thread.currentThread());
            }
        }));
        JobRunner<String> runner = FakeJob.runner(2, Clock.systemUTC(), stages);

        runner.run(FakeJob.items(runner, 3, stages));

        assertThat(seen).hasSize(3).allSatisfy(t -> {
            assertThat(t.getName()).matches("test-job-worker-[12]");
            assertThat(t.isDaemon()).isTrue();
        });
    }
}
