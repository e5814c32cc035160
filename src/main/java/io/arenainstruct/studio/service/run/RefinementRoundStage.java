package io.arenainstruct.studio.service.run;

import java.util.ArrayList;
import java.util.List;

import io.arenainstruct.studio.domain.flow.Agent;
import io.arenainstruct.studio.domain.run.Round;
import io.arenainstruct.studio.domain.run.Stage;
import io.arenainstruct.studio.service.job.StepResult;

/**
 * One refinement round (a unit per round): the suggester's suggestions on the instruction as it stands, then the
 * editor's rewrite. Each is stored as it returns, so a resume continues inside a round.
 */
final class RefinementRoundStage extends InstructionStage {
    RefinementRoundStage(RunSteps steps) {
        super(steps);
    }

    @Override
    public Stage stage() {
        return Stage.REFINEMENT;
    }

    @Override
    public int callsPerUnit() {
        return 2;
    }

    @Override
    public int units(InstructionWork work) {
        return work.rounds;
    }

    @Override
    public boolean holds(InstructionWork work, int unit) {
        Round r = round(work.inst.rounds(), unit + 1);
        return r != null && r.edited() != null;
    }

    @Override
    public void run(InstructionWork work, int unit) {
        int r = unit + 1;
        Round before = round(work.inst.rounds(), r - 1);
        String current = before == null ? work.inst.generated() : before.edited();
        String currentInput = before == null ? work.inst.generatedInput() : before.editedInput();
        work.vars.put("instruction", current);
        work.vars.put("input", currentInput == null ? "" : currentInput);
        work.vars.put("round", String.valueOf(r));
        work.vars.put("rounds", String.valueOf(work.inst.roundsPlanned()));
        work.vars.put("goals", RunVariables.goals(work.flow));
        List<Round> soFar = new ArrayList<>(work.inst.rounds());
        Round existing = round(soFar, r);
        if (existing == null) {
            Agent suggester = work.flow.suggester();
            StepResult s = steps.call(suggester, work.vars, work.slot, "suggestion round " + r);
            existing = Round.suggested(r, s.text(), s.call());
            soFar.add(existing);
            work.inst = steps.save(work.inst.withRounds(soFar));
        }
        work.vars.put("suggestions", existing.suggestion());
        Agent editor = work.flow.editor();
        StepResult e = steps.call(editor, work.vars, work.slot, "edit round " + r);
        Round complete = existing.editedBy(e.call(), e.text(), e.input() != null ? e.input() : currentInput);
        soFar.set(soFar.indexOf(existing), complete);
        // the latest instruction is this round's edit (Instruction.instruction())
        work.inst = steps.save(work.inst.withRounds(soFar));
    }

    private static Round round(List<Round> rounds, int number) {
        return rounds.stream().filter(x -> x.round() == number).findFirst().orElse(null);
    }
}
