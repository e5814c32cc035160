package io.arenainstruct.studio.service.run;

import io.arenainstruct.studio.domain.flow.Agent;
import io.arenainstruct.studio.domain.run.InstructionStatus;
import io.arenainstruct.studio.domain.run.Stage;
import io.arenainstruct.studio.service.job.StepResult;

/** The answerer responds to the instruction as refined; the instruction is then complete. */
final class AnswerStage extends InstructionStage {
    AnswerStage(RunSteps steps) {
        super(steps);
    }

    @Override
    public Stage stage() {
        return Stage.ANSWER;
    }

    @Override
    public boolean holds(InstructionWork work, int unit) {
        return work.inst.response() != null && work.inst.status() == InstructionStatus.COMPLETE;
    }

    @Override
    public void run(InstructionWork work, int unit) {
        if (work.inst.response() != null) {
            work.inst = steps.save(work.inst.complete());
            return;
        }
        work.vars.put("instruction", work.inst.instruction());
        work.vars.put("input", work.inst.input() == null ? "" : work.inst.input());
        Agent answerer = work.flow.answerer();
        StepResult a = steps.call(answerer, work.vars, work.slot, "answer");
        work.inst = steps.save(work.inst.answeredBy(a.call(), a.text()));
    }
}
