package io.arenainstruct.studio.service.job;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The jobs running on an open store, whoever started them: the workspace owns it, so closing a view never stops
 * a job and closing the store does ({@link #close()}). Listeners get {@link JobEvent}s in the order they were
 * published, one at a time, on the registry's delivery thread (never a worker's, never the UI's); a listener
 * that throws is logged and the others still hear the event.
 *
 * @param <P> the progress figures the jobs report
 */
public final class JobRegistry<P> implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(JobRegistry.class.getName());

    private final Executor delivery;
    private final ExecutorService ownDelivery;
    private final Duration closeWait;
    /** Running jobs in the order they started; guarded by {@code this}. */
    private final Map<Long, RunningJob> running = new LinkedHashMap<>();
    /** The last progress of every job of this session, so a finished job still shows its figures. */
    private final Map<Long, P> lastProgress = new ConcurrentHashMap<>();

    private final List<Consumer<JobEvent<P>>> listeners = new CopyOnWriteArrayList<>();
    private boolean closed;

    /**
     * @param delivery  where listeners are called; it must run tasks one at a time in the order given (a single
     *                  thread, or the calling thread in tests)
     * @param closeWait how long {@link #close()} waits for cancelled jobs to keep what they finished
     */
    public JobRegistry(Executor delivery, Duration closeWait) {
        this(delivery, null, closeWait);
    }

    private JobRegistry(Executor delivery, ExecutorService own, Duration closeWait) {
        this.delivery = delivery;
        this.ownDelivery = own;
        this.closeWait = closeWait;
    }

    /** A registry delivering on its own daemon thread, as the workspace uses it. */
    public static <P> JobRegistry<P> withOwnThread(Duration closeWait) {
        ExecutorService own = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "arenainstruct-job-events");
            t.setDaemon(true);
            return t;
        });
        return new JobRegistry<>(own, own, closeWait);
    }

    /** Listens until the returned handle is closed. */
    public AutoCloseable subscribe(Consumer<JobEvent<P>> listener) {
        listeners.add(listener);
        return () -> listeners.remove(listener);
    }

    /**
     * Records a job as running and says so.
     *
     * @throws IllegalStateException once the registry is closed (the store is closing: no job starts)
     */
    public void register(RunningJob job) {
        register(job, other -> Optional.empty());
    }

    /**
     * Records a job as running unless a running one conflicts with it: the check and the record are one step, so
     * two jobs started at once cannot both pass.
     *
     * @param conflict why the job cannot run beside a running one; empty when it can
     * @throws IllegalStateException with the conflict's reason, or once the registry is closed
     */
    public void register(RunningJob job, Function<RunningJob, Optional<String>> conflict) {
        synchronized (this) {
            if (closed) {
                throw new IllegalStateException("the store is closing; job " + job.jobId() + " was not started");
            }
            for (RunningJob other : running.values()) {
                Optional<String> why = conflict.apply(other);
                if (why.isPresent()) {
                    throw new IllegalStateException(why.get());
                }
            }
            running.put(job.jobId(), job);
            publish(new JobEvent.Started<>(job.jobId()));
        }
    }

    public void progress(long jobId, P progress) {
        lastProgress.put(jobId, progress);
        publish(new JobEvent.Progressed<>(jobId, progress));
    }

    public void itemChanged(long jobId, JobEvent.Item kind, long itemId) {
        publish(new JobEvent.ItemChanged<>(jobId, kind, itemId));
    }

    public void pausedOrResumed(long jobId, boolean paused) {
        publish(new JobEvent.PausedOrResumed<>(jobId, paused));
    }

    /** The job is no longer running; {@link #close()} stops waiting for it. */
    public void finished(long jobId, JobState outcome) {
        synchronized (this) {
            running.remove(jobId);
            publish(new JobEvent.Finished<>(jobId, outcome));
            notifyAll();
        }
    }

    /** Ids of the running jobs, in the order they started. */
    public synchronized List<Long> running() {
        return List.copyOf(running.keySet());
    }

    public synchronized Optional<RunningJob> job(long jobId) {
        return Optional.ofNullable(running.get(jobId));
    }

    public synchronized boolean isRunning(long jobId) {
        return running.containsKey(jobId);
    }

    /** The last progress a job of this session reported, running or finished. */
    public Optional<P> lastProgress(long jobId) {
        return Optional.ofNullable(lastProgress.get(jobId));
    }

    /** Pauses a running job, or lets a paused one go on; false when it is not running. */
    public boolean togglePause(long jobId) {
        Optional<RunningJob> job = job(jobId);
        job.ifPresent(j -> {
            if (j.isPaused()) {
                j.resume();
            } else {
                j.pause();
            }
        });
        return job.isPresent();
    }

    /** Stops a running job (a paused one too); what finished is kept. */
    public void cancel(long jobId) {
        job(jobId).ifPresent(JobRegistry::stop);
    }

    private static void stop(RunningJob job) {
        job.cancel();
        if (job.isPaused()) {
            job.resume(); // its workers wake up, see the cancel and end
        }
    }

    /**
     * Cancels every running job, waits (up to the close wait) until they ended and kept what they finished, and
     * starts no job from then on. Events published meanwhile are still delivered.
     */
    @Override
    public void close() {
        List<RunningJob> jobs;
        synchronized (this) {
            closed = true;
            jobs = new ArrayList<>(running.values());
        }
        jobs.forEach(JobRegistry::stop);
        long deadline = System.nanoTime() + closeWait.toNanos();
        synchronized (this) {
            while (!running.isEmpty()) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    LOG.warning("jobs still running after " + closeWait + ": " + running.keySet());
                    break;
                }
                try {
                    TimeUnit.NANOSECONDS.timedWait(this, left);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    break;
                }
            }
        }
        if (ownDelivery != null) {
            ownDelivery.shutdown();
        }
    }

    private void publish(JobEvent<P> event) {
        // Handed over in publishing order: the delivery executor keeps it.
        synchronized (this) {
            try {
                delivery.execute(() -> deliver(event));
            } catch (RejectedExecutionException closing) {
                // the registry is closed and its thread gone: nobody listens any more
            }
        }
    }

    private void deliver(JobEvent<P> event) {
        for (Consumer<JobEvent<P>> l : listeners) {
            try {
                l.accept(event);
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "a job listener failed on " + event, e);
            }
        }
    }
}
