package io.arenainstruct.studio.service.task;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The one app-wide executor for long work, with named daemon threads so a thread dump tells what runs.
 * Tests can pass their own {@link java.util.concurrent.Executor} wherever this is used.
 */
public final class BackgroundExecutor implements AutoCloseable {
    private static final long GRACE_SECONDS = 5;
    private final ExecutorService executor;

    public BackgroundExecutor(String name) {
        AtomicInteger counter = new AtomicInteger();
        ThreadFactory factory = r -> {
            Thread t = new Thread(r, name + "-" + counter.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
        this.executor = Executors.newCachedThreadPool(factory);
    }

    public ExecutorService executor() {
        return executor;
    }

    /**
     * Lets the work in progress finish (up to {@code GRACE}), then interrupts what is left. Interrupting first
     * would stop an H2 write half-way (ClosedByInterruptException, a trace file, identity values lost).
     */
    @Override
    public void close() {
        executor.shutdown();
        try {
            if (!executor.awaitTermination(GRACE_SECONDS, TimeUnit.SECONDS)) {
                executor.shutdownNow();
                executor.awaitTermination(GRACE_SECONDS, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            executor.shutdownNow();
            Thread.currentThread().interrupt();
        }
    }
}
