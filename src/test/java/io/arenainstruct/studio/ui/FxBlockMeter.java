package io.arenainstruct.studio.ui;

import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

import javafx.application.Platform;

/**
 * Measures how long the FX thread is kept busy: a daemon thread posts a heartbeat every 20 ms and each heartbeat
 * records how late it ran. The longest delay is the longest time the FX thread could not answer (a frozen UI).
 */
public final class FxBlockMeter implements AutoCloseable {
    private final AtomicLong maxDelayNanos = new AtomicLong();
    private final AtomicLong stepMaxNanos = new AtomicLong();
    private final StringBuilder steps = new StringBuilder();
    private final Thread beat;
    private volatile boolean running = true;
    private final AtomicLong pending = new AtomicLong();
    private long dumped;
    /** Prints the FX thread's stack when it blocks (finding what blocks it). */
    private static final boolean DUMP = Boolean.getBoolean("fxblock.dump");

    public FxBlockMeter() {
        beat = new Thread(
                () -> {
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
                            stepMaxNanos.accumulateAndGet(System.nanoTime() - posted, Math::max);
                            pending.set(0);
                        });
                        try {
                            Thread.sleep(20);
                        } catch (InterruptedException e) {
                            return;
                        }
                    }
                },
                "fx-heartbeat");
        beat.setDaemon(true);
        beat.start();
        sampler = DUMP ? startSampler() : null;
    }

    /** With {@code -Dfxblock.dump=true}: samples of the FX thread's stack taken every 5 ms during each block. */
    private final Thread sampler;

    private final Map<Long, List<StackTraceElement[]>> samples = new ConcurrentHashMap<>();

    private Thread startSampler() {
        Thread fxThread = Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.getName().equals("JavaFX Application Thread"))
                .findFirst()
                .orElse(null);
        Thread t = new Thread(
                () -> {
                    while (running && fxThread != null) {
                        long waiting = pending.get();
                        if (waiting != 0 && System.nanoTime() - waiting > 40_000_000L) {
                            samples.computeIfAbsent(waiting, w -> Collections.synchronizedList(new ArrayList<>()))
                                    .add(fxThread.getStackTrace());
                        }
                        try {
                            Thread.sleep(5);
                        } catch (InterruptedException e) {
                            return;
                        }
                    }
                },
                "fx-sampler");
        t.setDaemon(true);
        t.start();
        return t;
    }

    /** Prints, for the longest blocks, how many samples each frame appeared in (inclusive), most first. */
    private void printSamples() {
        samples.entrySet().stream()
                .sorted((a, b) -> b.getValue().size() - a.getValue().size())
                .limit(4)
                .forEach(e -> {
                    Map<String, Integer> inclusive = new HashMap<>();
                    Map<String, Integer> top = new HashMap<>();
                    for (StackTraceElement[] st : e.getValue()) {
                        Set<String> seen = new HashSet<>();
                        for (StackTraceElement f : st) {
                            String k = f.getClassName() + "." + f.getMethodName();
                            if (seen.add(k)) {
                                inclusive.merge(k, 1, Integer::sum);
                            }
                        }
                        if (st.length > 0) {
                            top.merge(st[0].getClassName() + "." + st[0].getMethodName(), 1, Integer::sum);
                        }
                    }
                    StringBuilder b = new StringBuilder(
                            "FX BLOCK SAMPLES: " + e.getValue().size() + " samples\n");
                    top.entrySet().stream()
                            .sorted((x, y) -> y.getValue() - x.getValue())
                            .limit(12)
                            .forEach(x -> b.append("  top ")
                                    .append(x.getValue())
                                    .append(' ')
                                    .append(x.getKey())
                                    .append('\n'));
                    inclusive.entrySet().stream()
                            .sorted((x, y) -> y.getValue() - x.getValue())
                            .limit(70)
                            .forEach(x -> b.append("  inc ")
                                    .append(x.getValue())
                                    .append(' ')
                                    .append(x.getKey())
                                    .append('\n'));
                    System.out.print(b);
                });
    }

    /** The longest the FX thread kept a heartbeat waiting so far, in milliseconds. */
    public long longestBlockMillis() {
        return maxDelayNanos.get() / 1_000_000;
    }

    /** Ends a step of the measurement: its longest block is kept under {@code name} (see {@link #steps()}). */
    public void step(String name) {
        steps.append(steps.length() == 0 ? "" : ", ")
                .append(name)
                .append(' ')
                .append(stepMaxNanos.getAndSet(0) / 1_000_000)
                .append(" ms");
    }

    /** The longest block of each step so far, e.g. "open 40 ms, scroll 12 ms". */
    public String steps() {
        return steps.toString();
    }

    /** Starts a new measurement. */
    public void reset() {
        maxDelayNanos.set(0);
    }

    @Override
    public void close() {
        running = false;
        beat.interrupt();
        if (sampler != null) {
            sampler.interrupt();
            printSamples();
        }
    }

    /** The heap in use after a full collection, in MB. */
    public static long usedHeapAfterGcMb() {
        System.gc();
        System.gc();
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed() / (1024 * 1024);
    }
}
