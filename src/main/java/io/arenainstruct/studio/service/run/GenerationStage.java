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
                .agent(work.inst.generatorAgent())
                .orElseGet(() -> work.flow.generators().get(0));
        Endpoint endpoint = steps.endpointFor(generator);
        StepResult step = steps.call(generator, work.vars, work.slot, "generation " + generator.id());
        work.inst = steps.save(InstructionCopy.copy(work.inst, b -> {
            b.generatorAgent = step.agentId();
            b.generatorVersion = step.promptVersion();
            b.generationCallId = step.callId();
            b.endpoint = endpoint.name();
            b.model = endpoint.model();
            b.generated = step.text();
            b.generatedInput = step.input();
            b.instruction = step.text();
            b.input = step.input();
            b.pending();
        }));
    }
}
