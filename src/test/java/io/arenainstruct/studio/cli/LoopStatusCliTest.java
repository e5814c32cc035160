package io.arenainstruct.studio.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.arenainstruct.studio.domain.arena.GradedLabel;
import io.arenainstruct.studio.service.ratings.RatingsFixture;
import io.arenainstruct.studio.service.workspace.Workspace;

/**
 * {@code loop status} and {@code loop start} on four battles of target against other, one judge game each: target
 * wins 3 and loses 1, so P = 3/4, a gap of 400 · log10(3) = 190.849 and a rating of 1095.424 centred on 1000; it
 * won 3 of 4 battles, 75% (worked out by hand).
 */
class LoopStatusCliTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path tmp;

    private Path store() {
        Path store = tmp.resolve("store");
        try (Workspace ws = Workspace.open(store)) {
            RatingsFixture f = new RatingsFixture(ws);
            GradedLabel[] games = {
                GradedLabel.A_BETTER, GradedLabel.A_BETTER, GradedLabel.A_BETTER, GradedLabel.B_BETTER
            };
            for (int i = 0; i < games.length; i++) {
                long b = f.battle("Q" + i, "target", "answer " + i, "other", "other answer " + i, "Code");
                f.game(b, "judge", 1, games[i], i);
            }
        }
        return store;
    }

    private static JsonNode json(CliRun run) throws IOException {
        assertThat(run.code()).as(run.err()).isZero();
        return JSON.readTree(run.out());
    }

    private static List<String> names(JsonNode object) {
        List<String> out = new ArrayList<>();
        object.fieldNames().forEachRemaining(out::add);
        return out;
    }

    @Test
    void statusJsonHasTheIterationsAndAnEmptyProposalList() throws IOException {
        Path store = store();

        JsonNode got = json(CliRun.on(store, "loop", "status", "--json", "--target", "target"));

        assertThat(names(got)).containsExactly("target", "iterations", "proposals");
        assertThat(got.get("target").asText()).isEqualTo("target");
        assertThat(got.get("proposals").isArray()).isTrue();
        assertThat(got.get("proposals")).isEmpty();
        assertThat(got.get("iterations")).hasSize(1);
        JsonNode first = got.get("iterations").get(0);
        assertThat(names(first))
                .contains(
                        "number",
                        "started_at",
                        "runs",
                        "battles",
                        "human_verdicts",
                        "target_rating",
                        "target_ci_low",
                        "target_ci_high",
                        "target_win_rate");
        assertThat(first.get("number").asInt()).isEqualTo(1);
        assertThat(first.get("runs").asLong()).isZero();
        assertThat(first.get("battles").asLong()).isEqualTo(4);
        assertThat(first.get("human_verdicts").asLong()).isZero();
        assertThat(first.get("target_rating").asDouble()).isCloseTo(1095.424, within(0.001));
        assertThat(first.get("target_ci_low").isNumber()).isTrue();
        assertThat(first.get("target_ci_high").isNumber()).isTrue();
        assertThat(first.get("target_win_rate").asDouble()).isCloseTo(0.75, within(1e-12));
    }

    @Test
    void startMakesTheNextIterationWhoseTargetStatusThenFollows() throws IOException {
        Path store = store();

        CliRun started = CliRun.on(store, "loop", "start", "--target", "target", "--note", "more code");
        assertThat(started.code()).as(started.err()).isZero();
        assertThat(started.out()).contains("Started iteration 2").contains("target target");

        // no --target: the newest iteration's
        JsonNode got = json(CliRun.on(store, "loop", "status", "--json"));
        assertThat(got.get("target").asText()).isEqualTo("target");
        JsonNode iterations = got.get("iterations");
        assertThat(iterations).hasSize(2);
        assertThat(iterations.get(0).get("battles").asLong()).isEqualTo(4);
        assertThat(iterations.get(0).get("target_rating").asDouble()).isCloseTo(1095.424, within(0.001));
        JsonNode second = iterations.get(1);
        assertThat(second.get("number").asInt()).isEqualTo(2);
        assertThat(second.get("target_model").asText()).isEqualTo("target");
        assertThat(second.get("note").asText()).isEqualTo("more code");
        assertThat(second.get("battles").asLong()).isZero();
        assertThat(second.get("target_rating").isNull()).isTrue();
        assertThat(second.get("target_win_rate").isNull()).isTrue();

        CliRun table = CliRun.on(store, "loop", "status");
        assertThat(table.code()).as(table.err()).isZero();
        List<String> lines = table.out().lines().toList();
        assertThat(lines.get(0)).contains("iteration", "started", "runs", "battles", "human verdicts", "win rate");
        assertThat(lines.get(1)).contains("1095.4").contains("75.0%");
        assertThat(lines.get(2).strip()).startsWith("2").endsWith("-");
    }

    @Test
    void startNeedsATarget() throws IOException {
        Path store = store();

        CliRun run = CliRun.on(store, "loop", "start");

        assertThat(run.code()).isEqualTo(Cli.USAGE);
        assertThat(run.err()).contains("--target");
        assertThat(json(CliRun.on(store, "loop", "status", "--json")).get("iterations"))
                .hasSize(1);
    }
}
