package io.arenainstruct.studio.service.curation;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.arenainstruct.studio.domain.arena.ArenaInstruction;
import io.arenainstruct.studio.domain.arena.InstructionSelection;
import io.arenainstruct.studio.domain.run.FinalText;
import io.arenainstruct.studio.domain.run.HumanEdit;
import io.arenainstruct.studio.domain.run.Instruction;
import io.arenainstruct.studio.domain.run.InstructionFilter;
import io.arenainstruct.studio.domain.run.Review;
import io.arenainstruct.studio.service.run.InstructionService;
import io.arenainstruct.studio.store.ArenaRepository;

/**
 * The store's texts a curation pass checks, read only. Run instructions give their final instruction text
 * ({@link InstructionService#finalText}); rejected ones and ones without a text yet stay out. Arena instructions
 * give their prompt (the last user message); those taken in from a run instruction stay out, as that instruction's
 * final text is already checked under its own label and would otherwise be its own exact duplicate.
 *
 * <p>Ids: a run instruction keeps its id; an arena instruction's id is offset by {@link #ARENA_OFFSET}. The two id
 * spaces cannot meet, and as a cluster keeps its lowest id, the workbench's own instruction is kept over an
 * imported prompt with the same text.
 */
public final class StoreItems {
    /** Added to an arena instruction's id: far above any run instruction id a store will reach. */
    public static final long ARENA_OFFSET = 1L << 40;

    private static final int CHUNK = 500;

    private final InstructionService instructions;
    private final ArenaRepository arena;

    public StoreItems(InstructionService instructions, ArenaRepository arena) {
        this.instructions = instructions;
        this.arena = arena;
    }

    /** Every run instruction's final text, then every arena prompt not taken from a run instruction. */
    public List<CurationItem> all() {
        List<CurationItem> items = new ArrayList<>();
        List<Long> ids = instructions.ids(InstructionFilter.ALL);
        // In chunks, as `instructions list` reads them: a few queries per chunk, one chunk in memory at a time.
        for (int from = 0; from < ids.size(); from += CHUNK) {
            List<Long> chunk = ids.subList(from, Math.min(ids.size(), from + CHUNK));
            Map<Long, List<HumanEdit>> edits = instructions.humanEdits(chunk);
            for (Instruction i : instructions.findAll(chunk)) {
                if (i.review().decision() == Review.REJECTED) {
                    continue;
                }
                FinalText text = InstructionService.finalText(i, edits.getOrDefault(i.id(), List.of()));
                if (text.instruction() != null && !text.instruction().isBlank()) {
                    items.add(new CurationItem(i.id(), "instruction " + i.id(), text.instruction()));
                }
            }
        }
        for (ArenaInstruction a : arena.instructions(InstructionSelection.all())) {
            if (a.runInstructionId() == null) {
                items.add(new CurationItem(ARENA_OFFSET + a.id(), "arena prompt " + a.id(), a.prompt()));
            }
        }
        return items;
    }
}
