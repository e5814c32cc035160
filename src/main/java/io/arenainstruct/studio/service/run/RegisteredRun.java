package io.arenainstruct.studio.service.run;

import java.util.function.Consumer;

import io.arenainstruct.studio.domain.run.Instruction;
import io.arenainstruct.studio.domain.run.Passage;
import io.arenainstruct.studio.domain.run.RunProgress;
import io.arenainstruct.studio.domain.run.RunStatus;
import io.arenainstruct.studio.service.job.JobEvent;
import io.arenainstruct.studio.service.job.JobRegistry;

/**
 * A run that is in the workspace's {@link JobRegistry} while it executes: registered as {@link #run()} starts,
 * its progress, stored items and pauses published, and taken out with its outcome when it ends.
 */
final class RegisteredRun implements RunHandle {
    private final RunHandle run;
    private final JobRegistry<RunProgress> registry;

    RegisteredRun(RunHandle run, JobRegistry<RunProgress> registry) {
        this.run = run;
        this.registry = registry;
        run.onProgress(p -> registry.progress(run.runId(), p));
        run.onInstruction(i -> registry.itemChanged(run.runId(), JobEvent.Item.INSTRUCTION, i.id()));
        run.onPassage(p -> registry.itemChanged(run.runId(), JobEvent.Item.PASSAGE, p.id()));
    }

    @Override
    public long runId() {
        return run.runId();
    }

    @Override
    public RunStatus run() {
        registry.register(this);
        RunStatus status = RunStatus.INCOMPLETE;
        try {
            status = run.run();
            return status;
        } finally {
            registry.finished(runId(), RunFigures.jobState(status));
        }
    }

    @Override
    public void onProgress(Consumer<RunProgress> listener) {
        run.onProgress(listener);
    }

    @Override
    public void onInstruction(Consumer<Instruction> listener) {
        run.onInstruction(listener);
    }

    @Override
    public void onPassage(Consumer<Passage> listener) {
        run.onPassage(listener);
    }

    @Override
    public void pause() {
        boolean was = run.isPaused();
        run.pause();
        if (!was && run.isPaused()) {
            registry.pausedOrResumed(runId(), true);
        }
    }

    @Override
    public void resume() {
        boolean was = run.isPaused();
        run.resume();
        if (was && !run.isPaused()) {
            registry.pausedOrResumed(runId(), false);
        }
    }

    @Override
    public boolean isPaused() {
        return run.isPaused();
    }

    @Override
    public void cancel() {
        run.cancel();
    }

    @Override
    public RunProgress progress() {
        return run.progress();
    }
}
