package io.arenainstruct.studio.service.iteration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

import io.arenainstruct.studio.domain.iteration.TargetFigures;
import io.arenainstruct.studio.service.ratings.Observations;

/** The target's per-battle record from observations, whichever side it was on (worked out by hand). */
class TargetRecordTest {
    @Test
    void battlesAreScoredFromTheTargetsSideAndOthersBattlesIgnored() {
        Observations o = new Observations();
        int t = o.model("t");
        int x = o.model("x");
        int y = o.model("y");
        // battle 1: t is B and wins both games (A's score 0): won
        o.add(x, t, 0, 1, -1, 1, null, null);
        o.add(x, t, 0, 1, -1, 1, null, null);
        // battle 2: t is A, a strong loss counted three times is still one observation here: lost
        o.add(t, y, 0, 3, -1, 2, null, null);
        // battle 3: t is B, one win and one tie for x (A): t has ½ of 2 points, under half: lost
        o.add(y, t, 1, 1, -1, 3, null, null);
        o.add(y, t, 0.5, 1, -1, 3, null, null);
        // battle 4: t is A, a tie: tied
        o.add(t, x, 0.5, 1, -1, 4, null, null);
        // battle 5: no t
        o.add(x, y, 1, 1, -1, 5, null, null);

        TargetFigures r = IterationService.record(o, "t");

        assertThat(new int[] {r.battles(), r.wins(), r.losses(), r.ties()}).containsExactly(4, 1, 2, 1);
        // (1 + ½) / 4
        assertThat(r.winRate()).isCloseTo(0.375, within(1e-12));
        assertThat(r.rating()).isNaN();
    }

    @Test
    void aModelNotObservedHasNoRecord() {
        Observations o = new Observations();
        o.add(o.model("x"), o.model("y"), 1, 1, -1, 1, null, null);

        TargetFigures r = IterationService.record(o, "t");

        assertThat(r.battles()).isZero();
        assertThat(r.winRate()).isNaN();
    }
}
