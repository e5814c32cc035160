package io.arenainstruct.studio.service.arena.battlefiles;

import java.time.Instant;
import java.util.List;

import io.arenainstruct.studio.domain.arena.ArenaInstruction;
import io.arenainstruct.studio.domain.arena.VerdictSource;

/**
 * One row of a battle file, read: the battle it is about and the verdicts it gives, in the row's orientation.
 *
 * @param questionId  the file's id for the question (question_id, uid); null if none
 * @param instruction the instruction the row's conversation carries; null if it carries none
 * @param answerA     model A's answer from the conversation; null if none
 * @param voter       who voted: the annotator or judge model; null to name the file
 * @param judgeGames  the row is a judge's games, to be combined into the judge's verdict (game 0)
 * @param note        what to note on every verdict (e.g. the judge prompt's name); null if nothing
 * @param at          when the vote was cast, if the file says; null otherwise
 */
record BattleRow(
        String questionId,
        ArenaInstruction instruction,
        String answerA,
        String answerB,
        String modelA,
        String modelB,
        int turn,
        VerdictSource source,
        String voter,
        List<RowGame> games,
        boolean judgeGames,
        String note,
        Instant at) {
    BattleRow {
        games = List.copyOf(games);
    }
}
