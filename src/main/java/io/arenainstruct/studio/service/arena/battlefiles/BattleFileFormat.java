package io.arenainstruct.studio.service.arena.battlefiles;

import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;

/** The battle file formats {@code battles import} reads, told apart by their fields. */
public enum BattleFileFormat {
    CHATBOT_ARENA("chatbot-arena", false),
    FASTCHAT_PAIR("fastchat-pair", true),
    ARENA_HARD("arena-hard", true);

    /** The formats in words, for messages about a file that is none of them. */
    public static final String SUPPORTED = "chatbot-arena (model_a, model_b, winner), fastchat-pair (model_1, model_2,"
            + " g1_winner, g2_winner), arena-hard judgments (uid, judge, model, baseline, games)";

    private final String id;
    private final boolean judgeFile;

    BattleFileFormat(String id, boolean judgeFile) {
        this.id = id;
        this.judgeFile = judgeFile;
    }

    public String id() {
        return id;
    }

    /** Its verdicts are a judge's games by nature (no {@code --as human}). */
    public boolean judgeFile() {
        return judgeFile;
    }

    /** The format whose fields the row has, if any. */
    public static Optional<BattleFileFormat> of(JsonNode row) {
        if (!row.isObject()) {
            return Optional.empty();
        }
        if (row.has("g1_winner") && row.has("model_1")) {
            return Optional.of(FASTCHAT_PAIR);
        }
        if (row.has("games") && row.has("baseline")) {
            return Optional.of(ARENA_HARD);
        }
        if (row.has("model_a") && row.has("model_b") && row.has("winner")) {
            return Optional.of(CHATBOT_ARENA);
        }
        return Optional.empty();
    }
}
