package io.arenainstruct.studio.service.arena.formats;

import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;

import io.arenainstruct.studio.domain.arena.ArenaInstruction;
import io.arenainstruct.studio.store.ArenaRepository.ItemResponse;

/**
 * Alpaca lines: {@code {"instruction": …, "input": …, "output": …}}. The prompt is the instruction, then a blank
 * line and the input when there is one. The output is a model's response only when --model names the model (Alpaca
 * files do not say who wrote it); otherwise it is kept as the instruction's reference answer.
 */
final class Alpaca implements LineFormat {
    @Override
    public Row read(JsonNode line, String defaultModel) throws BadLine {
        String instruction = Fields.required(line, "instruction");
        String input = Fields.optional(line, "input");
        String output = Fields.optional(line, "output");
        String prompt = input == null || input.isBlank() ? instruction : instruction + "\n\n" + input;
        Fields.limited(prompt, "the prompt");
        boolean answered = output != null && !output.isBlank();
        String model = defaultModel;
        boolean response = answered && model != null;
        ArenaInstruction i =
                ArenaInstruction.of(List.of(), prompt, Fields.category(line), answered && !response ? output : null);
        List<ItemResponse> responses = response ? List.of(new ItemResponse(model, output, null)) : List.of();
        return new Row.InstructionRow(i, Fields.id(line, "id"), responses, List.of());
    }
}
