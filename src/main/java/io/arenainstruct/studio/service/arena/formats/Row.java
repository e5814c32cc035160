package io.arenainstruct.studio.service.arena.formats;

import java.util.List;

import io.arenainstruct.studio.domain.arena.ArenaInstruction;
import io.arenainstruct.studio.store.ArenaRepository.ItemResponse;

/** What one good line of a dataset file holds. */
public sealed interface Row {

    /**
     * An instruction with the responses the line carried.
     *
     * @param externalId the file's id for it (Arena-Hard uid, id, question_id); null if none
     * @param problems   parts of the line left out (a response naming no model) while the instruction is kept
     */
    record InstructionRow(
            ArenaInstruction instruction, String externalId, List<ItemResponse> responses, List<String> problems)
            implements Row {
        public InstructionRow {
            responses = List.copyOf(responses);
            problems = List.copyOf(problems);
        }
    }

    /** An answer to a question named by its uid, found in this import or already stored (Arena-Hard answers). */
    record AnswerRow(String uid, ItemResponse response) implements Row {}
}
