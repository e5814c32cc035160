package io.arenainstruct.studio.service.run;

import io.arenainstruct.studio.domain.flow.Agent;
import io.arenainstruct.studio.domain.llm.Endpoint;
import io.arenainstruct.studio.domain.run.Stage;
import io.arenainstruct.studio.service.job.StepResult;

/** The instruction's generation agent writes it (with an input when its category takes one). */
final class GenerationStage extends InstructionStage {
    GenerationStage(RunSteps steps) {
        super(steps);
    }

    @Override
    public Stage stage() {
        return Stage.GENERATION;
    }

    @Override
    public boolean holds(InstructionWork work, int unit) {
        return work.inst.generated() != null;
    }

    @Override
    public void run(InstructionWork work, int unit) {
        Agent generator = work.flow
                .agent(work.inst.generator().agent())
                .orElseGet(() -> work.flow.generators().get(0));
        Endpoint endpoint = steps.endpointFor(generator);
        StepResult step = steps.call(generator, work.vars, work.slot, "generation " + generator.id());
        work.inst = steps.save(work.inst.generatedBy(step.call(endpoint), step.text(), step.input()));
    }
}
