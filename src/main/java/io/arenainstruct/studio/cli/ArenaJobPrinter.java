package io.arenainstruct.studio.cli;

import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.arenainstruct.studio.domain.arena.ArenaJob;
import io.arenainstruct.studio.domain.provenance.Failure;
import io.arenainstruct.studio.domain.run.RunStatus;
import io.arenainstruct.studio.service.arena.ArenaJobExecution;
import io.arenainstruct.studio.service.arena.ArenaJobService;
import io.arenainstruct.studio.service.arena.ArenaJobService.Estimate;
import io.arenainstruct.studio.service.job.JobProgress;
import io.arenainstruct.studio.service.job.JobState;
import io.arenainstruct.studio.service.job.StageCount;
import io.arenainstruct.studio.service.workspace.Workspace;

/** Executes an answering or judging job from the command line, as {@code run} executes a run. */
final class ArenaJobPrinter {
    /** At most this many reasons are printed when a job ends with failures (the most frequent first). */
    private static final int REASONS_SHOWN = 5;

    private ArenaJobPrinter() {}

    static String line(ArenaJobExecution job, JobProgress<String> p) {
        StringBuilder s = new StringBuilder(job.kind())
                .append(" job ")
                .append(job.jobId())
                .append(": ");
        for (StageCount<String> st : p.stages()) {
            s.append(st.stage()).append(' ').append(st.done()).append('/').append(st.planned());
            if (st.failed() > 0) {
                s.append(" (").append(st.failed()).append(" failed)");
            }
            s.append(", ");
        }
        JobPrinter.figures(
                s,
                p.calls(),
                p.ledgerHits(),
                p.callsPerSecond(),
                p.tokensIn(),
                p.tokensOut(),
                p.cost(),
                p.timeLeft(),
                p.state() == JobState.RUNNING ? job.throttle() : null);
        return s.toString();
    }

    /** The estimate printed before a job starts, e.g. "estimate: 80 calls for 80 games (0 held already), ...". */
    static void estimate(PrintWriter err, Estimate e, String items) {
        StringBuilder s = new StringBuilder("estimate: ")
                .append(CliSupport.count(e.calls(), "calls"))
                .append(" for ")
                .append(CliSupport.count(e.items(), items))
                .append(" (")
                .append(e.done())
                .append(" held already), about ")
                .append(e.tokensIn())
                .append(" tokens in / ")
                .append(e.tokensOut())
                .append(" out, ");
        if (e.cost() == null) {
            s.append("cost unknown (no price for these models)");
        } else {
            s.append(e.costComplete() ? "cost " : "cost at least ")
                    .append(e.cost().stripTrailingZeros().toPlainString());
            if (!e.costComplete()) {
                s.append(" (some models have no price)");
            }
        }
        err.println(s);
        err.flush();
    }

    /** Runs the job to the end; Ctrl+C cancels it, keeping what finished; failures are told with their reasons. */
    static int execute(ArenaJobExecution job, Workspace ws, PrintWriter out, PrintWriter err) {
        return execute(job, ws, out, err, "arena-jobs resume " + job.jobId());
    }

    /**
     * As {@link #execute(ArenaJobExecution, Workspace, PrintWriter, PrintWriter)}; {@code continueWith}: the command
     * a cancelled job is continued with (a chain of stages continues with its own, not with the job alone).
     */
    static int execute(ArenaJobExecution job, Workspace ws, PrintWriter out, PrintWriter err, String continueWith) {
        err.println(job.kind() + " job " + job.jobId() + " started");
        err.flush();
        ArenaJobService arena = ws.arena();
        return JobPrinter.execute(
                new JobPrinter.Job<>(
                        job.jobId(),
                        job::run,
                        job::cancel,
                        ws.arenaJobs(),
                        p -> line(job, p),
                        p -> p.state() == JobState.RUNNING ? job.throttle() : null),
                ws,
                err,
                (status, interrupted) -> outcome(job, arena, status, interrupted, out, err, continueWith));
    }

    private static int outcome(
            ArenaJobExecution job,
            ArenaJobService arena,
            RunStatus status,
            boolean interrupted,
            PrintWriter out,
            PrintWriter err,
            String continueWith) {
        JobProgress<String> p = job.progress();
        err.println(line(job, p));
        err.flush();
        String name = job.kind() + " job " + job.jobId();
        switch (status) {
            case COMPLETED -> {
                StageCount<String> last = p.stages().get(p.stages().size() - 1);
                out.println(name + " completed: "
                        + (job.kind().equals("answer")
                                ? CliSupport.count(last.done(), "answers")
                                : CliSupport.count(last.done(), "battles") + " judged"));
                return Cli.OK;
            }
            case CANCELLED -> {
                String line = name + " was cancelled; what finished is kept; continue it with: " + continueWith;
                if (interrupted) {
                    // printed here: the JVM is shutting down and the caller's error line would come too late
                    err.println("error: " + line);
                    err.flush();
                    return JobPrinter.INTERRUPTED;
                }
                throw new Cli.CommandFailure(line);
            }
            default -> {
                List<Map.Entry<Failure<String>, Integer>> reasons = reasons(arena.failures(job.jobId()));
                reasons.stream()
                        .limit(REASONS_SHOWN)
                        .forEach(r -> err.println("failed: "
                                + TerminalWriter.oneLine(r.getValue() + " failed at "
                                        + r.getKey().stage() + ": " + r.getKey().describe())));
                if (reasons.size() > REASONS_SHOWN) {
                    err.println("failed: and " + (reasons.size() - REASONS_SHOWN) + " other reasons");
                }
                err.flush();
                if (p.failed() == 0) {
                    String why = arena.job(job.jobId()).map(ArenaJob::message).orElse(null);
                    throw new Cli.CommandFailure(name + " stopped" + (why == null ? "" : ": " + why)
                            + "; continue it with: arena-jobs resume " + job.jobId());
                }
                throw new Cli.CommandFailure(name + " ended with " + CliSupport.count(p.failed(), "failed items")
                        + "; once the cause is fixed, retry them with: arena-jobs resume " + job.jobId());
            }
        }
    }

    /** The job's failed items grouped by stage and reason, most first. */
    static List<Map.Entry<Failure<String>, Integer>> reasons(List<Map.Entry<String, Failure<String>>> failures) {
        Map<Failure<String>, Integer> counts = new LinkedHashMap<>();
        failures.forEach(f -> counts.merge(f.getValue(), 1, Integer::sum));
        return counts.entrySet().stream()
                .sorted(Map.Entry.<Failure<String>, Integer>comparingByValue().reversed())
                .toList();
    }
}
