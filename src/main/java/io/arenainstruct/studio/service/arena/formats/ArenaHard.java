package io.arenainstruct.studio.service.arena.formats;

import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;

import io.arenainstruct.studio.domain.arena.ArenaInstruction;
import io.arenainstruct.studio.store.ArenaRepository.ItemResponse;

/**
 * Arena-Hard files: questions ({@code uid, category, cluster, prompt}) and a model's answers ({@code uid, ans_id,
 * model, messages}, the assistant's content an object {@code {"answer": …}}, or a plain string). The category kept
 * is the question's cluster: Arena-Hard's {@code category} names the benchmark (the default dataset name).
 */
final class ArenaHard implements LineFormat {
    @Override
    public Row read(JsonNode line, String defaultModel) throws BadLine {
        String uid = Fields.id(line, "uid");
        if (uid == null) {
            throw new BadLine("no \"uid\" field");
        }
        if (line.has("messages")) {
            return answer(line, uid, defaultModel);
        }
        String prompt = Fields.required(line, "prompt");
        String cluster = Fields.category(line, "cluster");
        String category = cluster != null ? cluster : Fields.category(line);
        return new Row.InstructionRow(
                ArenaInstruction.of(List.of(), prompt, category, null), uid, List.of(), List.of());
    }

    /** The benchmark a question line names (its {@code category}), or null: the default dataset name. */
    static String benchmark(JsonNode line) {
        JsonNode category = line.get("category");
        return category != null && category.isTextual() && !category.asText().isBlank()
                ? category.asText().strip()
                : null;
    }

    private static Row answer(JsonNode line, String uid, String defaultModel) throws BadLine {
        String model = Fields.model(line, defaultModel);
        if (model == null) {
            throw new BadLine("the answer names no model (no \"model\" field) and no --model was given");
        }
        List<JsonNode> messages = Fields.array(line, "messages");
        JsonNode answer = null;
        for (JsonNode m : messages) {
            JsonNode role = m.get("role");
            if (m.isObject() && role != null && "assistant".equals(role.asText())) {
                answer = m.get("content");
            }
        }
        if (answer == null) {
            throw new BadLine("the answer has no assistant message");
        }
        JsonNode text = answer.isObject() ? answer.get("answer") : answer;
        if (text == null) {
            throw new BadLine("the assistant message's content has no \"answer\"");
        }
        String response = Fields.text(text, "the answer");
        return new Row.AnswerRow(uid, new ItemResponse(model, response, Fields.id(line, "ans_id")));
    }
}
