package io.arenainstruct.studio.service.arena.formats;

import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;

import io.arenainstruct.studio.domain.llm.Message;
import io.arenainstruct.studio.domain.llm.Message.Role;

/** OpenAI chat lines: {@code {"messages": [{"role": "system|user|assistant", "content": …}, …]}}. */
final class OpenAiChat implements LineFormat {
    @Override
    public Row read(JsonNode line, String defaultModel) throws BadLine {
        List<JsonNode> entries = Fields.array(line, "messages");
        List<Message> messages = new ArrayList<>(entries.size());
        for (int i = 0; i < entries.size(); i++) {
            JsonNode entry = entries.get(i);
            int position = i + 1;
            if (!entry.isObject()) {
                throw new BadLine("message " + position + " is " + Fields.kind(entry) + ", not an object");
            }
            JsonNode role = entry.get("role");
            if (role == null || !role.isTextual()) {
                throw new BadLine("message " + position + " has no role");
            }
            messages.add(Conversation.message(role(role.asText(), position), entry.get("content"), position));
        }
        return Conversation.of(messages, line, defaultModel);
    }

    private static Role role(String role, int position) throws BadLine {
        return switch (role) {
            case "system" -> Role.SYSTEM;
            case "user" -> Role.USER;
            case "assistant" -> Role.ASSISTANT;
            default ->
                throw new BadLine("message " + position + " has the role " + BadLine.quoted(role)
                        + "; supported are system, user and assistant");
        };
    }
}
