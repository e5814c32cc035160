package io.arenainstruct.studio.ui.task;

import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import java.util.logging.Level;
import java.util.logging.Logger;

import io.arenainstruct.studio.service.task.Cancellation;
import io.arenainstruct.studio.service.task.ProgressListener;

/**
 * Work for the background with what to do with its result on the UI thread, after JabRef's {@code BackgroundTask}:
 * {@code tasks.wrap(() -> service.load(x)).onSuccess(v -> ...).onFailure(e -> ...).latestOnly(key).start()}.
 * Failures of the work go to {@link #onFailure}; an exception thrown by a handler itself (a bug) is not caught,
 * so it reaches the UI thread's uncaught-exception handler (in tests: the test). Without {@code onFailure} a
 * failure of the work is reported the same way.
 */
public final class BackgroundCall<V> {
    private static final Logger LOG = Logger.getLogger(BackgroundCall.class.getName());

    private final TaskExecutor executor;
    private final String title;
    private final BackgroundWork<V> work;
    private Consumer<? super V> onSuccess = v -> {};
    private Consumer<Throwable> onFailure;
    private Latest latest;
    private Latest current;

    BackgroundCall(TaskExecutor executor, String title, BackgroundWork<V> work) {
        this.executor = executor;
        this.title = title;
        this.work = work;
    }

    /** Gets the result on the UI thread. */
    public BackgroundCall<V> onSuccess(Consumer<? super V> handler) {
        this.onSuccess = handler;
        return this;
    }

    /** Gets what the work threw, on the UI thread. */
    public BackgroundCall<V> onFailure(Consumer<Throwable> handler) {
        this.onFailure = handler;
        return this;
    }

    /** Delivers nothing if another call with the same key was started after this one. */
    public BackgroundCall<V> latestOnly(Latest key) {
        this.latest = key;
        return this;
    }

    /**
     * Delivers nothing if {@code key} moved on after this call started (it was invalidated, or a
     * {@link #latestOnly} call with it started), without moving it on itself: many reads for the same filter
     * may be under way, and a new filter drops them all.
     */
    public BackgroundCall<V> whileCurrent(Latest key) {
        this.current = key;
        return this;
    }

    /** Starts the work; call on the UI thread. Once the app is closing, the work is dropped. */
    public TaskHandle start() {
        long ticket = latest == null ? 0 : latest.next();
        long currentTicket = current == null ? 0 : current.now();
        if (title != null) {
            return executor.monitored(
                    title, work, v -> succeed(ticket, currentTicket, v), e -> fail(ticket, currentTicket, e));
        }
        AtomicBoolean cancelled = new AtomicBoolean();
        Cancellation cancellation = cancelled::get;
        try {
            executor.background(() -> {
                V value;
                try {
                    value = work.run(ProgressListener.NONE, cancellation);
                } catch (Exception e) {
                    executor.ui(() -> fail(ticket, currentTicket, e));
                    return;
                }
                executor.ui(() -> succeed(ticket, currentTicket, value));
            });
        } catch (RejectedExecutionException e) {
            LOG.log(Level.FINE, "Not started: the app is closing", e);
            return TaskHandle.NONE;
        }
        return () -> cancelled.set(true);
    }

    private boolean current(long ticket, long currentTicket) {
        return (latest == null || latest.isCurrent(ticket)) && (current == null || current.isCurrent(currentTicket));
    }

    private void succeed(long ticket, long currentTicket, V value) {
        if (current(ticket, currentTicket)) {
            onSuccess.accept(value);
        }
    }

    private void fail(long ticket, long currentTicket, Throwable error) {
        if (!current(ticket, currentTicket)) {
            return;
        }
        if (onFailure == null) {
            throw error instanceof RuntimeException r ? r : new IllegalStateException(error.getMessage(), error);
        }
        onFailure.accept(error);
    }
}
