package io.arenainstruct.studio.cli;

import java.io.PrintWriter;
import java.util.List;

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
        JobPrinter.figures(
                s,
                p.calls(),
                p.cacheHits(),
                p.callsPerSecond(),
                p.tokensIn(),
                p.tokensOut(),
                p.cost(),
                p.eta(),
                p.throttle());
        return s.toString();
    }

    /** At most this many reasons are printed when a run ends with failures (the most frequent first). */
    private static final int REASONS_SHOWN = 5;

    /**
     * Runs to the end; Ctrl+C cancels (what finished is kept) and the run can be resumed. A run that ends with
     * failed items says why, one line per reason.
     */
    static int execute(RunHandle run, Workspace ws, PrintWriter out, PrintWriter err) {
        return execute(run, ws, out, err, "runs resume " + run.runId());
    }

    /**
     * As {@link #execute(RunHandle, Workspace, PrintWriter, PrintWriter)}; {@code continueWith}: the command a
     * cancelled run is continued with (a chain of stages continues with its own, not with the run alone).
     */
    static int execute(RunHandle run, Workspace ws, PrintWriter out, PrintWriter err, String continueWith) {
        RunService runs = ws.runs();
        err.println("run " + run.runId() + " started");
        err.flush();
        return JobPrinter.execute(
                new JobPrinter.Job<>(
                        run.runId(), run::run, run::cancel, ws.jobs(), RunProgressPrinter::line, RunProgress::throttle),
                ws,
                err,
                (status, interrupted) -> outcome(run, runs, status, interrupted, out, err, continueWith));
    }

    private static int outcome(
            RunHandle run,
            RunService runs,
            RunStatus status,
            boolean interrupted,
            PrintWriter out,
            PrintWriter err,
            String continueWith) {
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
                String line = "run " + run.runId() + " was cancelled; what finished is kept; continue it with: "
                        + continueWith;
                if (interrupted) {
                    // printed here: the JVM is shutting down and the caller's error line would come too late
                    err.println("error: " + line);
                    err.flush();
                    return JobPrinter.INTERRUPTED;
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
