package io.arenainstruct.studio.service.ratings;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;

import io.arenainstruct.studio.domain.ratings.CategoryWinRate;
import io.arenainstruct.studio.domain.ratings.CiMethod;
import io.arenainstruct.studio.domain.ratings.Leaderboard;
import io.arenainstruct.studio.domain.ratings.ModelRating;
import io.arenainstruct.studio.domain.ratings.RatingFlag;
import io.arenainstruct.studio.domain.ratings.RatingOptions;
import io.arenainstruct.studio.domain.ratings.TargetWinRate;
import io.arenainstruct.studio.domain.ratings.WinRates;

class RatingsCalculatorTest {
    static final Instant NOW = Instant.parse("2026-12-07T00:00:00Z");

    /** Adds {@code times} observations of a against b with a's score, in category "general". */
    static void add(Observations obs, String a, String b, double score, int times) {
        add(obs, a, b, score, times, "general");
    }

    static void add(Observations obs, String a, String b, double score, int times, String category) {
        for (int i = 0; i < times; i++) {
            obs.add(obs.model(a), obs.model(b), score, 1, obs.category(category), obs.size(), null, null);
        }
    }

    static Map<String, ModelRating> byModel(Leaderboard board) {
        return board.ratings().stream().collect(Collectors.toMap(ModelRating::model, Function.identity()));
    }

    static RatingOptions options(CiMethod ci, RatingOptions.Anchor anchor) {
        RatingOptions d = RatingOptions.defaults();
        return new RatingOptions(
                d.source(),
                d.strongWeight(),
                d.bothBadAsTie(),
                d.bootstrap(),
                d.seed(),
                ci,
                d.styleControl(),
                d.styleLambda(),
                anchor,
                d.category(),
                d.target());
    }

    /** The worked example of Wikipedia's Bradley–Terry article: 22 games among four teams. */
    static Observations wikipedia() {
        Observations obs = new Observations();
        add(obs, "A", "B", 1, 2);
        add(obs, "A", "B", 0, 3);
        add(obs, "A", "D", 1, 1);
        add(obs, "A", "D", 0, 4);
        add(obs, "B", "C", 1, 5);
        add(obs, "B", "C", 0, 3);
        add(obs, "C", "D", 1, 1);
        add(obs, "C", "D", 0, 3);
        return obs;
    }

    /** 3 wins, 1 loss, 2 ties of A against B. */
    static Observations twoModelsWithTies() {
        Observations obs = new Observations();
        add(obs, "A", "B", 1, 3);
        add(obs, "A", "B", 0, 1);
        add(obs, "B", "A", 0.5, 2);
        return obs;
    }

    @Test
    void wikipediaExampleStrengthsToThreeDecimals() {
        Leaderboard board = RatingsCalculator.compute(wikipedia(), RatingOptions.defaults(), NOW);
        Map<String, ModelRating> r = byModel(board);
        // centred on 1000 is a geometric mean of 1: strength = exp((rating − 1000)·ln10/400)
        Map<String, Double> expected = Map.of("A", 0.640, "B", 1.043, "C", 0.660, "D", 2.270);
        expected.forEach((model, strength) -> assertThat(Math.exp((r.get(model).rating() - 1000) * Math.log(10) / 400))
                .as(model)
                .isCloseTo(strength, within(0.0005)));
        assertThat(board.ratings()).extracting(ModelRating::model).containsExactly("D", "B", "C", "A");
        assertThat(board.observations()).isEqualTo(22);
        assertThat(board.battles()).isEqualTo(22);
        assertThat(r.get("A").wins()).isEqualTo(3);
        assertThat(r.get("A").losses()).isEqualTo(7);
        assertThat(r.get("A").observations()).isEqualTo(10);
        assertThat(r.get("A").flags()).containsExactly(RatingFlag.FEW_BATTLES);
        assertThat(board.problems())
                .containsExactly("Fewer than 20 verdicts behind D, B, C, A: an interval on so few means little.");
    }

    @Test
    void tiesCountHalfEachWay() {
        // A's points 3 + 2·½ = 4 of 6: P(A>B) = 2/3, odds 2, so 400·log10(2) = 120.412 apart around 1000
        Map<String, ModelRating> r =
                byModel(RatingsCalculator.compute(twoModelsWithTies(), RatingOptions.defaults(), NOW));
        assertThat(r.get("A").rating()).isCloseTo(1060.206, within(0.001));
        assertThat(r.get("B").rating()).isCloseTo(939.794, within(0.001));
        assertThat(r.get("A").ties()).isEqualTo(2);
        assertThat(r.get("B").wins()).isEqualTo(1);
    }

    @Test
    void aStrongVerdictCountsItsWeight() {
        // A beats B once with weight 2, B beats A once: A's points 2 of 3, the same odds as above
        Observations obs = new Observations();
        obs.add(obs.model("A"), obs.model("B"), 1, 2, -1, 1, null, null);
        obs.add(obs.model("B"), obs.model("A"), 1, 1, -1, 2, null, null);
        Map<String, ModelRating> r = byModel(RatingsCalculator.compute(obs, RatingOptions.defaults(), NOW));
        assertThat(r.get("A").rating()).isCloseTo(1060.206, within(0.001));
        assertThat(r.get("A").observations()).isEqualTo(2);
        assertThat(r.get("A").wins()).isEqualTo(1);
    }

    @Test
    void anchorFixesOneModel() {
        Leaderboard board = RatingsCalculator.compute(
                twoModelsWithTies(), options(CiMethod.BOOTSTRAP, new RatingOptions.Anchor("B", 1200)), NOW);
        Map<String, ModelRating> r = byModel(board);
        assertThat(r.get("B").rating()).isEqualTo(1200);
        assertThat(r.get("A").rating()).isCloseTo(1320.412, within(0.001));
        // the anchor has no uncertainty of its own
        assertThat(r.get("B").ciLow()).isCloseTo(1200, within(1e-9));
        assertThat(r.get("B").ciHigh()).isCloseTo(1200, within(1e-9));
    }

    @Test
    void anAnchorOutsideTheMainGroupIsAProblem() {
        Observations obs = wikipedia();
        add(obs, "X", "Y", 1, 1);
        assertThatThrownBy(() -> RatingsCalculator.compute(
                        obs, options(CiMethod.BOOTSTRAP, new RatingOptions.Anchor("X", 1200)), NOW))
                .isInstanceOf(RatingsProblem.class)
                .hasMessageContaining("X was never compared with the main group");
    }

    @Test
    void noBootstrapRoundsNoInterval() {
        RatingOptions d = RatingOptions.defaults();
        RatingOptions none = new RatingOptions(
                d.source(),
                d.strongWeight(),
                d.bothBadAsTie(),
                0,
                d.seed(),
                d.ci(),
                false,
                d.styleLambda(),
                null,
                null,
                null);
        Leaderboard board = RatingsCalculator.compute(wikipedia(), none, NOW);
        assertThat(board.ratings()).allSatisfy(m -> {
            assertThat(m.rating()).isFinite();
            assertThat(m.ciLow()).isNaN();
            assertThat(m.ciHigh()).isNaN();
        });
    }

    @Test
    void unknownAnchorIsAProblem() {
        assertThatThrownBy(() -> RatingsCalculator.compute(
                        twoModelsWithTies(), options(CiMethod.BOOTSTRAP, new RatingOptions.Anchor("gpt-9", 1200)), NOW))
                .isInstanceOf(RatingsProblem.class)
                .hasMessageContaining("No model named gpt-9");
        assertThatThrownBy(() -> RatingsCalculator.compute(
                        twoModelsWithTies(),
                        options(CiMethod.BOOTSTRAP, new RatingOptions.Anchor("A", Double.NaN)),
                        NOW))
                .isInstanceOf(RatingsProblem.class)
                .hasMessageContaining("must be a number");
    }

    @Test
    void disconnectedModelsHaveNoRating() {
        Observations obs = wikipedia();
        add(obs, "X", "Y", 1, 2);
        add(obs, "X", "Y", 0, 1);
        Leaderboard board = RatingsCalculator.compute(obs, RatingOptions.defaults(), NOW);
        Map<String, ModelRating> r = byModel(board);
        for (String m : List.of("X", "Y")) {
            assertThat(r.get(m).flags()).contains(RatingFlag.DISCONNECTED);
            assertThat(r.get(m).rating()).isNaN();
            assertThat(r.get(m).ciLow()).isNaN();
            assertThat(r.get(m).elo()).isNaN();
        }
        assertThat(board.ratings()).extracting(ModelRating::model).containsExactly("D", "B", "C", "A", "X", "Y");
        // the main group's figures are the Wikipedia example's, untouched
        assertThat(Math.exp((r.get("D").rating() - 1000) * Math.log(10) / 400)).isCloseTo(2.270, within(0.0005));
        assertThat(board.problems())
                .anySatisfy(p -> assertThat(p).contains("X, Y").contains("without a rating"));
        assertThat(board.winRates().predicted()[4][0]).isNaN();
        assertThat(board.winRates().observed()[4][5]).isCloseTo(2.0 / 3, within(1e-12));
    }

    @Test
    void aModelThatWonEverythingIsFlaggedAndFinite() {
        Observations obs = new Observations();
        add(obs, "A", "B", 1, 5);
        add(obs, "A", "C", 1, 3);
        add(obs, "B", "C", 1, 4);
        add(obs, "B", "C", 0, 2);
        for (CiMethod ci : CiMethod.values()) {
            Leaderboard board = RatingsCalculator.compute(obs, options(ci, null), NOW);
            Map<String, ModelRating> r = byModel(board);
            assertThat(r.get("A").flags()).contains(RatingFlag.UNBOUNDED);
            assertThat(r.get("B").flags()).doesNotContain(RatingFlag.UNBOUNDED);
            assertThat(r.get("C").flags()).doesNotContain(RatingFlag.UNBOUNDED);
            for (ModelRating m : board.ratings()) {
                assertThat(m.rating()).isFinite();
            }
            // a bound has no interval; B and C, who traded wins, keep theirs
            assertThat(r.get("A").ciLow()).isNaN();
            assertThat(r.get("A").ciHigh()).isNaN();
            for (String m : List.of("B", "C")) {
                assertThat(r.get(m).ciLow()).isFinite();
                assertThat(r.get(m).ciHigh()).isFinite();
            }
            assertThat(board.ratings().get(0).model()).isEqualTo("A");
            assertThat(r.get("B").rating()).isGreaterThan(r.get("C").rating());
            assertThat(board.problems())
                    .anySatisfy(p -> assertThat(p).contains("only a bound").endsWith("A."));
            // the ridge keeps the bound within reach of a chart: under 2,000 points above B
            assertThat(r.get("A").rating() - r.get("B").rating()).isBetween(200.0, 2000.0);
        }
    }

    @Test
    void theSameSeedRepeatsAndAnotherMovesTheIntervals() {
        Observations obs = wikipedia();
        Leaderboard first = RatingsCalculator.compute(obs, RatingOptions.defaults(), NOW);
        Leaderboard again = RatingsCalculator.compute(obs, RatingOptions.defaults(), NOW);
        assertThat(again.ratings()).isEqualTo(first.ratings());
        RatingOptions d = RatingOptions.defaults();
        RatingOptions other = new RatingOptions(
                d.source(),
                d.strongWeight(),
                d.bothBadAsTie(),
                d.bootstrap(),
                7,
                d.ci(),
                d.styleControl(),
                d.styleLambda(),
                null,
                null,
                null);
        Leaderboard moved = RatingsCalculator.compute(obs, other, NOW);
        assertThat(moved.ratings())
                .extracting(ModelRating::rating)
                .isEqualTo(first.ratings().stream().map(ModelRating::rating).toList());
        assertThat(moved.ratings())
                .extracting(ModelRating::ciLow)
                .isNotEqualTo(first.ratings().stream().map(ModelRating::ciLow).toList());
    }

    @Test
    void bootstrapIntervalsSurroundTheRating() {
        Leaderboard board = RatingsCalculator.compute(wikipedia(), RatingOptions.defaults(), NOW);
        for (ModelRating m : board.ratings()) {
            assertThat(m.ciLow()).isLessThan(m.rating());
            assertThat(m.ciHigh()).isGreaterThan(m.rating());
        }
    }

    @Test
    void sandwichMatchesTheClosedFormForTwoModels() {
        // Two models, d = s_A − s_B, p = σ(d) = 2/3 (3 wins, 1 loss, 2 ties). Per observation the score's
        // gradient is y − p: J = Σ(y − p)² = 3(1/3)² + (2/3)² + 2(1/6)² = 5/6, H = n p(1 − p) = 6·2/9 = 4/3.
        // Var(d) = J/H²; centred, s_A = d/2, so SE(rating A) = 400/ln10 · √(J)/(2H).
        double j = 5.0 / 6;
        double h = 4.0 / 3;
        double half = 1.959963984540054 * 400 / Math.log(10) * Math.sqrt(j) / (2 * h);
        Map<String, ModelRating> r =
                byModel(RatingsCalculator.compute(twoModelsWithTies(), options(CiMethod.SANDWICH, null), NOW));
        assertThat(r.get("A").ciHigh() - r.get("A").rating()).isCloseTo(half, within(1e-6));
        assertThat(r.get("A").rating() - r.get("A").ciLow()).isCloseTo(half, within(1e-6));
        assertThat(r.get("B").ciHigh() - r.get("B").rating()).isCloseTo(half, within(1e-6));
        // anchored on B, A's interval is that of the whole difference: twice as wide, B's is empty
        Map<String, ModelRating> anchored = byModel(RatingsCalculator.compute(
                twoModelsWithTies(), options(CiMethod.SANDWICH, new RatingOptions.Anchor("B", 1000)), NOW));
        assertThat(anchored.get("A").ciHigh() - anchored.get("A").rating()).isCloseTo(2 * half, within(1e-6));
        assertThat(anchored.get("B").ciHigh() - anchored.get("B").rating()).isCloseTo(0, within(1e-6));
    }

    @Test
    void winRatesObservedAndPredicted() {
        Leaderboard board = RatingsCalculator.compute(twoModelsWithTies(), RatingOptions.defaults(), NOW);
        WinRates w = board.winRates();
        assertThat(w.models()).containsExactly("A", "B");
        assertThat(w.games()[0][1]).isEqualTo(6);
        assertThat(w.wins()[0][1]).isEqualTo(3);
        assertThat(w.wins()[1][0]).isEqualTo(1);
        assertThat(w.ties(0, 1)).isEqualTo(2);
        assertThat(w.observed()[0][1]).isCloseTo(4.0 / 6, within(1e-12));
        assertThat(w.observed()[1][0]).isCloseTo(2.0 / 6, within(1e-12));
        assertThat(w.predicted()[0][1]).isCloseTo(2.0 / 3, within(1e-9));
        assertThat(w.observed()[0][0]).isNaN();
    }

    @Test
    void categoryRatesOnlyItsVerdictsAndTheBreakdownCoversAll() {
        Observations obs = new Observations();
        add(obs, "A", "B", 1, 3, "coding");
        add(obs, "A", "B", 0, 1, "coding");
        add(obs, "A", "B", 0, 3, "writing");
        add(obs, "A", "C", 1, 2, "writing");
        RatingOptions coding = RatingOptions.defaults().withCategory("coding");
        Leaderboard board = RatingsCalculator.compute(obs, coding, NOW);
        assertThat(board.observations()).isEqualTo(4);
        assertThat(board.ratings()).extracting(ModelRating::model).containsExactly("A", "B");
        // 3 to 1: 400·log10(3) = 190.849 apart
        Map<String, ModelRating> r = byModel(board);
        assertThat(r.get("A").rating() - r.get("B").rating()).isCloseTo(190.849, within(0.001));
        assertThat(board.categories())
                .containsExactly(
                        new CategoryWinRate("coding", "A", 0.75, 4),
                        new CategoryWinRate("coding", "B", 0.25, 4),
                        new CategoryWinRate("writing", "A", 0.4, 5),
                        new CategoryWinRate("writing", "B", 1.0, 3),
                        new CategoryWinRate("writing", "C", 0.0, 2));
        assertThatThrownBy(() ->
                        RatingsCalculator.compute(obs, RatingOptions.defaults().withCategory("math"), NOW))
                .isInstanceOf(RatingsProblem.class)
                .hasMessageContaining("math");
    }

    @Test
    void targetAgainstEachCompetitor() {
        Observations obs = new Observations();
        add(obs, "T", "B", 1, 3);
        add(obs, "B", "T", 1, 1);
        add(obs, "C", "T", 0.5, 2);
        add(obs, "B", "C", 1, 2);
        Leaderboard board =
                RatingsCalculator.compute(obs, RatingOptions.defaults().withTarget("T"), NOW);
        Map<String, TargetWinRate> t =
                board.target().stream().collect(Collectors.toMap(TargetWinRate::competitor, Function.identity()));
        assertThat(t).containsOnlyKeys("B", "C");
        assertThat(t.get("B")).isEqualTo(new TargetWinRate("B", 3, 1, 0, 0.75));
        assertThat(t.get("C")).isEqualTo(new TargetWinRate("C", 0, 0, 2, 0.5));
        // a target not among the models rated: the leaderboard with a note, not an error
        Leaderboard noTarget =
                RatingsCalculator.compute(obs, RatingOptions.defaults().withTarget("Z"), NOW);
        assertThat(noTarget.target()).isEmpty();
        assertThat(noTarget.ratings()).extracting(ModelRating::model).containsExactlyInAnyOrder("T", "B", "C");
        assertThat(noTarget.problems()).contains("Z has no verdicts in what was rated: no target figures.");
    }

    @Test
    void aTargetOnlyAnotherCategoryHasGetsANoteAndTheRatings() {
        Observations obs = new Observations();
        add(obs, "A", "B", 1, 2, "coding");
        add(obs, "A", "B", 0, 1, "coding");
        add(obs, "T", "A", 1, 1, "writing");
        Leaderboard board = RatingsCalculator.compute(
                obs, RatingOptions.defaults().withCategory("coding").withTarget("T"), NOW);
        assertThat(board.target()).isEmpty();
        assertThat(board.problems()).contains("T has no verdicts in what was rated: no target figures.");
        // A scored 2 of 3 against B: P = 2/3, 400·log10(2) = 120.412 points apart
        Map<String, ModelRating> r = byModel(board);
        assertThat(r.get("A").rating() - r.get("B").rating()).isCloseTo(400 * Math.log10(2), within(1e-6));
    }

    /**
     * Two models, A beat B five times: the likelihood grows without end as they move apart, so neither rating is more
     * than a bound, and an interval around either (the ridge's, not the data's) would claim a precision there is not.
     */
    @Test
    void twoModelsFiveNilAreBothBoundsWithoutAnInterval() {
        Observations obs = new Observations();
        add(obs, "A", "B", 1, 5);
        for (CiMethod ci : CiMethod.values()) {
            Leaderboard board = RatingsCalculator.compute(obs, options(ci, null), NOW);
            assertThat(board.ratings()).extracting(ModelRating::model).containsExactly("A", "B");
            for (ModelRating m : board.ratings()) {
                assertThat(m.flags()).as(m.model()).contains(RatingFlag.UNBOUNDED);
                assertThat(m.rating()).isFinite();
                assertThat(m.ciLow()).isNaN();
                assertThat(m.ciHigh()).isNaN();
            }
            assertThat(board.problems())
                    .contains("Some models won or lost every comparison with the rest, so the verdicts do not pin"
                            + " these ratings down; each is only a bound, without an interval: A, B.");
        }
    }

    /** A beat B and C, B beat C, every time: three strongly connected groups of one, none the reference. */
    @Test
    void aChainOfClearWinsIsAllBounds() {
        Observations obs = new Observations();
        add(obs, "A", "B", 1, 10);
        add(obs, "B", "C", 1, 10);
        add(obs, "A", "C", 1, 10);
        for (CiMethod ci : CiMethod.values()) {
            Leaderboard board = RatingsCalculator.compute(obs, options(ci, null), NOW);
            assertThat(board.ratings()).extracting(ModelRating::model).containsExactly("A", "B", "C");
            for (ModelRating m : board.ratings()) {
                assertThat(m.flags()).as(m.model()).contains(RatingFlag.UNBOUNDED);
                assertThat(m.ciLow()).isNaN();
                assertThat(m.ciHigh()).isNaN();
            }
            assertThat(board.problems()).anySatisfy(p -> assertThat(p).endsWith("without an interval: A, B, C."));
        }
    }

    /**
     * The Wikipedia example's four teams (each won and lost against another: one strongly connected group) plus Z, who
     * lost all five of its games: only Z is a bound; the four keep their intervals.
     */
    @Test
    void aStronglyConnectedCoreAndAModelThatLostEverythingFlagOnlyThatModel() {
        Observations obs = wikipedia();
        add(obs, "A", "Z", 1, 3);
        add(obs, "Z", "B", 0, 2);
        for (CiMethod ci : CiMethod.values()) {
            Leaderboard board = RatingsCalculator.compute(obs, options(ci, null), NOW);
            Map<String, ModelRating> r = byModel(board);
            assertThat(r.get("Z").flags()).contains(RatingFlag.UNBOUNDED);
            assertThat(r.get("Z").ciLow()).isNaN();
            assertThat(r.get("Z").ciHigh()).isNaN();
            for (String m : List.of("A", "B", "C", "D")) {
                assertThat(r.get(m).flags()).as(m).doesNotContain(RatingFlag.UNBOUNDED);
                assertThat(r.get(m).ciLow()).as(m).isFinite();
                assertThat(r.get(m).ciHigh()).as(m).isFinite();
            }
            assertThat(board.ratings().get(board.ratings().size() - 1).model()).isEqualTo("Z");
            assertThat(board.problems()).anySatisfy(p -> assertThat(p).endsWith("without an interval: Z."));
        }
    }

    /**
     * The same core and Z, anchored: on a core model only Z is a bound; on Z every rating is measured from a place
     * the verdicts do not fix, so every one is a bound.
     */
    @Test
    void anAnchorThatIsOnlyABoundMakesEveryRatingABound() {
        Observations obs = wikipedia();
        add(obs, "A", "Z", 1, 3);
        add(obs, "Z", "B", 0, 2);
        Leaderboard onCore =
                RatingsCalculator.compute(obs, options(CiMethod.SANDWICH, new RatingOptions.Anchor("B", 1200)), NOW);
        assertThat(onCore.ratings())
                .filteredOn(m -> m.flags().contains(RatingFlag.UNBOUNDED))
                .extracting(ModelRating::model)
                .containsExactly("Z");
        Leaderboard onZ =
                RatingsCalculator.compute(obs, options(CiMethod.SANDWICH, new RatingOptions.Anchor("Z", 1000)), NOW);
        Map<String, ModelRating> r = byModel(onZ);
        assertThat(r.get("Z").rating()).isEqualTo(1000);
        for (ModelRating m : onZ.ratings()) {
            assertThat(m.flags()).as(m.model()).contains(RatingFlag.UNBOUNDED);
            assertThat(m.ciLow()).as(m.model()).isNaN();
            assertThat(m.ciHigh()).as(m.model()).isNaN();
        }
        assertThat(onZ.problems())
                .anySatisfy(p -> assertThat(p)
                        .startsWith("The verdicts do not pin the anchor Z down against the others")
                        .endsWith("without an interval: D, B, C, A, Z."));
    }

    /** Two groups of two never compared, each 1–1: as large, as many verdicts, so the first by name (not by order). */
    @Test
    void equallyLargeGroupsWithAsManyVerdictsRateTheFirstByName() {
        Observations obs = new Observations();
        add(obs, "c", "d", 1, 1);
        add(obs, "c", "d", 0, 1);
        add(obs, "a", "b", 1, 1);
        add(obs, "a", "b", 0, 1);
        Leaderboard board = RatingsCalculator.compute(obs, RatingOptions.defaults(), NOW);
        Map<String, ModelRating> r = byModel(board);
        // a and b split their two games: both 1000
        assertThat(r.get("a").rating()).isCloseTo(1000, within(1e-9));
        assertThat(r.get("b").rating()).isCloseTo(1000, within(1e-9));
        assertThat(r.get("c").rating()).isNaN();
        assertThat(r.get("d").flags()).contains(RatingFlag.DISCONNECTED);
        assertThat(board.problems())
                .contains("No single main group: a, b were never compared with c, d; rated a, b (as many verdicts as"
                        + " another group as large; the first by name); not rated c, d.");
    }

    /** Two groups of two never compared: the one with more verdicts is rated, though it comes later by name. */
    @Test
    void equallyLargeGroupsRateTheOneWithTheMostVerdicts() {
        Observations obs = new Observations();
        add(obs, "a", "b", 1, 1);
        add(obs, "a", "b", 0, 1);
        add(obs, "c", "d", 1, 2);
        add(obs, "c", "d", 0, 1);
        Leaderboard board = RatingsCalculator.compute(obs, RatingOptions.defaults(), NOW);
        Map<String, ModelRating> r = byModel(board);
        // c scored 2 of 3 against d: 400·log10(2) = 120.412 apart, centred on 1000
        assertThat(r.get("c").rating()).isCloseTo(1000 + 200 * Math.log10(2), within(1e-6));
        assertThat(r.get("d").rating()).isCloseTo(1000 - 200 * Math.log10(2), within(1e-6));
        assertThat(r.get("a").rating()).isNaN();
        assertThat(r.get("b").rating()).isNaN();
        assertThat(board.problems())
                .contains("No single main group: c, d were never compared with a, b; rated c, d (the group with the"
                        + " most verdicts); not rated a, b.");
    }

    @Test
    void leftOutVerdictsAreSaid() {
        Observations obs = twoModelsWithTies();
        obs.countBothBadLeftOut();
        obs.countBothBadLeftOut();
        obs.countEditedLeftOut();
        List<String> problems =
                RatingsCalculator.compute(obs, RatingOptions.defaults(), NOW).problems();
        assertThat(problems).anySatisfy(p -> assertThat(p).startsWith("2 both-bad verdicts left out"));
        assertThat(problems).anySatisfy(p -> assertThat(p).startsWith("1 vote for an answer edited first"));
    }

    @Test
    void styleControlWithoutAnyTextIsAProblem() {
        assertThatThrownBy(() -> RatingsCalculator.compute(
                        twoModelsWithTies(), RatingOptions.defaults().withStyleControl(true), NOW))
                .isInstanceOf(RatingsProblem.class)
                .hasMessageContaining("text");
    }

    /** Asked before each of the 100 bootstrap rounds: cancelled during the fourth, it stops there. */
    @Test
    void aCancelledComputationStopsBetweenBootstrapRounds() {
        AtomicInteger asked = new AtomicInteger();
        assertThatThrownBy(() -> RatingsCalculator.compute(
                        wikipedia(), RatingOptions.defaults(), NOW, () -> asked.incrementAndGet() > 3))
                .isInstanceOf(CancellationException.class);
        assertThat(asked).hasValue(4);
        // never cancelled: asked once per round, and the figures come
        AtomicInteger rounds = new AtomicInteger();
        RatingsCalculator.compute(wikipedia(), RatingOptions.defaults(), NOW, () -> rounds.incrementAndGet() < 0);
        assertThat(rounds).hasValue(RatingOptions.DEFAULT_BOOTSTRAP);
    }

    @Test
    void noObservationsIsAProblem() {
        assertThatThrownBy(() -> RatingsCalculator.compute(new Observations(), RatingOptions.defaults(), NOW))
                .isInstanceOf(RatingsProblem.class)
                .hasMessageStartingWith("No verdicts to rate");
    }

    @Test
    void onlineEloOnAHandWorkedSequence() {
        // A beats B: both expected ½, so A 1002, B 998. Then B beats A: B expected 1/(1 + 10^(4/400)) = 0.494244,
        // so B gains 4·0.505756 = 2.023025: A 999.976975, B 1000.023025.
        Observations obs = new Observations();
        add(obs, "A", "B", 1, 1);
        add(obs, "B", "A", 1, 1);
        Map<String, ModelRating> r = byModel(RatingsCalculator.compute(obs, RatingOptions.defaults(), NOW));
        assertThat(r.get("A").elo()).isCloseTo(999.976975, within(1e-6));
        assertThat(r.get("B").elo()).isCloseTo(1000.023025, within(1e-6));
        // a verdict of weight 2 is applied twice: A 1002, then expected 0.505756, so + 4·0.494244 = 1003.976975
        Observations weighted = new Observations();
        weighted.add(weighted.model("A"), weighted.model("B"), 1, 2, -1, 1, null, null);
        Map<String, ModelRating> w = byModel(RatingsCalculator.compute(weighted, RatingOptions.defaults(), NOW));
        assertThat(w.get("A").elo()).isCloseTo(1003.976975, within(1e-6));
        assertThat(w.get("B").elo()).isCloseTo(996.023025, within(1e-6));
    }
}
