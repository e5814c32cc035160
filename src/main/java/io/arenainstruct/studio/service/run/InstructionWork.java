package io.arenainstruct.studio.service.run;

import java.util.Map;

import io.arenainstruct.studio.domain.Taxonomy;
import io.arenainstruct.studio.domain.flow.Flow;
import io.arenainstruct.studio.domain.run.Instruction;
import io.arenainstruct.studio.domain.run.Passage;

/** One instruction slot of a passage: the item generation, refinement rounds and answer work on. */
final class InstructionWork {
    final Flow flow;
    final Taxonomy taxonomy;
    final Passage passage;
    final int slot;
    /** The refinement rounds it takes: the stored instruction's, else the run's. */
    final int rounds;

    final Map<String, String> vars;
    /** What the store holds; null only for the plan of an instruction not made yet. */
    Instruction inst;

    InstructionWork(
            Flow flow,
            Taxonomy taxonomy,
            Passage passage,
            int slot,
            int rounds,
            Map<String, String> vars,
            Instruction inst) {
        this.flow = flow;
        this.taxonomy = taxonomy;
        this.passage = passage;
        this.slot = slot;
        this.rounds = inst != null ? inst.roundsPlanned() : rounds;
        this.vars = vars;
        this.inst = inst;
    }

    /** An instruction as planned before its passage exists: only its number of rounds counts. */
    static InstructionWork planned(int rounds) {
        return new InstructionWork(null, null, null, 0, rounds, null, null);
    }
}
