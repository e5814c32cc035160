package io.arenainstruct.studio.domain.arena;

import static io.arenainstruct.studio.domain.arena.Outcome.A;
import static io.arenainstruct.studio.domain.arena.Outcome.B;
import static io.arenainstruct.studio.domain.arena.Outcome.BOTH_BAD;
import static io.arenainstruct.studio.domain.arena.Outcome.TIE;
import static io.arenainstruct.studio.domain.arena.Outcome.UNPARSABLE;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

class HumanMajorityTest {
    @Test
    void moreThanHalfOfTheCountedVotesDecide() {
        assertThat(HumanMajority.of(List.of(A))).contains(new HumanMajority(A, 1));
        assertThat(HumanMajority.of(List.of(B, B, A))).contains(new HumanMajority(B, 3));
        assertThat(HumanMajority.of(List.of(TIE, TIE, BOTH_BAD))).contains(new HumanMajority(TIE, 3));
        // unparsable votes are not counted: 2 of 3 counted
        assertThat(HumanMajority.of(List.of(BOTH_BAD, UNPARSABLE, BOTH_BAD, A)))
                .contains(new HumanMajority(BOTH_BAD, 3));
    }

    @Test
    void halfOrAPluralityIsASplit() {
        assertThat(HumanMajority.of(List.of(A, B)).orElseThrow().split()).isTrue();
        // 2 of 4 is the most but not more than half
        assertThat(HumanMajority.of(List.of(A, A, B, TIE)).orElseThrow().status())
                .isEqualTo(BattleStatus.DISPUTED);
        // a tie and both-bad are different answers
        assertThat(HumanMajority.of(List.of(TIE, BOTH_BAD)).orElseThrow().split())
                .isTrue();
        assertThat(HumanMajority.of(List.of(A, A, B)).orElseThrow().status()).isEqualTo(BattleStatus.ADJUDICATED);
    }

    @Test
    void noCountedVoteIsNoMajority() {
        assertThat(HumanMajority.of(List.of())).isEmpty();
        assertThat(HumanMajority.of(List.of(UNPARSABLE))).isEmpty();
    }
}
