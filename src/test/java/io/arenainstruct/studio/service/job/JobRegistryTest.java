package io.arenainstruct.studio.service.job;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import org.junit.jupiter.api.Test;

/** The registry of running jobs with fake jobs: no JavaFX, no HTTP, no store. */
class JobRegistryTest {
    /** A job that records how it was steered and, when cancelled, ends through the registry on its own thread. */
    private static final class Job implements RunningJob {
        final long id;
        final List<String> calls = new CopyOnWriteArrayList<>();
        volatile boolean paused;
        volatile Runnable onCancel = () -> {};

        Job(long id) {
            this.id = id;
        }

        @Override
        public long jobId() {
            return id;
        }

        @Override
        public void pause() {
            calls.add("pause");
            paused = true;
        }

        @Override
        public void resume() {
            calls.add("resume");
            paused = false;
        }

        @Override
        public boolean isPaused() {
            return paused;
        }

        @Override
        public void cancel() {
            calls.add("cancel");
            onCancel.run();
        }
    }

    private final JobRegistry<String> registry = new JobRegistry<>(Runnable::run, Duration.ofSeconds(5));
    private final List<String> heard = new ArrayList<>();

    private static String describe(JobEvent<String> e) {
        if (e instanceof JobEvent.Started<String> s) {
            return "started " + s.jobId();
        } else if (e instanceof JobEvent.Progressed<String> p) {
            return "progress " + p.jobId() + " " + p.progress();
        } else if (e instanceof JobEvent.ItemChanged<String> i) {
            return "item " + i.jobId() + " " + i.kind() + " " + i.itemId();
        } else if (e instanceof JobEvent.PausedOrResumed<String> p) {
            return (p.paused() ? "paused " : "resumed ") + p.jobId();
        } else if (e instanceof JobEvent.Finished<String> f) {
            return "finished " + f.jobId() + " " + f.outcome();
        }
        return e.toString();
    }

    @Test
    void aJobIsListedFromRegisterUntilFinishedAndItsEventsArriveInOrder() throws Exception {
        registry.subscribe(e -> heard.add(describe(e)));
        Job job = new Job(7);
        registry.register(job);
        assertThat(registry.running()).containsExactly(7L);
        assertThat(registry.isRunning(7)).isTrue();
        registry.progress(7, "1/3");
        registry.itemChanged(7, JobEvent.Item.PASSAGE, 40);
        registry.itemChanged(7, JobEvent.Item.INSTRUCTION, 41);
        registry.pausedOrResumed(7, true);
        registry.pausedOrResumed(7, false);
        registry.progress(7, "3/3");
        registry.finished(7, JobState.COMPLETED);

        assertThat(heard)
                .containsExactly(
                        "started 7",
                        "progress 7 1/3",
                        "item 7 PASSAGE 40",
                        "item 7 INSTRUCTION 41",
                        "paused 7",
                        "resumed 7",
                        "progress 7 3/3",
                        "finished 7 COMPLETED");
        assertThat(registry.running()).isEmpty();
        assertThat(registry.job(7)).isEmpty();
        // a finished job still shows its last figures
        assertThat(registry.lastProgress(7)).contains("3/3");
    }

    @Test
    void runningJobsAreListedInTheOrderTheyStarted() {
        registry.register(new Job(3));
        registry.register(new Job(1));
        registry.register(new Job(2));
        registry.finished(1, JobState.CANCELLED);
        assertThat(registry.running()).containsExactly(3L, 2L);
    }

    @Test
    void aListenerThatFailsDoesNotKeepTheEventFromTheOthers() {
        List<String> second = new ArrayList<>();
        registry.subscribe(e -> {
            throw new IllegalStateException("broken listener");
        });
        registry.subscribe(e -> second.add(describe(e)));
        registry.register(new Job(1));
        registry.finished(1, JobState.INCOMPLETE);
        assertThat(second).containsExactly("started 1", "finished 1 INCOMPLETE");
    }

    @Test
    void anUnsubscribedListenerHearsNothingMore() throws Exception {
        AutoCloseable subscription = registry.subscribe(e -> heard.add(describe(e)));
        registry.register(new Job(1));
        subscription.close();
        registry.finished(1, JobState.COMPLETED);
        assertThat(heard).containsExactly("started 1");
    }

    @Test
    void pauseToggleAndCancelReachTheRunningJobOnly() {
        Job job = new Job(5);
        registry.register(job);
        assertThat(registry.togglePause(5)).isTrue();
        assertThat(registry.togglePause(5)).isTrue();
        assertThat(registry.togglePause(6)).isFalse();
        job.paused = true;
        registry.cancel(5);
        // a paused job is woken up after the cancel so that its workers see it and end
        assertThat(job.calls).containsExactly("pause", "resume", "cancel", "resume");
        registry.finished(5, JobState.CANCELLED);
        registry.cancel(5);
        assertThat(job.calls).hasSize(4);
    }

    @Test
    void closingCancelsEveryRunningJobAndWaitsUntilTheyEnded() throws Exception {
        registry.subscribe(e -> heard.add(describe(e)));
        Thread closer = Thread.currentThread();
        AtomicBoolean closeReturned = new AtomicBoolean();
        List<Boolean> returnedBeforeEnd = new CopyOnWriteArrayList<>();
        List<Job> jobs = List.of(new Job(1), new Job(2));
        for (Job job : jobs) {
            // ends on another thread once close is waiting, as a run that first keeps what it finished
            job.onCancel = () -> new Thread(() -> {
                        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
                        while (closer.getState() != Thread.State.TIMED_WAITING && System.nanoTime() < deadline) {
                            Thread.onSpinWait();
                        }
                        returnedBeforeEnd.add(closeReturned.get());
                        registry.finished(job.id, JobState.CANCELLED);
                    })
                    .start();
            registry.register(job);
        }
        registry.close();
        closeReturned.set(true);
        // close returned only once both had ended
        assertThat(returnedBeforeEnd).containsExactly(false, false);
        assertThat(registry.running()).isEmpty();
        assertThat(heard)
                .containsExactlyInAnyOrder("started 1", "started 2", "finished 1 CANCELLED", "finished 2 CANCELLED");
        assertThat(jobs.get(0).calls).containsExactly("cancel");
        assertThatThrownBy(() -> registry.register(new Job(3)))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("closing");
    }

    @Test
    void closingGivesUpWaitingAfterTheCloseWait() {
        JobRegistry<String> shortWait = new JobRegistry<>(Runnable::run, Duration.ofMillis(200));
        Job stuck = new Job(1);
        shortWait.register(stuck);
        long start = System.nanoTime();
        shortWait.close();
        assertThat(Duration.ofNanos(System.nanoTime() - start))
                .isBetween(Duration.ofMillis(150), Duration.ofSeconds(5));
        assertThat(stuck.calls).containsExactly("cancel");
        assertThat(shortWait.running()).containsExactly(1L);
    }

    @Test
    void theWorkspaceRegistryDeliversOnItsOwnThreadInOrder() throws Exception {
        JobRegistry<String> own = JobRegistry.withOwnThread(Duration.ofSeconds(1));
        List<String> threads = new CopyOnWriteArrayList<>();
        List<String> events = new CopyOnWriteArrayList<>();
        CountDownLatch done = new CountDownLatch(1);
        own.subscribe(e -> {
            threads.add(Thread.currentThread().getName());
            events.add(describe(e));
            if (e instanceof JobEvent.Finished) {
                done.countDown();
            }
        });
        own.register(new Job(9));
        for (int i = 0; i < 50; i++) {
            own.progress(9, String.valueOf(i));
        }
        own.finished(9, JobState.COMPLETED);
        assertThat(done.await(5, TimeUnit.SECONDS)).isTrue();
        own.close();
        assertThat(threads).containsOnly("arenainstruct-job-events");
        assertThat(events).hasSize(52);
        assertThat(events.get(0)).isEqualTo("started 9");
        assertThat(events.get(50)).isEqualTo("progress 9 49");
        assertThat(events.get(51)).isEqualTo("finished 9 COMPLETED");
    }
}
