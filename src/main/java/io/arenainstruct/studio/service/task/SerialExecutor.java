package io.arenainstruct.studio.service.task;

import java.util.ArrayDeque;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;

/**
 * Runs tasks one after another on a shared executor, in the order submitted: store writes of one editor
 * (edit, undo, redo) must not overtake each other.
 */
public final class SerialExecutor implements Executor {
    private final Executor delegate;
    private final Queue<Runnable> queue = new ArrayDeque<>();
    private Runnable active;
    private CompletableFuture<Void> idle = CompletableFuture.completedFuture(null);

    public SerialExecutor(Executor delegate) {
        this.delegate = delegate;
    }

    @Override
    public synchronized void execute(Runnable task) {
        if (idle.isDone()) {
            idle = new CompletableFuture<>();
        }
        queue.add(() -> {
            try {
                task.run();
            } finally {
                scheduleNext();
            }
        });
        if (active == null) {
            scheduleNext();
        }
    }

    private synchronized void scheduleNext() {
        active = queue.poll();
        if (active != null) {
            delegate.execute(active);
        } else {
            idle.complete(null);
        }
    }

    /** Waits until everything submitted so far has run (used before closing the store). */
    public void awaitIdle(long timeout, TimeUnit unit) {
        CompletableFuture<Void> current;
        synchronized (this) {
            current = idle;
        }
        try {
            current.get(timeout, unit);
        } catch (Exception e) {
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
