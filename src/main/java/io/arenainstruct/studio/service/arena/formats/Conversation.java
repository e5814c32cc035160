package io.arenainstruct.studio.service.arena.formats;

import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;

import io.arenainstruct.studio.domain.arena.ArenaInstruction;
import io.arenainstruct.studio.domain.llm.Message;
import io.arenainstruct.studio.domain.llm.Message.Role;
import io.arenainstruct.studio.store.ArenaRepository.ItemResponse;

/**
 * A chat read from a line (OpenAI messages, ShareGPT conversations) turned into an instruction: the last user
 * message is the prompt, everything before it the context, and a trailing assistant message an existing response.
 */
final class Conversation {
    private static final String EXPECTED =
            "expected an optional system message, then user and assistant messages taking turns, starting with user";

    private Conversation() {}

    /** The roles must make sense: one leading system message at most, then user and assistant in turn. */
    static Row.InstructionRow of(List<Message> messages, JsonNode line, String defaultModel) throws BadLine {
        int start = 0;
        if (!messages.isEmpty() && messages.get(0).role() == Role.SYSTEM) {
            start = 1;
        }
        if (start == messages.size()) {
            throw new BadLine("there is no user message");
        }
        for (int i = start; i < messages.size(); i++) {
            Role role = messages.get(i).role();
            Role expected = (i - start) % 2 == 0 ? Role.USER : Role.ASSISTANT;
            if (role != expected) {
                throw new BadLine("message " + (i + 1) + " is " + name(role) + " where " + name(expected) + " was due ("
                        + EXPECTED + ")");
            }
        }
        Message last = messages.get(messages.size() - 1);
        int promptAt = last.role() == Role.ASSISTANT ? messages.size() - 2 : messages.size() - 1;
        List<Message> context = new ArrayList<>(messages.subList(0, promptAt));
        String prompt = messages.get(promptAt).content();
        ArenaInstruction instruction = ArenaInstruction.of(context, prompt, Fields.category(line), null);
        List<ItemResponse> responses = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        if (last.role() == Role.ASSISTANT) {
            String model = Fields.model(line, defaultModel);
            if (model == null) {
                problems.add("the response (the last assistant message) was not imported: the line names no model"
                        + " (metadata.model or model) and no --model was given; the instruction was imported");
            } else {
                responses.add(new ItemResponse(model, last.content(), null));
            }
        }
        return new Row.InstructionRow(instruction, externalId(line), responses, problems);
    }

    /** A message's text; empty text is a bad line (a turn of nothing cannot be asked or answered). */
    static Message message(Role role, JsonNode content, int position) throws BadLine {
        String what = "the text of message " + position;
        if (content == null || content.isNull()) {
            throw new BadLine("message " + position + " has no text");
        }
        if (content.isArray()) {
            // OpenAI's content parts: the text parts joined; anything else (images, audio) cannot be shown
            StringBuilder text = new StringBuilder();
            for (JsonNode part : content) {
                JsonNode type = part.get("type");
                JsonNode partText = part.get("text");
                if (type == null || !"text".equals(type.asText()) || partText == null || !partText.isTextual()) {
                    throw new BadLine("message " + position + " has a part that is not text");
                }
                text.append(partText.asText());
            }
            return new Message(role, Fields.limited(nonBlank(text.toString(), what), what));
        }
        return new Message(role, Fields.text(content, what));
    }

    private static String nonBlank(String text, String what) throws BadLine {
        if (text.isBlank()) {
            throw new BadLine(what + " is empty");
        }
        return text;
    }

    private static String externalId(JsonNode line) throws BadLine {
        String id = Fields.id(line, "id");
        return id != null ? id : Fields.id(line, "question_id");
    }

    private static String name(Role role) {
        return switch (role) {
            case SYSTEM -> "system";
            case USER -> "user";
            case ASSISTANT -> "assistant";
        };
    }
}
