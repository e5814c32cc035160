package io.arenainstruct.studio.cli;

import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

import io.arenainstruct.studio.domain.run.FailureReason;
import io.arenainstruct.studio.domain.run.RunProgress;
import io.arenainstruct.studio.domain.run.RunStatus;
import io.arenainstruct.studio.domain.run.Stage;
import io.arenainstruct.studio.domain.run.StageProgress;
import io.arenainstruct.studio.service.run.RunHandle;
import io.arenainstruct.studio.service.run.RunService;
import io.arenainstruct.studio.service.workspace.Workspace;

/** Executes a run from the command line: progress lines on stderr, the outcome as an exit code. */
final class RunProgressPrinter {
    private static final long EVERY_NANOS = 2_000_000_000L;

    private RunProgressPrinter() {}

    static String line(RunProgress p) {
        StringBuilder s = new StringBuilder("run ").append(p.runId()).append(": ");
        for (StageProgress st : p.stages()) {
            s.append(st.stage().id()).append(' ').append(st.done()).append('/').append(st.planned());
            if (st.failed() > 0) {
                s.append(" (").append(st.failed()).append(" failed)");
            }
            s.append(", ");
        }
        s.append(CliSupport.count(p.calls(), "calls"))
                .append(" (")
                .append(p.cacheHits())
                .append(" from the ledger), ")
                .append(String.format(Locale.ROOT, "%.1f calls/s", p.callsPerSecond()))
                .append(", tokens ")
                .append(p.tokensIn())
                .append(" in / ")
                .append(p.tokensOut())
                .append(" out");
        if (p.cost() != null) {
            s.append(", cost ").append(p.cost().stripTrailingZeros().toPlainString());
        }
        if (p.eta() != null) {
            s.append(", about ").append(p.eta().toSeconds()).append(" s left");
        }
        if (p.throttle() != null) {
            s.append("; ").append(p.throttle());
        }
        return s.toString();
    }

    /** At most this many reasons are printed when a run ends with failures (the most frequent first). */
    private static final int REASONS_SHOWN = 5;

    /**
     * Runs to the end; Ctrl+C cancels (what finished is kept) and the run can be resumed. A run that ends with
     * failed items says why, one line per reason.
     */
    static int execute(RunHandle run, Workspace ws, PrintWriter out, PrintWriter err) {
        RunService runs = ws.runs();
        err.println("run " + run.runId() + " started");
        err.flush();
        AtomicLong last = new AtomicLong(System.nanoTime());
        AtomicReference<String> lastThrottle = new AtomicReference<>();
        run.onProgress(p -> {
            long now = System.nanoTime();
            long before = last.get();
            // a change of throttling is told at once, not at the next regular line
            String throttle = p.throttle();
            String shown = lastThrottle.get();
            boolean throttleChanged = !Objects.equals(throttle, shown) && lastThrottle.compareAndSet(shown, throttle);
            if (throttleChanged && throttle == null) {
                return; // back to the full limit: the next regular line no longer mentions it
            }
            if (throttleChanged || (now - before >= EVERY_NANOS && last.compareAndSet(before, now))) {
                synchronized (err) {
                    err.println(line(p));
                    err.flush();
                }
            }
        });
        CountDownLatch finished = new CountDownLatch(1);
        AtomicBoolean interrupted = new AtomicBoolean();
        // Ctrl+C: cancel, and keep the JVM alive until the run has recorded where it stopped and the resume line
        // is printed (the JVM exits when this hook returns).
        Thread onInterrupt = new Thread(
                () -> {
                    interrupted.set(true);
                    run.cancel();
                    try {
                        finished.await(30, TimeUnit.SECONDS);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                },
                "arenainstruct-run-cancel");
        Runtime.getRuntime().addShutdownHook(onInterrupt);
        try {
            return outcome(run, runs, run.run(), interrupted.get(), out, err);
        } finally {
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

    /** Exit code of a process ended by Ctrl+C (128 + SIGINT), as shells report it. */
    static final int INTERRUPTED = 130;

    private static int outcome(
            RunHandle run, RunService runs, RunStatus status, boolean interrupted, PrintWriter out, PrintWriter err) {
        RunProgress p = run.progress();
        err.println(line(p));
        err.flush();
        switch (status) {
            case COMPLETED -> {
                out.println("run " + run.runId() + " completed: "
                        + CliSupport.count(p.stage(Stage.ANSWER).done(), "instructions"));
                return Cli.OK;
            }
            case CANCELLED -> {
                String line = "run " + run.runId() + " was cancelled; what finished is kept; continue it with: runs"
                        + " resume " + run.runId();
                if (interrupted) {
                    // printed here: the JVM is shutting down and the caller's error line would come too late
                    err.println("error: " + line);
                    err.flush();
                    return INTERRUPTED;
                }
                throw new Cli.CommandFailure(line);
            }
            default -> {
                List<FailureReason> reasons = runs.failureReasons(run.runId());
                reasons.stream()
                        .limit(REASONS_SHOWN)
                        .forEach(r -> err.println("failed: " + TerminalWriter.oneLine(r.describe())));
                if (reasons.size() > REASONS_SHOWN) {
                    err.println("failed: and " + (reasons.size() - REASONS_SHOWN) + " other reasons (the Runs area"
                            + " lists every failed item)");
                }
                err.flush();
                throw new Cli.CommandFailure("run " + run.runId() + " ended with " + p.failed() + " failed item"
                        + (p.failed() == 1 ? "" : "s") + "; once the cause is fixed, retry them with: runs resume "
                        + run.runId());
            }
        }
    }
}
