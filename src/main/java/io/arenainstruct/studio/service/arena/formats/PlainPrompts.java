package io.arenainstruct.studio.service.arena.formats;

import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;

import io.arenainstruct.studio.domain.arena.ArenaInstruction;

/** One prompt per line: {@code {"prompt": …}} or {@code {"text": …}}, with an optional category and id. */
final class PlainPrompts implements LineFormat {
    @Override
    public Row read(JsonNode line, String defaultModel) throws BadLine {
        String field = line.has("prompt") ? "prompt" : "text";
        if (!line.has(field)) {
            throw new BadLine("no \"prompt\" or \"text\" field");
        }
        String prompt = Fields.required(line, field);
        ArenaInstruction i = ArenaInstruction.of(List.of(), prompt, Fields.category(line), null);
        return new Row.InstructionRow(i, Fields.id(line, "id"), List.of(), List.of());
    }
}
