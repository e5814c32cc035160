package io.arenainstruct.studio.ui;

import java.lang.management.ManagementFactory;
import java.util.concurrent.atomic.AtomicLong;

import javafx.application.Platform;

/**
 * Measures how long the FX thread is kept busy: a daemon thread posts a heartbeat every 20 ms and each heartbeat
 * records how late it ran. The longest delay is the longest time the FX thread could not answer (a frozen UI).
 */
public final class FxBlockMeter implements AutoCloseable {
    private final AtomicLong maxDelayNanos = new AtomicLong();
    private final Thread beat;
    private volatile boolean running = true;
    private final AtomicLong pending = new AtomicLong();
    private long dumped;
    /** Prints the FX thread's stack when it blocks (finding what blocks it). */
    private static final boolean DUMP = Boolean.getBoolean("fxblock.dump");

    public FxBlockMeter() {
        beat = new Thread(() -> {
            while (running) {
                long posted = System.nanoTime();
                long waiting = pending.get();
                if (DUMP && waiting != 0 && posted - waiting > 300_000_000L && dumped != waiting) {
                    dumped = waiting;
                    Thread.getAllStackTraces().forEach((t, st) -> {
                        if (t.getName().equals("JavaFX Application Thread")) {
                            StringBuilder b = new StringBuilder("FX BLOCKED:\n");
                            for (int i = 0; i < Math.min(60, st.length); i++) {
                                b.append("  at ").append(st[i]).append('\n');
                            }
                            System.out.print(b);
                        }
                    });
                }
                pending.compareAndSet(0, posted);
                Platform.runLater(() -> {
                    maxDelayNanos.accumulateAndGet(System.nanoTime() - posted, Math::max);
                    pending.set(0);
                });
                try {
                    Thread.sleep(20);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }, "fx-heartbeat");
        beat.setDaemon(true);
        beat.start();
    }

    /** The longest the FX thread kept a heartbeat waiting so far, in milliseconds. */
    public long longestBlockMillis() {
        return maxDelayNanos.get() / 1_000_000;
    }

    /** Starts a new measurement. */
    public void reset() {
        maxDelayNanos.set(0);
    }

    @Override
    public void close() {
        running = false;
        beat.interrupt();
    }

    /** The heap in use after a full collection, in MB. */
    public static long usedHeapAfterGcMb() {
        System.gc();
        System.gc();
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed() / (1024 * 1024);
    }
}
