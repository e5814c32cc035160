package io.arenainstruct.studio.service.export;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The rules in words, as a dataset card states them: they must say what the selection did. */
class SelectionRulesTest {

    @Test
    void ktoWithATargetSaysTiesAndBothBadGiveNoRowsAsTheyGiveNone() {
        // with a target only the battles it lost count (BattleSource): ties and both-bad never give rows
        SelectionRules rules = SelectionRules.of(ExportSelect.KTO)
                .withTarget("m2")
                .withTies(true)
                .withBothBad(true);
        assertThat(rules.words())
                .startsWith("Battles m2 lost: the winner's answer good, m2's bad.")
                .contains("Ties and both-bad verdicts give no rows.");

        SelectionRules every = SelectionRules.of(ExportSelect.KTO).withTies(true);
        assertThat(every.words())
                .startsWith("Every decided battle: the winner's answer labelled good, the loser's bad; a tie labels"
                        + " both good.")
                .contains("Both-bad verdicts give no rows.");
    }
}
