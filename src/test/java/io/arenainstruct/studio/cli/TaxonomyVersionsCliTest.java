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
 * {@code taxonomy versions}, {@code taxonomy restore} and {@code loop undo}, on the battles of
 * {@link LoopAcceptCliTest}: Inferential 1.0 → 1.25 and Literal 1.0 → 0.75 when accepted.
 */
class TaxonomyVersionsCliTest {
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
    void acceptedWeightsAreListedAsAVersionAndUndoAndRestoreAreNewVersions() throws Exception {
        assertThat(CliRun.on(store, "loop", "accept", "--target", TARGET).code())
                .isZero();

        CliRun versions = CliRun.on(store, "taxonomy", "versions", SKILL, "--json");

        assertThat(versions.code()).as(versions.err()).isZero();
        JsonNode list = JSON.readTree(versions.out());
        assertThat(list).hasSize(2);
        assertThat(list.get(0).get("number").asInt()).isEqualTo(1);
        assertThat(list.get(0).get("made_by").asText())
                .isEqualTo("loop: the taxonomy before accepting weights in iteration 1");
        JsonNode second = list.get(1);
        assertThat(second.get("number").asInt()).isEqualTo(2);
        assertThat(second.get("made_by").asText())
                .isEqualTo("loop: accepted " + WEIGHT_INFERENTIAL + ", " + WEIGHT_LITERAL + " in iteration 1");
        assertThat(second.get("made_at").asText()).endsWith("Z");
        // in the taxonomy's order: Literal is its first category, Inferential its second
        assertThat(second.get("weights").toString())
                .isEqualTo("[{\"category\":\"" + LITERAL + "\",\"from\":1.0,\"to\":0.75}," + "{\"category\":\""
                        + INFERENTIAL + "\",\"from\":1.0,\"to\":1.25}]");
        assertThat(second.get("added")).isEmpty();
        assertThat(second.get("removed")).isEmpty();
        assertThat(second.get("other_changes").asBoolean(true)).isFalse();

        CliRun text = CliRun.on(store, "taxonomy", "versions", SKILL);
        assertThat(text.out().lines().toList()).hasSize(3).last().isEqualTo("2 versions");
        assertThat(text.out().lines().toList().get(1))
                .endsWith("  ·  " + LITERAL + " 1.0 → 0.75; " + INFERENTIAL + " 1.0 → 1.25");

        CliRun undo = CliRun.on(store, "loop", "undo", "--target", TARGET);

        assertThat(undo.code()).as(undo.err()).isZero();
        assertThat(undo.out().lines())
                .containsExactly(
                        "taxonomy " + SKILL + ": version 1 restored as version 3",
                        "Undid the acceptance of iteration 1; 2 proposals recorded as undone: " + WEIGHT_INFERENTIAL
                                + ", " + WEIGHT_LITERAL + ".");
        assertThat(weight(INFERENTIAL)).isEqualTo(1.0);
        CliRun again = CliRun.on(store, "loop", "undo", "--target", TARGET);
        assertThat(again.code()).isEqualTo(Cli.REJECTED);
        assertThat(again.err()).isEqualTo("rejected: Nothing to undo: no acceptance of proposals stands.\n");

        CliRun restore = CliRun.on(store, "taxonomy", "restore", SKILL, "2");

        assertThat(restore.code()).as(restore.err()).isZero();
        assertThat(restore.out()).isEqualTo("restored version 2 of " + SKILL + " as version 4\n");
        assertThat(weight(INFERENTIAL)).isEqualTo(1.25);
        JsonNode after = JSON.readTree(
                CliRun.on(store, "taxonomy", "versions", SKILL, "--json").out());
        assertThat(after.get(3).get("made_by").asText()).isEqualTo("restored version 2: taxonomy restore");

        CliRun same = CliRun.on(store, "taxonomy", "restore", SKILL, "2");
        assertThat(same.out()).isEqualTo(SKILL + " is version 2's content already; no version added\n");
        CliRun missing = CliRun.on(store, "taxonomy", "restore", SKILL, "9");
        assertThat(missing.code()).isEqualTo(Cli.REJECTED);
        assertThat(missing.err())
                .isEqualTo("rejected: The taxonomy of " + SKILL + " has no version 9; its versions are 1 to 4.\n");
        CliRun none = CliRun.on(store, "taxonomy", "versions", "no-such-skill");
        assertThat(none.code()).isEqualTo(Cli.FAILED);
        assertThat(none.err()).contains("the skill 'no-such-skill' has no taxonomy versions");
    }
}
