package io.arenainstruct.studio.ui.task;

import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

import io.arenainstruct.studio.service.job.JobEvent;
import io.arenainstruct.studio.service.job.JobRegistry;

/**
 * The one place where events about running jobs cross to the UI thread: a subscriber gets them there, in order,
 * with a job's progress events merged into its newest (a view only ever shows the last figures), so a fast job
 * cannot flood the UI thread. Everything reaches the UI thread through the {@link TaskExecutor}.
 *
 * @param <P> the progress figures the jobs report
 */
public final class JobEventBridge<P> {
    private final JobRegistry<P> registry;
    private final TaskExecutor tasks;

    public JobEventBridge(JobRegistry<P> registry, TaskExecutor tasks) {
        this.registry = registry;
        this.tasks = tasks;
    }

    /** The registry, to read which jobs run and to steer them (any thread). */
    public JobRegistry<P> registry() {
        return registry;
    }

    /** Calls {@code onUi} on the UI thread for every event from now on, until the returned handle is closed. */
    public AutoCloseable subscribe(Consumer<JobEvent<P>> onUi) {
        Relay<P> relay = new Relay<>(onUi, tasks);
        AutoCloseable subscription = registry.subscribe(relay::offer);
        return () -> {
            relay.closed = true;
            subscription.close();
        };
    }

    /** Queues events of one subscriber and drains them in one UI-thread visit at a time. */
    private static final class Relay<P> {
        private final Consumer<JobEvent<P>> onUi;
        private final TaskExecutor tasks;
        private final Queue<JobEvent<P>> queue = new ConcurrentLinkedQueue<>();
        /** The newest progress per job not delivered yet; its place in the queue is its first event's. */
        private final Map<Long, JobEvent.Progressed<P>> newest = new ConcurrentHashMap<>();

        private final AtomicBoolean scheduled = new AtomicBoolean();
        private volatile boolean closed;

        Relay(Consumer<JobEvent<P>> onUi, TaskExecutor tasks) {
            this.onUi = onUi;
            this.tasks = tasks;
        }

        /** On the registry's delivery thread (one at a time). */
        void offer(JobEvent<P> event) {
            if (event instanceof JobEvent.Progressed<P> p) {
                if (newest.put(p.jobId(), p) != null) {
                    return; // already queued: it is delivered with the newest figures
                }
            }
            queue.add(event);
            if (scheduled.compareAndSet(false, true)) {
                tasks.ui(this::drain);
            }
        }

        private void drain() {
            scheduled.set(false);
            JobEvent<P> event;
            while ((event = queue.poll()) != null) {
                if (event instanceof JobEvent.Progressed<P> p) {
                    event = newest.remove(p.jobId());
                }
                if (!closed && event != null) {
                    onUi.accept(event);
                }
            }
        }
    }
}
