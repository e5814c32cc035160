package io.arenainstruct.studio.service.ratings;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.time.Instant;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;

import io.arenainstruct.studio.domain.ratings.Leaderboard;
import io.arenainstruct.studio.domain.ratings.ModelRating;
import io.arenainstruct.studio.domain.ratings.RatingOptions;

class RatingsCalculatorTest {
    static final Instant NOW = Instant.parse("2026-12-07T00:00:00Z");

    /** Adds {@code times} observations of a against b with a's score. */
    static void add(Observations obs, String a, String b, double score, int times) {
        for (int i = 0; i < times; i++) {
            obs.add(obs.model(a), obs.model(b), score, 1, obs.category("general"), obs.size(), null, null);
        }
    }

    static Map<String, ModelRating> byModel(Leaderboard board) {
        return board.ratings().stream().collect(Collectors.toMap(ModelRating::model, Function.identity()));
    }

    @Test
    void wikipediaExampleStrengthsToThreeDecimals() {
        // https://en.wikipedia.org/wiki/Bradley–Terry_model, worked example: 22 games among four teams
        Observations obs = new Observations();
        add(obs, "A", "B", 1, 2);
        add(obs, "A", "B", 0, 3);
        add(obs, "A", "D", 1, 1);
        add(obs, "A", "D", 0, 4);
        add(obs, "B", "C", 1, 5);
        add(obs, "B", "C", 0, 3);
        add(obs, "C", "D", 1, 1);
        add(obs, "C", "D", 0, 3);
        Leaderboard board = RatingsCalculator.compute(obs, RatingOptions.defaults(), NOW);
        Map<String, ModelRating> r = byModel(board);
        // centred on 1000 is a geometric mean of 1: strength = exp((rating - 1000) ln10 / 400)
        Map<String, Double> expected = Map.of("A", 0.640, "B", 1.043, "C", 0.660, "D", 2.270);
        expected.forEach((model, strength) -> assertThat(Math.exp((r.get(model).rating() - 1000) * Math.log(10) / 400))
                .as(model)
                .isCloseTo(strength, within(0.0005)));
        assertThat(board.ratings()).extracting(ModelRating::model).containsExactly("D", "B", "C", "A");
        assertThat(board.observations()).isEqualTo(22);
        assertThat(r.get("A").wins()).isEqualTo(3);
        assertThat(r.get("A").losses()).isEqualTo(7);
    }

    @Test
    void tiesCountHalfEachWay() {
        // 3 wins, 1 loss, 2 ties: A's points 4 of 6, so P(A>B) = 2/3 and the odds 2: 400·log10(2) = 120.412 apart
        Observations obs = new Observations();
        add(obs, "A", "B", 1, 3);
        add(obs, "A", "B", 0, 1);
        add(obs, "B", "A", 0.5, 2);
        Map<String, ModelRating> r = byModel(RatingsCalculator.compute(obs, RatingOptions.defaults(), NOW));
        assertThat(r.get("A").rating()).isCloseTo(1060.206, within(0.001));
        assertThat(r.get("B").rating()).isCloseTo(939.794, within(0.001));
        assertThat(r.get("A").ties()).isEqualTo(2);
    }

    @Test
    void noObservationsIsAProblem() {
        assertThatThrownBy(() -> RatingsCalculator.compute(new Observations(), RatingOptions.defaults(), NOW))
                .isInstanceOf(RatingsProblem.class)
                .hasMessageStartingWith("No verdicts to rate");
    }
}
