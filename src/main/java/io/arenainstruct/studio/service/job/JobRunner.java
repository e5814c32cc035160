package io.arenainstruct.studio.service.job;

import java.time.Clock;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingDeque;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import java.util.logging.Level;
import java.util.logging.Logger;

import io.arenainstruct.studio.domain.provenance.Failure;

/**
 * Executes one job: its tasks on a bounded pool of its own (named daemon threads), pause / resume / cancel,
 * items taken through declared {@link JobStage}s with their units counted in one {@link ProgressCounter}, and
 * progress published to listeners at most about ten times a second. The runner holds no results: stages read
 * and write the store, so a new runner over the same store continues where a killed one stopped.
 *
 * @param <S> the stages' names
 */
public final class JobRunner<S> {
    private static final Logger LOG = Logger.getLogger(JobRunner.class.getName());
    private static final long PUBLISH_EVERY_MILLIS = 100;
    private static final int MAX_WORKERS = 128;

    /** What an item did in {@link #process}. */
    public enum ItemOutcome {
        /** Every unit of every stage is done. */
        DONE,
        /** A unit failed; the item's later stages were taken off the plan. */
        FAILED,
        /** The job was cancelled; the item stays as the store holds it. */
        STOPPED
    }

    private final String name;
    private final int workers;
    private final ProgressCounter<S> progress;
    private final Clock clock;
    private final Object pauseLock = new Object();
    private volatile boolean paused;
    private volatile boolean cancelled;
    private volatile JobState state = JobState.RUNNING;
    private final List<Consumer<JobProgress<S>>> listeners = new CopyOnWriteArrayList<>();
    private final List<Consumer<JobState>> stateListeners = new CopyOnWriteArrayList<>();
    private final AtomicLong lastPublish = new AtomicLong(Long.MIN_VALUE);

    // Work accounting: tasks queued or running; the job ends when it reaches 0.
    private final AtomicInteger outstanding = new AtomicInteger();
    /** Why the first task that failed outside any unit failed; null while none did. */
    private final AtomicReference<String> unexpectedTasks = new AtomicReference<>();

    private final Object idle = new Object();
    private volatile ThreadPoolExecutor pool;

    /**
     * @param name    names the worker threads ({@code <name>-worker-N})
     * @param workers the pool's size, see {@link #workersFor}
     */
    public JobRunner(String name, int workers, ProgressCounter<S> progress, Clock clock) {
        this.name = name;
        this.workers = workers;
        this.progress = progress;
        this.clock = clock;
    }

    /**
     * Enough workers to keep every endpoint a job uses at its limit (the sum of their concurrency limits), with
     * some to spare for store writes: twice the sum plus two, from 2 to 128.
     */
    public static int workersFor(int summedConcurrencyLimits) {
        return Math.max(2, Math.min(MAX_WORKERS, summedConcurrencyLimits * 2 + 2));
    }

    public ProgressCounter<S> counter() {
        return progress;
    }

    public JobProgress<S> progress() {
        return progress.snapshot(state);
    }

    public JobState state() {
        return state;
    }

    /** Listeners are called on worker threads, at most about ten times a second, and on every change of state. */
    public void onProgress(Consumer<JobProgress<S>> listener) {
        listeners.add(listener);
    }

    /** Called on pause and resume, before the progress says so (e.g. to record the state in the store). */
    public void onPauseOrResume(Consumer<JobState> listener) {
        stateListeners.add(listener);
    }

    /** Work in flight finishes; no new unit starts until {@link #resume()}. */
    public void pause() {
        if (state == JobState.RUNNING) {
            paused = true;
            state = JobState.PAUSED;
            stateListeners.forEach(l -> l.accept(JobState.PAUSED));
            publish();
        }
    }

    public void resume() {
        synchronized (pauseLock) {
            if (paused) {
                paused = false;
                state = JobState.RUNNING;
                stateListeners.forEach(l -> l.accept(JobState.RUNNING));
                pauseLock.notifyAll();
            }
        }
        publish();
    }

    /** No new unit starts; steps waiting on a model see {@link #isCancelled()} and give up. */
    public void cancel() {
        cancelled = true;
        synchronized (pauseLock) {
            pauseLock.notifyAll();
        }
    }

    public boolean isPaused() {
        return paused;
    }

    public boolean isCancelled() {
        return cancelled;
    }

    /** Waits while the job is paused; throws a cancelled {@link StepFailure} once it is cancelled. */
    public void checkpoint() {
        synchronized (pauseLock) {
            while (paused && !cancelled) {
                try {
                    pauseLock.wait();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    cancelled = true;
                }
            }
        }
        if (cancelled) {
            throw StepFailure.cancelledStep();
        }
    }

    /**
     * Runs {@code start} (which plans and submits the first tasks), then waits until no task is left or the job
     * was cancelled and its tasks have stopped. An exception from {@code start} stops the job as incomplete.
     */
    public JobOutcome run(Runnable start) {
        // the state stays as it is: a job paused before it runs waits at its first checkpoint
        progress.start();
        AtomicInteger n = new AtomicInteger();
        ThreadFactory threads = r -> {
            Thread t = new Thread(r, name + "-worker-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
        ThreadPoolExecutor executor =
                new ThreadPoolExecutor(workers, workers, 30, TimeUnit.SECONDS, new LinkedBlockingDeque<>(), threads);
        pool = executor;
        String error = null;
        try {
            start.run();
            awaitIdle();
        } catch (RuntimeException e) {
            error = e.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName();
            LOG.log(Level.WARNING, name + " stopped", e);
            cancelled = true;
            awaitIdle();
        } finally {
            executor.shutdownNow();
        }
        int failures = progress.failedTotal();
        if (error == null && unexpectedTasks.get() != null) {
            error = "a task failed unexpectedly: " + unexpectedTasks.get();
        }
        if (error != null) {
            state = JobState.INCOMPLETE;
        } else if (cancelled) {
            state = JobState.CANCELLED;
        } else {
            state = failures > 0 ? JobState.INCOMPLETE : JobState.COMPLETED;
        }
        return new JobOutcome(state, error, failures);
    }

    /** Queues a task on the job's pool; it is skipped if the job is cancelled before it starts. */
    public void submit(Runnable task) {
        ThreadPoolExecutor executor = pool;
        if (executor == null) {
            throw new IllegalStateException("submit tasks from run's start or from other tasks");
        }
        outstanding.incrementAndGet();
        try {
            executor.execute(() -> {
                try {
                    if (!cancelled) {
                        task.run();
                    }
                } catch (RuntimeException e) {
                    LOG.log(Level.WARNING, "a task of " + name + " failed unexpectedly", e);
                    // Outside any unit (e.g. planning an item): the job cannot say it completed.
                    unexpectedTasks.compareAndSet(null, e.getMessage() != null ? e.getMessage() : e.toString());
                } finally {
                    if (outstanding.decrementAndGet() == 0) {
                        synchronized (idle) {
                            idle.notifyAll();
                        }
                    }
                }
            });
        } catch (RejectedExecutionException e) {
            outstanding.decrementAndGet();
        }
    }

    private void awaitIdle() {
        synchronized (idle) {
            while (outstanding.get() > 0) {
                try {
                    idle.wait(250);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    cancel();
                }
            }
        }
    }

    /** Adds {@code times} items' units of these stages to the plan (negative: takes them off). */
    public <T> void plan(List<? extends JobStage<T, S>> stages, T item, int times) {
        for (JobStage<T, S> s : stages) {
            progress.plan(s.stage(), times * s.units(item));
        }
    }

    /**
     * Takes an item through the stages in order, on the calling worker: each unit the store holds counts done,
     * each other unit runs once the job is not paused. A failed unit is counted with its stage and reason, and
     * the units the item can no longer do (the rest of that stage and all later stages) leave the plan. The
     * item's units must already be planned ({@link #plan}).
     */
    public <T> ItemOutcome process(T item, List<? extends JobStage<T, S>> stages) {
        for (int i = 0; i < stages.size(); i++) {
            JobStage<T, S> stage = stages.get(i);
            int units = stage.units(item);
            for (int unit = 0; unit < units; unit++) {
                if (!stage.holds(item, unit)) {
                    try {
                        checkpoint();
                        try {
                            stage.run(item, unit);
                        } catch (StepFailure f) {
                            throw f;
                        } catch (RuntimeException unexpected) {
                            // A bug or a store error is the unit's failure, counted and kept with its reason: an
                            // item that silently vanished would leave a job "completed" with work missing.
                            LOG.log(Level.WARNING, "a unit of " + name + " failed unexpectedly", unexpected);
                            throw new StepFailure(
                                    Failure.of(stage.stage(), unexpected).errorClass(),
                                    String.valueOf(unexpected.getMessage()),
                                    0,
                                    false,
                                    unexpected);
                        }
                    } catch (StepFailure f) {
                        if (f.cancelled() || cancelled) {
                            return ItemOutcome.STOPPED;
                        }
                        stage.fail(item, unit, f);
                        progress.failed(f.at(stage.stage()));
                        progress.plan(stage.stage(), -(units - unit - 1));
                        for (JobStage<T, S> later : stages.subList(i + 1, stages.size())) {
                            progress.plan(later.stage(), -later.units(item));
                        }
                        publishThrottled();
                        return ItemOutcome.FAILED;
                    }
                }
                progress.done(stage.stage());
                publishThrottled();
            }
        }
        return ItemOutcome.DONE;
    }

    /** Publishes unless it did so less than 100 ms ago. */
    public void publishThrottled() {
        long now = clock.millis();
        long last = lastPublish.get();
        if ((last == Long.MIN_VALUE || now - last > PUBLISH_EVERY_MILLIS) && lastPublish.compareAndSet(last, now)) {
            publish();
        }
    }

    public void publish() {
        if (listeners.isEmpty()) {
            return;
        }
        JobProgress<S> p = progress();
        listeners.forEach(l -> l.accept(p));
    }
}
