package io.arenainstruct.studio.service.run;

import java.util.function.Consumer;

import io.arenainstruct.studio.domain.run.Instruction;
import io.arenainstruct.studio.domain.run.Passage;
import io.arenainstruct.studio.domain.run.RunProgress;
import io.arenainstruct.studio.domain.run.RunStatus;
import io.arenainstruct.studio.service.job.RunningJob;

/** A run being executed: started with {@link #run()} on a background thread, steered from anywhere. */
public interface RunHandle extends RunningJob {
    long runId();

    @Override
    default long jobId() {
        return runId();
    }

    /** Executes until every item is done or failed, or the run is cancelled; returns the final status. */
    RunStatus run();

    /** Listeners are called on worker threads, at most about ten times a second, and once at the end. */
    void onProgress(Consumer<RunProgress> listener);

    /** Called on a worker thread whenever an instruction changed (a step finished). */
    void onInstruction(Consumer<Instruction> listener);

    /** Called on a worker thread whenever a passage was stored (a transformation finished or failed). */
    void onPassage(Consumer<Passage> listener);

    /** Calls in flight finish; no new call starts until {@link #resume()}. */
    @Override
    void pause();

    @Override
    void resume();

    @Override
    boolean isPaused();

    /** Stops: calls in flight are cancelled, what finished is kept; the run can be resumed later. */
    @Override
    void cancel();

    RunProgress progress();
}
