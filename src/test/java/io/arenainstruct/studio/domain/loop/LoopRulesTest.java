package io.arenainstruct.studio.domain.loop;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;

import org.junit.jupiter.api.Test;

class LoopRulesTest {
    private final LoopRules rules = LoopRules.defaults();

    @Test
    void theDefaultsAreAlphaOneAndTwentyBattles() {
        assertThat(rules.alpha()).isEqualTo(1.0);
        assertThat(rules.minBattles()).isEqualTo(20);
        assertThat(rules.easyTieShare()).isEqualTo(0.6);
        assertThat(rules.bothBadShare()).isEqualTo(0.5);
    }

    @Test
    void aWeightFollowsTheLossRateAwayFromTheMean() {
        // 1.0 × (1 + 1 × (0.71 − 0.5)) = 1.21
        assertThat(rules.nextWeight(1.0, 0.71, 0.5)).isEqualTo(1.21);
        // 2.0 × (1 + 1 × (0.3 − 0.5)) = 1.6
        assertThat(rules.nextWeight(2.0, 0.3, 0.5)).isEqualTo(1.6);
        // alpha 2: 1.0 × (1 + 2 × 0.125) = 1.25
        assertThat(rules.withAlpha(2).nextWeight(1.0, 0.625, 0.5)).isEqualTo(1.25);
        // two decimals, half up: 1.0 × (1 + 1/3 − 0) = 1.3333 → 1.33
        assertThat(rules.nextWeight(1.0, 1.0 / 3, 0)).isEqualTo(1.33);
        assertThat(rules.nextWeight(0.0, 1.0, 0)).isZero();
    }

    @Test
    void oneStepMovesAWeightAtMostTwiceOrHalf() {
        // 1.5 × (1 + 4 × 0.5) = 4.5, clamped to 3.0; 1.5 × (1 − 4 × 0.5) = −1.5, clamped to 0.75
        assertThat(rules.withAlpha(4).nextWeight(1.5, 1.0, 0.5)).isEqualTo(3.0);
        assertThat(rules.withAlpha(4).nextWeight(1.5, 0.0, 0.5)).isEqualTo(0.75);
        // and never beyond the largest weight a taxonomy takes
        assertThat(rules.nextWeight(900_000, 1.0, 0)).isEqualTo(1_000_000);
    }

    @Test
    void sameWeightComparesTheTwoDecimalsShown() {
        assertThat(LoopRules.sameWeight(1.234, 1.23)).isTrue();
        assertThat(LoopRules.sameWeight(1.0, 1.01)).isFalse();
    }

    @Test
    void parametersOutOfRangeAreRefusedInSentences() {
        assertThatThrownBy(() -> rules.withAlpha(0))
                .hasMessage("Alpha is how far a weight follows the loss rate: a number above 0 and at most 100, got"
                        + " 0.0.");
        assertThatThrownBy(() -> rules.withAlpha(Double.NaN)).hasMessageContaining("got NaN");
        assertThatThrownBy(() -> rules.withMinBattles(0))
                .hasMessage("The minimum number of battles before a category moves is at least 1, got 0.");
        assertThatThrownBy(() -> new LoopRules(1, 20, 1.5, 0.5))
                .hasMessage("The share of ties that makes a category easy is a number above 0 and at most 1, got 1.5.");
        assertThatThrownBy(() -> new LoopRules(1, 20, 0.5, 0.5))
                .hasMessage("The share of ties that makes a category easy and the share of both-bad battles that makes"
                        + " it too hard must add up to more than 1, got 0.5 and 0.5.");
    }

    @Test
    void aProposalsIdNamesItsKindSkillAndCategoryAndItsEvidenceIsSorted() {
        Proposal p = Proposal.of(ProposalKind.WEIGHT, "coding", "Debugging", "1.0", "1.2", "r", List.of(9L, 3L, 5L));
        assertThat(p.id()).isEqualTo("weight:coding/Debugging");
        assertThat(p.evidence()).containsExactly(3L, 5L, 9L);
        assertThat(ProposalKind.of("Rounds")).isEqualTo(ProposalKind.ROUNDS);
        assertThat(ProposalKind.PROMPT.id()).isEqualTo("prompt");
    }
}
