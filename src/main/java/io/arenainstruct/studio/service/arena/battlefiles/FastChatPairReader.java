package io.arenainstruct.studio.service.arena.battlefiles;

import java.util.List;
import java.util.Locale;

import com.fasterxml.jackson.databind.JsonNode;

import io.arenainstruct.studio.domain.arena.Outcome;
import io.arenainstruct.studio.domain.arena.VerdictSource;

/**
 * FastChat llm_judge pairwise judgments ({@code model_judgment/*_pair.jsonl}): game 1 showed {@code model_1} first,
 * game 2 the other way round, its winner already named by model (so it needs no un-swapping).
 */
final class FastChatPairReader {
    private FastChatPairReader() {}

    static BattleRow read(JsonNode row) throws BadRow {
        String questionId = RowFields.name(row, "question_id");
        String model1 = RowFields.name(row, "model_1");
        String model2 = RowFields.name(row, "model_2");
        RowFields.twoModels(model1, model2);
        JsonNode judge = row.get("judge");
        String voter;
        String prompt = null;
        if (judge != null && judge.isArray() && !judge.isEmpty() && judge.get(0).isTextual()) {
            voter = judge.get(0).asText();
            prompt = judge.size() > 1 && judge.get(1).isTextual() ? judge.get(1).asText() : null;
        } else if (judge != null && judge.isTextual()) {
            voter = judge.asText();
        } else {
            throw new BadRow("judge is not [model, prompt name]");
        }
        if (voter.isBlank()) {
            throw new BadRow("judge names no model");
        }
        RowFields.checkedName(voter, "judge");
        if (prompt != null && prompt.length() > RowFields.LONGEST_NAME) {
            prompt = null;
        }
        String w1 = RowFields.text(row, "g1_winner");
        String w2 = RowFields.text(row, "g2_winner");
        RowGame g1 = new RowGame(1, false, outcome(w1, "g1_winner"), null, null, judgment(row, "g1_judgment"));
        RowGame g2 = new RowGame(2, true, outcome(w2, "g2_winner"), null, null, judgment(row, "g2_judgment"));
        return new BattleRow(
                questionId,
                null,
                null,
                null,
                model1,
                model2,
                RowFields.turn(row),
                VerdictSource.JUDGE,
                voter,
                List.of(g1, g2),
                true,
                prompt == null ? null : "judge prompt " + prompt,
                null);
    }

    private static Outcome outcome(String winner, String field) throws BadRow {
        return switch (winner.toLowerCase(Locale.ROOT)) {
            case "model_1" -> Outcome.A;
            case "model_2" -> Outcome.B;
            case "tie" -> Outcome.TIE;
            case "error" -> Outcome.ERROR;
            default -> throw new BadRow(field + " is not model_1, model_2, tie or error");
        };
    }

    private static String judgment(JsonNode row, String field) throws BadRow {
        return RowFields.optionalText(row, field);
    }
}
