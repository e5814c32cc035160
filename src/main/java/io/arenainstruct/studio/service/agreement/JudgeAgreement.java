package io.arenainstruct.studio.service.agreement;

import io.arenainstruct.studio.domain.arena.VerdictSource;

/**
 * One judge against the battles' human majority verdict. A judge is a voter model with the judge agent and prompt
 * version it judged with (a jury's pooled verdict is a judge too). Every figure is over the battles with a human
 * majority (people who split are left out) that this judge gave a verdict on; a figure that cannot be computed is
 * null, never 0.
 *
 * @param judge                  the judge model, or the jury's name
 * @param agent                  the judge agent (prompt); null for imported verdicts
 * @param promptVersion          that agent's prompt version; null for imported verdicts
 * @param source                 judge or jury
 * @param battles                battles with both a human majority and a decided verdict of this judge
 * @param agreement              share of those where the judge's verdict (A, B, tie) is the human one
 * @param agreementWithoutTies   the same over the battles where neither says tie
 * @param kappa                  Cohen's kappa over A / B / tie
 * @param gameAgreement          each of the judge's games (1 and 2) against the human verdict, over all its games
 * @param positionConsistency    share of two-game battles whose games agree once un-swapped
 * @param firstPositionWins      share of decided games (not a tie) won by the answer shown first
 * @param longerWins             share of the judge's decided battles won by the longer answer (equal lengths and
 *                               battles without answer text left out)
 */
public record JudgeAgreement(
        String judge,
        String agent,
        Integer promptVersion,
        VerdictSource source,
        long battles,
        Double agreement,
        Double agreementWithoutTies,
        Double kappa,
        Double gameAgreement,
        Double positionConsistency,
        Double firstPositionWins,
        Double longerWins) {}
