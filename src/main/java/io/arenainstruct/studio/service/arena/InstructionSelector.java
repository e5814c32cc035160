package io.arenainstruct.studio.service.arena;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.arenainstruct.studio.domain.arena.ArenaInstruction;
import io.arenainstruct.studio.domain.arena.InstructionSelection;
import io.arenainstruct.studio.domain.run.FinalText;
import io.arenainstruct.studio.domain.run.HumanEdit;
import io.arenainstruct.studio.domain.run.Instruction;
import io.arenainstruct.studio.domain.run.InstructionFilter;
import io.arenainstruct.studio.service.run.InstructionService;
import io.arenainstruct.studio.store.ArenaRepository;

/**
 * Resolves what {@code --instructions all|run:ID|dataset:NAME|category:NAME} names. Run instructions enter the
 * arena with their final text at this moment (hand edit, else accepted round, else last round; the final response
 * becomes the reference answer); a run instruction the curator rejected, or one without an instruction yet, stays
 * out. Taking them again after an edit adds the edited text as a new arena instruction, and {@code run:ID} selects
 * each run instruction's current text only, whether the take-in stored it or it was there already (imported from a
 * dataset); older texts stay in the arena with their answers (decision 0010).
 */
public final class InstructionSelector {
    private final ArenaRepository arena;
    private final InstructionService instructions;

    public InstructionSelector(ArenaRepository arena, InstructionService instructions) {
        this.arena = arena;
        this.instructions = instructions;
    }

    /** A parsed selection; {@link #parse} explains a bad one. */
    public static InstructionSelection parse(String text) {
        String t = text == null ? "" : text.strip();
        if (t.equals("all")) {
            return InstructionSelection.all();
        }
        int colon = t.indexOf(':');
        String kind = colon < 0 ? t : t.substring(0, colon);
        String value = colon < 0 ? "" : t.substring(colon + 1).strip();
        if (!value.isEmpty()) {
            switch (kind) {
                case "dataset":
                    return InstructionSelection.dataset(value);
                case "category":
                    return InstructionSelection.category(value);
                case "run":
                    try {
                        return InstructionSelection.run(Long.parseLong(value));
                    } catch (NumberFormatException e) {
                        throw new IllegalArgumentException("run:" + value + " is not a run number");
                    }
                case "ids":
                    // what regenerating both-bad battles asks answers for (decision 0019)
                    List<Long> ids = new ArrayList<>();
                    for (String part : value.split(",")) {
                        try {
                            ids.add(Long.parseLong(part.strip()));
                        } catch (NumberFormatException e) {
                            throw new IllegalArgumentException("'" + part.strip() + "' is not an instruction number");
                        }
                    }
                    return InstructionSelection.ids(ids);
                default:
                    break;
            }
        }
        throw new IllegalArgumentException(
                "'" + t + "' names no instructions: use all, run:ID, dataset:NAME, category:NAME or ids:1,2,3");
    }

    /** The selected instructions, run instructions taken in first (all of them for {@code all}). */
    public List<ArenaInstruction> select(InstructionSelection selection) {
        switch (selection.kind()) {
            case "all" -> takeRunInstructions(null);
            case "run" -> takeRunInstructions(Long.parseLong(selection.value()));
            default -> {}
        }
        return arena.instructions(selection);
    }

    /**
     * Takes the final texts of a run's (or every run's) finished instructions into the arena and makes them what
     * {@code run:ID} selects; returns how many.
     */
    public int takeRunInstructions(Long runId) {
        List<Long> ids = new ArrayList<>();
        for (String status : List.of("complete", "accepted")) {
            ids.addAll(instructions.ids(new InstructionFilter(runId, null, null, status, null)));
        }
        List<ArenaInstruction> taken = new ArrayList<>();
        for (int from = 0; from < ids.size(); from += 500) {
            List<Long> chunk = ids.subList(from, Math.min(ids.size(), from + 500));
            Map<Long, List<HumanEdit>> edits = instructions.humanEdits(chunk);
            for (Instruction i : instructions.findAll(chunk)) {
                FinalText text = InstructionService.finalText(i, edits.getOrDefault(i.id(), List.of()));
                if (text.instruction() == null || text.instruction().isBlank()) {
                    continue;
                }
                String prompt = text.input() == null || text.input().isBlank()
                        ? text.instruction()
                        : text.instruction() + "\n\n" + text.input();
                taken.add(ArenaInstruction.of(List.of(), prompt, i.category(), text.response())
                        .withRunInstruction(i.id()));
            }
        }
        arena.takeRunInstructions(runId, taken);
        return taken.size();
    }
}
