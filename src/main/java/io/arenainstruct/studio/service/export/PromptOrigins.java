package io.arenainstruct.studio.service.export;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

import io.arenainstruct.studio.domain.arena.ArenaInstruction;
import io.arenainstruct.studio.domain.run.Instruction;
import io.arenainstruct.studio.service.run.InstructionService;
import io.arenainstruct.studio.store.ArenaRepository;

/**
 * The run instruction each arena prompt stands for, and so its run, skill and category: the run instructions linked
 * to it now (a text imported from a dataset first is linked as it is, decision 0010), else the one it was taken
 * from; the lowest id first. Prompts of no run are absent.
 */
public final class PromptOrigins {
    private PromptOrigins() {}

    /**
     * By prompt id, for these prompts read in two queries.
     *
     * @param runId only the run instructions of this run; null for any run
     */
    public static Map<Long, Instruction> of(
            ArenaRepository arena, InstructionService instructions, Collection<ArenaInstruction> prompts, Long runId) {
        Map<Long, List<Long>> links =
                arena.runLinks(prompts.stream().map(ArenaInstruction::id).toList());
        Map<Long, List<Long>> candidates = new HashMap<>();
        Set<Long> runInstructionIds = new HashSet<>();
        for (ArenaInstruction p : prompts) {
            List<Long> c = new ArrayList<>(links.getOrDefault(p.id(), List.of()));
            if (p.runInstructionId() != null && !c.contains(p.runInstructionId())) {
                c.add(p.runInstructionId());
            }
            c.sort(null);
            candidates.put(p.id(), c);
            runInstructionIds.addAll(c);
        }
        Map<Long, Instruction> found = new HashMap<>();
        if (!runInstructionIds.isEmpty()) {
            instructions.findAll(new ArrayList<>(runInstructionIds)).forEach(i -> found.put(i.id(), i));
        }
        Map<Long, Instruction> run = new HashMap<>();
        candidates.forEach((promptId, linked) -> linked.stream()
                .map(found::get)
                .filter(Objects::nonNull)
                .filter(i -> runId == null || i.runId() == runId)
                .findFirst()
                .ifPresent(i -> run.put(promptId, i)));
        return run;
    }
}
