package io.arenainstruct.studio.cli;

import static io.arenainstruct.studio.service.loop.LoopFixture.INFERENTIAL;
import static io.arenainstruct.studio.service.loop.LoopFixture.LITERAL;
import static io.arenainstruct.studio.service.loop.LoopFixture.SKILL;
import static io.arenainstruct.studio.service.loop.LoopFixture.TARGET;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.arenainstruct.studio.service.loop.LoopFixture;
import io.arenainstruct.studio.service.workspace.Workspace;

/**
 * {@code loop accept} on planted battles of T against O: Inferential understanding 20 battles, T loses 15 (0.75);
 * Literal understanding 20, T loses 5 (0.25); the mean 0.5, so Inferential 1.0 → 1.25 and Literal 1.0 → 0.75.
 */
class LoopAcceptCliTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String WEIGHT_INFERENTIAL = "weight:" + SKILL + "/" + INFERENTIAL;
    private static final String WEIGHT_LITERAL = "weight:" + SKILL + "/" + LITERAL;

    @TempDir
    Path tmp;

    private Path store;

    @BeforeEach
    void plant() {
        store = tmp.resolve("store");
        try (Workspace ws = Workspace.open(store)) {
            new LoopFixture(ws).plantWeights();
        }
    }

    private double weight(String category) {
        try (Workspace ws = Workspace.open(store)) {
            return LoopFixture.weight(ws, category);
        }
    }

    @Test
    void acceptingOneByIdPrintsTheChangeAndStatusShowsBothDecisions() throws Exception {
        CliRun run = CliRun.on(store, "loop", "accept", "--target", TARGET, WEIGHT_LITERAL);

        assertThat(run.code()).as(run.err()).isZero();
        assertThat(run.out().lines())
                .containsExactly(
                        "weight " + SKILL + "/" + LITERAL + " 1.0 → 0.75",
                        "1 proposal accepted, 1 not, recorded in iteration 1.");
        assertThat(weight(LITERAL)).isEqualTo(0.75);
        assertThat(weight(INFERENTIAL)).isEqualTo(1.0);

        // Literal now proposes 0.75 × 0.75 = 0.5625 → 0.56, a new step not decided; Inferential 1.0 → 1.25 passed over
        CliRun status = CliRun.on(store, "loop", "status", "--target", TARGET, "--json");
        assertThat(status.code()).as(status.err()).isZero();
        JsonNode proposals = JSON.readTree(status.out()).get("proposals");
        assertThat(proposals).hasSize(2);
        assertThat(proposals.get(0).get("id").asText()).isEqualTo(WEIGHT_INFERENTIAL);
        assertThat(proposals.get(0).get("accepted").asBoolean(true)).isFalse();
        assertThat(proposals.get(1).get("to").asText()).isEqualTo("0.56");
        assertThat(proposals.get(1).get("accepted").isNull()).isTrue();
    }

    @Test
    void acceptingAllPrintsEachChange() {
        CliRun run = CliRun.on(store, "loop", "accept", "--target", TARGET);

        assertThat(run.code()).as(run.err()).isZero();
        assertThat(run.out().lines())
                .containsExactly(
                        "weight " + SKILL + "/" + INFERENTIAL + " 1.0 → 1.25",
                        "weight " + SKILL + "/" + LITERAL + " 1.0 → 0.75",
                        "2 proposals accepted, 0 not, recorded in iteration 1.");
        assertThat(weight(INFERENTIAL)).isEqualTo(1.25);
    }

    @Test
    void anUnknownIdExitsThreeListingTheIdsAndChangesNothing() {
        CliRun run = CliRun.on(store, "loop", "accept", "--target", TARGET, WEIGHT_LITERAL, "weight:nope/x");

        assertThat(run.code()).isEqualTo(Cli.REJECTED);
        assertThat(run.err())
                .contains("There is no proposal weight:nope/x for T now; the proposals are " + WEIGHT_INFERENTIAL + ", "
                        + WEIGHT_LITERAL + ".");
        assertThat(run.out()).isEmpty();
        try (Workspace ws = Workspace.open(store)) {
            ws.taxonomies()
                    .find(SKILL)
                    .ifPresent(t -> assertThat(t.categories()).allMatch(c -> c.weight() == 1.0));
        }
    }

    @Test
    void nothingToAcceptSaysSo() {
        CliRun run = CliRun.on(store, "loop", "accept", "--target", TARGET, "--min-battles", "21");

        assertThat(run.code()).as(run.err()).isZero();
        assertThat(run.out())
                .startsWith("Nothing to accept: no category has 21 or more decided battles of T (the most is 20).");
    }
}
