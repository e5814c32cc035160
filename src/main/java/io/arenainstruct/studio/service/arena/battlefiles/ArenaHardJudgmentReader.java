package io.arenainstruct.studio.service.arena.battlefiles;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;

import io.arenainstruct.studio.domain.arena.GradedLabel;
import io.arenainstruct.studio.domain.arena.Outcome;
import io.arenainstruct.studio.domain.arena.VerdictSource;

/**
 * Arena-Hard judgments ({@code model_judgment/JUDGE/MODEL.jsonl}): two games, game 1 showing the baseline as A,
 * game 2 the model as A. The row's orientation is the baseline as A. A game without a readable score is kept as
 * unparsable, never guessed.
 */
final class ArenaHardJudgmentReader {
    private ArenaHardJudgmentReader() {}

    static BattleRow read(JsonNode row) throws BadRow {
        String uid = RowFields.name(row, "uid");
        String judge = RowFields.name(row, "judge");
        String model = RowFields.name(row, "model");
        String baseline = RowFields.name(row, "baseline");
        RowFields.twoModels(baseline, model);
        JsonNode games = row.get("games");
        if (games == null || !games.isArray() || games.size() != 2) {
            throw new BadRow("games is not a list of two games");
        }
        List<RowGame> read = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            JsonNode g = games.get(i);
            if (!g.isObject()) {
                throw new BadRow("game " + (i + 1) + " is not an object");
            }
            boolean swapped = i == 1;
            JsonNode score = g.get("score");
            String raw = score != null && score.isTextual() ? score.asText() : null;
            if (score != null && !score.isNull() && !score.isTextual()) {
                throw new BadRow("game " + (i + 1) + " has a score that is not text");
            }
            Optional<GradedLabel> label = GradedLabel.parse(raw);
            GradedLabel unswapped = label.map(l -> swapped ? l.swapped() : l).orElse(null);
            Outcome outcome = unswapped == null ? Outcome.UNPARSABLE : unswapped.outcome();
            // the label as written is kept when it is one; anything else the file put there is not a label
            String written = unswapped == null ? null : raw.strip();
            read.add(new RowGame(i + 1, swapped, outcome, unswapped, written, judgment(g.get("judgment"), i + 1)));
        }
        return new BattleRow(
                uid, null, null, null, baseline, model, 1, VerdictSource.JUDGE, judge, read, true, null, null);
    }

    /** A judgment is text, or an object whose {@code answer} is the text. */
    private static String judgment(JsonNode j, int game) throws BadRow {
        if (j == null || j.isNull()) {
            return null;
        }
        if (j.isTextual()) {
            return j.asText();
        }
        if (j.isObject() && j.get("answer") != null && j.get("answer").isTextual()) {
            return j.get("answer").asText();
        }
        throw new BadRow("game " + game + " has a judgment that is neither text nor {\"answer\": text}");
    }
}
