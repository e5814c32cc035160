package io.arenainstruct.studio.cli;

import static io.arenainstruct.studio.service.loop.LoopFixture.INFERENTIAL;
import static io.arenainstruct.studio.service.loop.LoopFixture.LITERAL;
import static io.arenainstruct.studio.service.loop.LoopFixture.SKILL;
import static io.arenainstruct.studio.service.loop.LoopFixture.TARGET;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.arenainstruct.studio.service.loop.LoopFixture;
import io.arenainstruct.studio.service.loop.LoopFixture.Result;
import io.arenainstruct.studio.service.workspace.Workspace;

/**
 * {@code loop propose} on planted battles of T against O: Inferential understanding 20 battles, T loses 15 (0.75);
 * Literal understanding 20 battles, T loses 5 (0.25); the mean 20/40 = 0.5, so Inferential 1.0 → 1.25 and Literal
 * 1.0 → 0.75 (the shipped weights are 1.0).
 */
class LoopCliTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path tmp;

    private Path store;
    private final List<Long> inferential = new ArrayList<>();

    @BeforeEach
    void plant() {
        store = tmp.resolve("store");
        try (Workspace ws = Workspace.open(store)) {
            LoopFixture plant = new LoopFixture(ws);
            inferential.addAll(plant.plant(INFERENTIAL, Result.LOSS, 15));
            inferential.addAll(plant.plant(INFERENTIAL, Result.WIN, 5));
            plant.plant(LITERAL, Result.LOSS, 5);
            plant.plant(LITERAL, Result.WIN, 15);
            plant.linkRuns();
        }
    }

    @Test
    void jsonListsEachProposalWithItsEvidence() throws Exception {
        CliRun run = CliRun.on(store, "loop", "propose", "--target", TARGET, "--json");

        assertThat(run.code()).as(run.err()).isZero();
        JsonNode array = JSON.readTree(run.out());
        assertThat(array).hasSize(2);
        JsonNode weak = array.get(0);
        assertThat(weak.get("id").asText()).isEqualTo("weight:" + SKILL + "/" + INFERENTIAL);
        assertThat(weak.get("kind").asText()).isEqualTo("weight");
        assertThat(weak.get("skill").asText()).isEqualTo(SKILL);
        assertThat(weak.get("category").asText()).isEqualTo(INFERENTIAL);
        assertThat(weak.get("from").asText()).isEqualTo("1.0");
        assertThat(weak.get("to").asText()).isEqualTo("1.25");
        assertThat(weak.get("reason").asText()).startsWith("T loses 75% of 20 battles in Inferential understanding");
        List<Long> evidence = new ArrayList<>();
        weak.get("evidence").forEach(n -> evidence.add(n.asLong()));
        assertThat(evidence).containsExactlyElementsOf(inferential);
        assertThat(array.get(1).get("to").asText()).isEqualTo("0.75");
        assertThat(array.get(1).fieldNames())
                .toIterable()
                .containsExactly("id", "kind", "skill", "category", "from", "to", "reason", "evidence");

        // loop status lists the same proposals beside the iterations
        CliRun status = CliRun.on(store, "loop", "status", "--target", TARGET, "--json");
        assertThat(status.code()).as(status.err()).isZero();
        // ... each with "accepted": null (not decided yet)
        JsonNode listed = JSON.readTree(status.out()).get("proposals");
        assertThat(listed).hasSize(2);
        listed.forEach(p -> {
            assertThat(p.get("accepted").isNull()).isTrue();
            ((ObjectNode) p).remove("accepted");
        });
        assertThat(listed).isEqualTo(array);
    }

    @Test
    void theTableShowsKindSkillCategoryChangeAndReason() {
        CliRun run = CliRun.on(store, "loop", "propose", "--target", TARGET, "--alpha", "2");

        assertThat(run.code()).as(run.err()).isZero();
        // alpha 2: Inferential 1.0 × (1 + 2 × 0.25) = 1.5; Literal 1.0 × (1 − 2 × 0.25) = 0.5
        List<String> lines = run.out().lines().toList();
        assertThat(lines.get(0)).startsWith("KIND").contains("SKILL", "CATEGORY", "FROM → TO", "REASON");
        assertThat(lines.get(1)).startsWith("weight").contains(SKILL, INFERENTIAL, "1.0 → 1.5");
        assertThat(lines.get(2)).contains(LITERAL, "1.0 → 0.5");
        assertThat(lines.get(3)).isEqualTo("2 proposals");
    }

    @Test
    void anUnknownTargetExitsThreeNamingTheModels() {
        CliRun run = CliRun.on(store, "loop", "propose", "--target", "nobody");

        assertThat(run.code()).isEqualTo(Cli.REJECTED);
        assertThat(run.err()).contains("There is no model named nobody; the models are O, T.");
        assertThat(run.out()).isEmpty();
    }

    @Test
    void tooFewBattlesSaySoAndBadParametersAreUsageErrors() {
        CliRun few = CliRun.on(store, "loop", "propose", "--target", TARGET, "--min-battles", "21");
        assertThat(few.code()).isZero();
        assertThat(few.out())
                .startsWith("Nothing to propose: no category has 21 or more decided battles of T (the most is 20).");

        CliRun json = CliRun.on(store, "loop", "propose", "--target", TARGET, "--min-battles", "21", "--json");
        assertThat(json.out().strip()).isEqualTo("[ ]");
        assertThat(json.err()).contains("note: Nothing to propose");

        CliRun help = CliRun.on(store, "loop", "propose", "--help");
        assertThat(help.code()).isZero();
        assertThat(help.out()).contains("weight × (1 + alpha · (loss rate − mean loss rate))", "ties in 60% or more");
        assertThat(CliRun.on(store, "loop").code()).isEqualTo(Cli.USAGE);

        CliRun alpha = CliRun.on(store, "loop", "propose", "--target", TARGET, "--alpha", "-1");
        assertThat(alpha.code()).isEqualTo(Cli.USAGE);
        assertThat(alpha.err()).contains("Alpha is how far a weight follows the loss rate");
    }
}
