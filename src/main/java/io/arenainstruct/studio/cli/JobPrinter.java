package io.arenainstruct.studio.cli;

import java.io.PrintWriter;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.Locale;
import java.util.Objects;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import java.util.function.Supplier;

import io.arenainstruct.studio.domain.run.RunStatus;
import io.arenainstruct.studio.service.job.JobEvent;
import io.arenainstruct.studio.service.job.JobRegistry;
import io.arenainstruct.studio.service.workspace.Workspace;

/**
 * Executes a job from the command line, whatever its kind (a run, an answering or judging job): a progress line on
 * stderr every two seconds (and at once when the throttling changes), Ctrl+C cancels and keeps what finished, and
 * the job's end becomes the exit code.
 */
final class JobPrinter {
    private static final long EVERY_NANOS = 2_000_000_000L;

    /** Exit code of a process ended by Ctrl+C (128 + SIGINT), as shells report it. */
    static final int INTERRUPTED = 130;

    private JobPrinter() {}

    /** What a job's end prints and the exit code it gives (or a {@link Cli.CommandFailure} for a failure). */
    @FunctionalInterface
    interface Outcome {
        int report(RunStatus status, boolean interrupted);
    }

    /** The job being executed and how its progress reads. */
    record Job<P>(
            long id,
            Supplier<RunStatus> run,
            Runnable cancel,
            JobRegistry<P> registry,
            Function<P, String> line,
            Function<P, String> throttle) {}

    /**
     * Runs the job to the end; Ctrl+C cancels it (what finished is kept) and the outcome says how to resume. The
     * workspace is closed before this returns, so a JVM halting after Ctrl+C never leaves the store unclean.
     */
    static <P> int execute(Job<P> job, Workspace ws, PrintWriter err, Outcome outcome) {
        AtomicLong last = new AtomicLong(System.nanoTime());
        AtomicReference<String> lastThrottle = new AtomicReference<>();
        // The workspace's registry tells about the job; its Finished comes after every progress event.
        CountDownLatch told = new CountDownLatch(1);
        AutoCloseable subscription = job.registry().subscribe(e -> {
            if (e.jobId() != job.id()) {
                return;
            }
            if (e instanceof JobEvent.Progressed<P> p) {
                progressed(job, p.progress(), last, lastThrottle, err);
            } else if (e instanceof JobEvent.Finished) {
                told.countDown();
            }
        });
        CountDownLatch finished = new CountDownLatch(1);
        AtomicBoolean interrupted = new AtomicBoolean();
        // Ctrl+C: cancel, and keep the JVM alive until the job has recorded where it stopped and the resume line
        // is printed (the JVM exits when this hook returns).
        Thread onInterrupt = new Thread(
                () -> {
                    interrupted.set(true);
                    job.cancel().run();
                    try {
                        finished.await(30, TimeUnit.SECONDS);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                },
                "arenainstruct-job-cancel");
        Runtime.getRuntime().addShutdownHook(onInterrupt);
        try {
            RunStatus status = job.run().get();
            // the last progress lines are printed before the final one
            awaitQuietly(told);
            close(subscription);
            return outcome.report(status, interrupted.get());
        } finally {
            close(subscription);
            // Closed before the hook may return: a JVM halting in the middle of a close leaves the store unclean.
            ws.close();
            finished.countDown();
            try {
                Runtime.getRuntime().removeShutdownHook(onInterrupt);
            } catch (IllegalStateException shuttingDown) {
                // the hook is running: it waited for us
            }
        }
    }

    /** Prints a progress line every two seconds, and at once when the throttling changes. */
    private static <P> void progressed(
            Job<P> job, P p, AtomicLong last, AtomicReference<String> lastThrottle, PrintWriter err) {
        long now = System.nanoTime();
        long before = last.get();
        // a change of throttling is told at once, not at the next regular line
        String throttle = job.throttle().apply(p);
        String shown = lastThrottle.get();
        boolean throttleChanged = !Objects.equals(throttle, shown) && lastThrottle.compareAndSet(shown, throttle);
        if (throttleChanged && throttle == null) {
            return; // back to the full limit: the next regular line no longer mentions it
        }
        if (throttleChanged || (now - before >= EVERY_NANOS && last.compareAndSet(before, now))) {
            synchronized (err) {
                err.println(job.line().apply(p));
                err.flush();
            }
        }
    }

    /** The figures every job's progress line ends with: calls, rate, tokens, cost, time left and throttling. */
    static void figures(
            StringBuilder s,
            int calls,
            int ledgerHits,
            double callsPerSecond,
            long tokensIn,
            long tokensOut,
            BigDecimal cost,
            Duration left,
            String throttle) {
        s.append(CliSupport.count(calls, "calls"))
                .append(" (")
                .append(ledgerHits)
                .append(" from the ledger), ")
                .append(String.format(Locale.ROOT, "%.1f calls/s", callsPerSecond))
                .append(", tokens ")
                .append(tokensIn)
                .append(" in / ")
                .append(tokensOut)
                .append(" out");
        if (cost != null) {
            s.append(", cost ").append(cost.stripTrailingZeros().toPlainString());
        }
        if (left != null) {
            s.append(", about ").append(left.toSeconds()).append(" s left");
        }
        if (throttle != null) {
            s.append("; ").append(throttle);
        }
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void close(AutoCloseable subscription) {
        try {
            subscription.close();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
