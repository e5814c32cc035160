package io.arenainstruct.studio.service.arena.battlefiles;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import com.fasterxml.jackson.databind.JsonNode;

import io.arenainstruct.studio.domain.arena.ArenaInstruction;
import io.arenainstruct.studio.domain.arena.Outcome;
import io.arenainstruct.studio.domain.arena.VerdictSource;
import io.arenainstruct.studio.domain.llm.Message;

/**
 * Chatbot-Arena rows (and MT-Bench human judgments): {@code model_a}, {@code model_b}, {@code winner}, optional
 * {@code question_id}, {@code judge}, {@code turn}, {@code tstamp}, {@code conversation_a} / {@code conversation_b}.
 * One row is one vote.
 */
final class ChatbotArenaReader {
    private ChatbotArenaReader() {}

    static BattleRow read(JsonNode row, VerdictSource source) throws BadRow {
        String modelA = RowFields.name(row, "model_a");
        String modelB = RowFields.name(row, "model_b");
        RowFields.twoModels(modelA, modelB);
        String winner = RowFields.text(row, "winner");
        Outcome outcome = switch (winner.toLowerCase(Locale.ROOT)) {
            case "model_a" -> Outcome.A;
            case "model_b" -> Outcome.B;
            case "tie" -> Outcome.TIE;
            case "tie (bothbad)" -> Outcome.BOTH_BAD;
            default -> throw new BadRow("winner is not model_a, model_b, tie or tie (bothbad)");
        };
        int turn = RowFields.turn(row);
        List<Message> a = messages(row, "conversation_a");
        List<Message> b = messages(row, "conversation_b");
        if ((a == null) != (b == null)) {
            throw new BadRow("conversation_a and conversation_b come together");
        }
        ArenaInstruction instruction = null;
        String answerA = null;
        String answerB = null;
        if (a != null) {
            int promptA = userMessage(a, turn);
            int promptB = userMessage(b, turn);
            if (!a.get(promptA).content().equals(b.get(promptB).content())) {
                throw new BadRow("the two conversations ask different questions");
            }
            // The context's earlier answers differ between the two sides of a multi-turn battle; the side of the
            // model first by name is taken, so rows naming the models either way round make one instruction.
            List<Message> side = modelA.compareTo(modelB) <= 0 ? a : b;
            int prompt = side == a ? promptA : promptB;
            instruction = ArenaInstruction.of(
                    side.subList(0, prompt), side.get(prompt).content(), null, null);
            answerA = answer(a, promptA);
            answerB = answer(b, promptB);
        }
        JsonNode ts = row.get("tstamp");
        Instant at = ts != null && ts.isNumber() ? Instant.ofEpochMilli(Math.round(ts.asDouble() * 1000)) : null;
        return new BattleRow(
                RowFields.optionalName(row, "question_id"),
                instruction,
                answerA,
                answerB,
                modelA,
                modelB,
                turn,
                source,
                RowFields.optionalName(row, "judge"),
                List.of(new RowGame(null, false, outcome, null, null, null)),
                false,
                null,
                at);
    }

    /** The OpenAI message list in the field, or null when the row has none. */
    private static List<Message> messages(JsonNode row, String field) throws BadRow {
        JsonNode list = row.get(field);
        if (list == null || list.isNull()) {
            return null;
        }
        if (!list.isArray() || list.isEmpty()) {
            throw new BadRow(field + " is not a list of messages");
        }
        List<Message> out = new ArrayList<>();
        for (JsonNode m : list) {
            JsonNode role = m.get("role");
            JsonNode content = m.get("content");
            if (role == null || !role.isTextual() || content == null || !content.isTextual()) {
                throw new BadRow(field + " has a message without a role or text content");
            }
            out.add(
                    switch (role.asText()) {
                        case "system" -> Message.system(content.asText());
                        case "user" -> Message.user(content.asText());
                        case "assistant" -> Message.assistant(content.asText());
                        default -> throw new BadRow(field + " has a message of an unknown role");
                    });
        }
        return out;
    }

    /** The index of the turn's user message: the turn-th one, or the last one if the list has fewer. */
    private static int userMessage(List<Message> conversation, int turn) throws BadRow {
        int seen = 0;
        int last = -1;
        for (int i = 0; i < conversation.size(); i++) {
            if (conversation.get(i).role() == Message.Role.USER) {
                last = i;
                if (++seen == turn) {
                    return i;
                }
            }
        }
        if (last < 0) {
            throw new BadRow("a conversation has no user message");
        }
        return last;
    }

    private static String answer(List<Message> conversation, int prompt) throws BadRow {
        if (prompt + 1 >= conversation.size() || conversation.get(prompt + 1).role() != Message.Role.ASSISTANT) {
            throw new BadRow("a conversation has no answer to its question");
        }
        return conversation.get(prompt + 1).content();
    }
}
