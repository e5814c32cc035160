package io.arenainstruct.studio.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.arenainstruct.studio.domain.ratings.Leaderboard;
import io.arenainstruct.studio.domain.ratings.RatingOptions;
import io.arenainstruct.studio.domain.ratings.RatingSource;
import io.arenainstruct.studio.domain.ratings.StyleCoefficient;
import io.arenainstruct.studio.domain.ratings.WinRates;
import io.arenainstruct.studio.service.workspace.Workspace;

/**
 * The figures of {@code ratings} on 500 Chatbot-Arena rows among six models (src/test/resources/ratings/battles.jsonl,
 * a planted length effect, ties and both-bad votes) against those worked out independently by numpy and scipy
 * (expected.py there, with token counts by js-tiktoken): Bradley–Terry ratings, sandwich intervals, online Elo, the
 * observed win rates, and the style-controlled ratings and coefficients.
 */
class RatingsCrossCheckTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path tmp;

    static Path store;
    static JsonNode expected;

    @BeforeAll
    static void importTheRows() throws IOException {
        Path file = tmp.resolve("battles.jsonl");
        try (InputStream in = RatingsCrossCheckTest.class.getResourceAsStream("/ratings/battles.jsonl");
                InputStream exp = RatingsCrossCheckTest.class.getResourceAsStream("/ratings/expected.json")) {
            Files.copy(in, file);
            expected = JSON.readTree(exp);
        }
        store = tmp.resolve("store");
        CliRun imported = CliRun.on(store, "battles", "import", file);
        assertThat(imported.code()).as(imported.out() + imported.err()).isZero();
    }

    private static Map<String, JsonNode> byModel(CliRun run) throws IOException {
        assertThat(run.code()).as(run.err()).isZero();
        Map<String, JsonNode> out = new HashMap<>();
        for (JsonNode row : JSON.readTree(run.out())) {
            out.put(row.get("model").asText(), row);
        }
        assertThat(out).hasSize(expected.get("models").size());
        return out;
    }

    private static Iterable<Map.Entry<String, JsonNode>> models() {
        return () -> expected.get("models").fields();
    }

    @Test
    void ratingsSandwichIntervalsAndEloAreTheIndependentOnes() throws IOException {
        Map<String, JsonNode> got =
                byModel(CliRun.on(store, "ratings", "--source", "imported", "--ci", "sandwich", "--json"));

        for (Map.Entry<String, JsonNode> e : models()) {
            JsonNode want = e.getValue();
            JsonNode row = got.get(e.getKey());
            assertThat(row.get("rating").asDouble())
                    .as(e.getKey())
                    .isCloseTo(want.get("rating").asDouble(), within(1e-3));
            assertThat(row.get("ci_low").asDouble())
                    .as(e.getKey())
                    .isCloseTo(want.get("sandwich_low").asDouble(), within(1e-3));
            assertThat(row.get("ci_high").asDouble())
                    .as(e.getKey())
                    .isCloseTo(want.get("sandwich_high").asDouble(), within(1e-3));
            assertThat(row.get("elo").asDouble())
                    .as(e.getKey())
                    .isCloseTo(want.get("elo").asDouble(), within(1e-6));
            assertThat(row.get("wins").asInt())
                    .as(e.getKey())
                    .isEqualTo(want.get("wins").asInt());
            assertThat(row.get("ties").asInt())
                    .as(e.getKey())
                    .isEqualTo(want.get("ties").asInt());
        }
        // lmarena's rank, by hand from the expected intervals: one more than the models whose whole interval lies
        // above (falcon-q's low end 1047.1 is above lynx-7b's high end 1030.4; all five above moth-1's 932.6)
        Map<String, Integer> ranks =
                Map.of("falcon-q", 1, "otter-2", 1, "wren-mini", 1, "heron-xl", 1, "lynx-7b", 2, "moth-1", 6);
        ranks.forEach((model, rank) ->
                assertThat(got.get(model).get("rank").asInt()).as(model).isEqualTo(rank));
    }

    @Test
    void styleControlledRatingsAreTheIndependentOnes() throws IOException {
        Map<String, JsonNode> got = byModel(
                CliRun.on(store, "ratings", "--source", "imported", "--style-control", "--bootstrap", "0", "--json"));

        for (Map.Entry<String, JsonNode> e : models()) {
            assertThat(got.get(e.getKey()).get("rating").asDouble())
                    .as(e.getKey())
                    .isCloseTo(e.getValue().get("style_rating").asDouble(), within(1e-3));
        }
        // the planted effect: the verbose weak model drops from near the top to fifth of six
        assertThat(got.get("heron-xl").get("rating").asDouble()).isLessThan(950);
    }

    @Test
    void styleCoefficientsAndWinRatesAreTheIndependentOnes() {
        try (Workspace ws = Workspace.open(store)) {
            RatingOptions options = RatingOptions.defaults().withSource(RatingSource.IMPORTED);
            Leaderboard styled = ws.ratings().compute(options.withStyleControl(true));
            Leaderboard plain = ws.ratings().compute(options);

            JsonNode coefficients = expected.get("style_coefficients");
            assertThat(styled.style())
                    .extracting(StyleCoefficient::feature)
                    .containsExactly("length", "headers", "lists", "bold");
            for (StyleCoefficient c : styled.style()) {
                assertThat(c.beta())
                        .as(c.feature())
                        .isCloseTo(coefficients.get(c.feature()).asDouble(), within(1e-4));
            }
            assertThat(styled.withoutText()).isZero();

            WinRates rates = plain.winRates();
            List<String> names = rates.models();
            int compared = 0;
            for (Map.Entry<String, JsonNode> e : models()) {
                int i = names.indexOf(e.getKey());
                Iterator<Map.Entry<String, JsonNode>> against =
                        e.getValue().get("win_rate").fields();
                while (against.hasNext()) {
                    Map.Entry<String, JsonNode> o = against.next();
                    int j = names.indexOf(o.getKey());
                    assertThat(rates.observed()[i][j])
                            .as(e.getKey() + " against " + o.getKey())
                            .isCloseTo(o.getValue().asDouble(), within(1e-8));
                    compared++;
                }
            }
            assertThat(compared).isEqualTo(30);
            assertThat(plain.observations())
                    .isEqualTo(expected.get("observations").asInt());
        }
    }
}
