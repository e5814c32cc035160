package io.arenainstruct.studio.service.arena.formats;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import com.fasterxml.jackson.databind.JsonNode;

import io.arenainstruct.studio.domain.llm.Message;
import io.arenainstruct.studio.domain.llm.Message.Role;

/**
 * ShareGPT lines: {@code {"conversations": [{"from": "system|human|gpt", "value": …}, …]}}. The speaker names
 * FastChat's ShareGPT cleaning accepts are read too: user for human, and chatgpt, bing, bard, assistant for gpt.
 */
final class ShareGpt implements LineFormat {
    @Override
    public Row read(JsonNode line, String defaultModel) throws BadLine {
        List<JsonNode> entries = Fields.array(line, "conversations");
        List<Message> messages = new ArrayList<>(entries.size());
        for (int i = 0; i < entries.size(); i++) {
            JsonNode entry = entries.get(i);
            int position = i + 1;
            if (!entry.isObject()) {
                throw new BadLine("message " + position + " is " + Fields.kind(entry) + ", not an object");
            }
            JsonNode from = entry.get("from");
            if (from == null || !from.isTextual()) {
                throw new BadLine("message " + position + " has no \"from\"");
            }
            messages.add(Conversation.message(role(from.asText(), position), entry.get("value"), position));
        }
        return Conversation.of(messages, line, defaultModel);
    }

    private static Role role(String from, int position) throws BadLine {
        return switch (from.toLowerCase(Locale.ROOT)) {
            case "system" -> Role.SYSTEM;
            case "human", "user" -> Role.USER;
            case "gpt", "chatgpt", "bing", "bard", "assistant" -> Role.ASSISTANT;
            default ->
                throw new BadLine("message " + position + " is from " + BadLine.quoted(from)
                        + "; supported are system, human (user) and gpt (chatgpt, bing, bard, assistant)");
        };
    }
}
