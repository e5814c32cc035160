package io.arenainstruct.studio.service.arena;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import io.arenainstruct.studio.domain.llm.Endpoint;
import io.arenainstruct.studio.domain.run.RunStatus;
import io.arenainstruct.studio.service.job.JobOutcome;
import io.arenainstruct.studio.service.job.JobProgress;
import io.arenainstruct.studio.service.job.JobRegistry;
import io.arenainstruct.studio.service.job.JobRunner;
import io.arenainstruct.studio.service.job.JobState;
import io.arenainstruct.studio.service.job.Pricing;
import io.arenainstruct.studio.service.job.ProgressCounter;
import io.arenainstruct.studio.service.job.RunningJob;
import io.arenainstruct.studio.service.llm.ModelGateway;
import io.arenainstruct.studio.store.ArenaJobRepository;

/**
 * What answering and judging share: a runner sized by the endpoints' limits, the job's row kept up to date, and
 * the workspace's arena registry told when it starts, progresses, pauses and ends. A subclass declares its stages
 * and plans its items from what the store holds ({@link #start}), so a resume continues where a kill stopped.
 */
public abstract class ArenaJobExecution implements RunningJob {
    protected final long jobId;
    private final String kind;
    private final List<String> endpoints;
    private final ModelGateway gateway;
    protected final JobRunner<String> runner;
    protected final ArenaJobRepository jobs;
    private final JobRegistry<JobProgress<String>> registry;
    /** Items that had failed when this execution started: a success clears their reason, others need no write. */
    private final Set<String> failedBefore = ConcurrentHashMap.newKeySet();

    ArenaJobExecution(
            long jobId,
            String kind,
            List<Endpoint> endpoints,
            ModelGateway gateway,
            Pricing pricing,
            ArenaJobRepository jobs,
            JobRegistry<JobProgress<String>> registry) {
        this.jobId = jobId;
        this.kind = kind;
        this.endpoints = endpoints.stream().map(Endpoint::name).distinct().toList();
        this.gateway = gateway;
        this.jobs = jobs;
        this.registry = registry;
        this.runner = new JobRunner<>(
                "arenainstruct-" + kind + "-" + jobId,
                JobRunner.workersFor(
                        endpoints.stream().mapToInt(Endpoint::maxConcurrent).sum()),
                new ProgressCounter<String>(pricing, Clock.systemUTC()),
                Clock.systemUTC());
        runner.onProgress(p -> registry.progress(jobId, p));
        runner.onPauseOrResume(state -> jobs.setStatus(jobId, status(state), null));
    }

    /** Plans the job's items from what the store holds and submits them to the runner. */
    protected abstract void start();

    /** What this job asks which endpoints about: another job asking the same is refused while this one runs. */
    abstract JobClaim claim();

    /** Why this job cannot start beside a running one; empty when it can. */
    Optional<String> conflictWith(RunningJob other) {
        return other instanceof ArenaJobExecution e && e.jobId != jobId
                ? claim().conflictWith(e.claim(), e.jobId)
                : Optional.empty();
    }

    @Override
    public long jobId() {
        return jobId;
    }

    /** answer or judge. */
    public String kind() {
        return kind;
    }

    /** Runs to the end or until cancelled, on the calling thread's behalf; returns how it ended. */
    public RunStatus run() {
        try {
            registry.register(this, this::conflictWith);
        } catch (IllegalStateException refused) {
            jobs.setStatus(jobId, RunStatus.CANCELLED, "not started: " + refused.getMessage());
            throw refused;
        }
        RunStatus status = RunStatus.INCOMPLETE;
        try {
            jobs.setStatus(jobId, RunStatus.RUNNING, null);
            jobs.failures(jobId).stream().map(Map.Entry::getKey).forEach(failedBefore::add);
            JobOutcome outcome = runner.run(this::start);
            status = status(outcome.state());
            String message = outcome.error() != null
                    ? outcome.error()
                    : outcome.failed() > 0
                            ? outcome.failed() + " item" + (outcome.failed() == 1 ? "" : "s")
                                    + " failed; resume the job to try them again"
                            : null;
            jobs.setStatus(jobId, status, message);
            runner.publish();
            return status;
        } finally {
            registry.finished(jobId, jobState(status));
        }
    }

    /** The item is done: a reason an earlier execution recorded for it is forgotten. */
    protected void succeeded(String item) {
        if (failedBefore.remove(item)) {
            jobs.clearFailure(jobId, item);
        }
    }

    /** The job's endpoints that the gateway holds below their limit after 429s, in words; null when none. */
    public String throttle() {
        Map<String, Integer> throttled = gateway.throttled();
        List<String> parts = new ArrayList<>();
        for (String e : endpoints) {
            Integer level = throttled.get(e);
            if (level != null) {
                parts.add(e + " throttled to " + level + " in flight (server answered 429)");
            }
        }
        return parts.isEmpty() ? null : String.join("; ", parts);
    }

    public JobProgress<String> progress() {
        return runner.progress();
    }

    @Override
    public void pause() {
        boolean was = runner.isPaused();
        runner.pause();
        if (!was && runner.isPaused()) {
            registry.pausedOrResumed(jobId, true);
        }
    }

    @Override
    public void resume() {
        boolean was = runner.isPaused();
        runner.resume();
        if (was && !runner.isPaused()) {
            registry.pausedOrResumed(jobId, false);
        }
    }

    @Override
    public boolean isPaused() {
        return runner.isPaused();
    }

    @Override
    public void cancel() {
        runner.cancel();
    }

    static RunStatus status(JobState state) {
        return switch (state) {
            case RUNNING -> RunStatus.RUNNING;
            case PAUSED -> RunStatus.PAUSED;
            case CANCELLED -> RunStatus.CANCELLED;
            case COMPLETED -> RunStatus.COMPLETED;
            case INCOMPLETE -> RunStatus.INCOMPLETE;
        };
    }

    static JobState jobState(RunStatus status) {
        return switch (status) {
            case RUNNING -> JobState.RUNNING;
            case PAUSED -> JobState.PAUSED;
            case CANCELLED, INTERRUPTED -> JobState.CANCELLED;
            case COMPLETED -> JobState.COMPLETED;
            case INCOMPLETE -> JobState.INCOMPLETE;
        };
    }
}
