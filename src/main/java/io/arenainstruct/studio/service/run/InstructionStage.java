package io.arenainstruct.studio.service.run;

import io.arenainstruct.studio.domain.run.Stage;
import io.arenainstruct.studio.service.job.JobStage;
import io.arenainstruct.studio.service.job.StepFailure;

/** A stage of an instruction: a failed unit marks the instruction failed at this stage, with the reason. */
abstract class InstructionStage implements JobStage<InstructionWork, Stage> {
    protected final RunSteps steps;

    InstructionStage(RunSteps steps) {
        this.steps = steps;
    }

    @Override
    public void fail(InstructionWork work, int unit, StepFailure failure) {
        work.inst = steps.save(work.inst.failedWith(failure.at(stage())));
    }
}
