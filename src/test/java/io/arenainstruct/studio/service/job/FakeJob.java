package io.arenainstruct.studio.service.job;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;

/** Test doubles for the runtime: a "store" of unit results in memory, stages over it, a clock set by hand. */
final class FakeJob {
    private FakeJob() {}

    /** What the store holds: "item/stage/unit" → result. Outlives runners, as the H2 store outlives a process. */
    static final class Store {
        final Map<String, String> results = new ConcurrentHashMap<>();
        /** How often each unit was run, over every runner. */
        final Map<String, AtomicInteger> runs = new ConcurrentHashMap<>();

        int runs(String key) {
            AtomicInteger n = runs.get(key);
            return n == null ? 0 : n.get();
        }

        int totalRuns() {
            return runs.values().stream().mapToInt(AtomicInteger::get).sum();
        }
    }

    /** What a unit does before its result is stored; may throw or block. */
    @FunctionalInterface
    interface Work {
        void run(int item, String stage, int unit) throws InterruptedException;
    }

    /** A stage over item numbers with a fixed number of units, writing "done" to the store per unit. */
    static final class Stage implements JobStage<Integer, String> {
        final String name;
        final int units;
        final int calls;
        final Store store;
        final Work work;
        /** Units whose {@link #fail} ran. */
        final Set<String> failedUnits = ConcurrentHashMap.newKeySet();

        Stage(String name, int units, int calls, Store store, Work work) {
            this.name = name;
            this.units = units;
            this.calls = calls;
            this.store = store;
            this.work = work;
        }

        static String key(int item, String stage, int unit) {
            return item + "/" + stage + "/" + unit;
        }

        @Override
        public String stage() {
            return name;
        }

        @Override
        public int callsPerUnit() {
            return calls;
        }

        @Override
        public int units(Integer item) {
            return units;
        }

        @Override
        public boolean holds(Integer item, int unit) {
            return store.results.containsKey(key(item, name, unit));
        }

        @Override
        public void run(Integer item, int unit) {
            String key = key(item, name, unit);
            store.runs.computeIfAbsent(key, k -> new AtomicInteger()).incrementAndGet();
            try {
                work.run(item, name, unit);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw StepFailure.cancelledStep();
            }
            store.results.put(key, "done");
        }

        @Override
        public void fail(Integer item, int unit, StepFailure failure) {
            failedUnits.add(key(item, name, unit));
        }
    }

    /** A runner over these stages: each item a task taking it through all of them. */
    static JobRunner<String> runner(int workers, Clock clock, List<Stage> stages) {
        ProgressCounter<String> counter = new ProgressCounter<String>(Pricing.NONE, clock).declare(stages);
        return new JobRunner<>("test-job", workers, counter, clock);
    }

    /** The start of a job over items 0..n-1: plans them all, then queues one task per item. */
    static Runnable items(JobRunner<String> runner, int n, List<Stage> stages) {
        return () -> {
            for (int i = 0; i < n; i++) {
                runner.plan(stages, i, 1);
            }
            for (int i = 0; i < n; i++) {
                int item = i;
                runner.submit(() -> runner.process(item, stages));
            }
        };
    }

    /** Waits (without sleeping) until the condition holds; fails after five seconds. */
    static void await(String what, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        Object monitor = new Object();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting until " + what);
            }
            synchronized (monitor) {
                monitor.wait(5);
            }
        }
    }

    /** Worker threads of the runner named test-job that wait in {@link JobRunner#checkpoint()} (paused). */
    static long workersHeldAtCheckpoint() {
        return Thread.getAllStackTraces().entrySet().stream()
                .filter(e -> e.getKey().getName().startsWith("test-job-worker-"))
                .filter(e -> List.of(e.getValue()).stream()
                        .anyMatch(f -> f.getMethodName().equals("checkpoint")))
                .count();
    }

    static void await(CountDownLatch latch) throws InterruptedException {
        if (!latch.await(5, TimeUnit.SECONDS)) {
            throw new AssertionError("timed out");
        }
    }

    /** A clock that moves only when told. */
    static final class HandClock extends Clock {
        private volatile Instant now = Instant.parse("2026-12-01T10:00:00Z");

        void advance(Duration d) {
            now = now.plus(d);
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
