package io.arenainstruct.studio.service.loop;

import static io.arenainstruct.studio.service.loop.LoopFixture.CRITICAL;
import static io.arenainstruct.studio.service.loop.LoopFixture.INFERENTIAL;
import static io.arenainstruct.studio.service.loop.LoopFixture.LITERAL;
import static io.arenainstruct.studio.service.loop.LoopFixture.SKILL;
import static io.arenainstruct.studio.service.loop.LoopFixture.TARGET;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.arenainstruct.studio.domain.Taxonomy;
import io.arenainstruct.studio.domain.TaxonomyNode;
import io.arenainstruct.studio.domain.loop.LoopRules;
import io.arenainstruct.studio.domain.loop.ProposalDecision;
import io.arenainstruct.studio.domain.loop.UndoneAcceptance;
import io.arenainstruct.studio.service.taxonomy.VersionDiff;
import io.arenainstruct.studio.service.taxonomy.VersionDiff.WeightChange;
import io.arenainstruct.studio.service.workspace.TestWorkspaces;
import io.arenainstruct.studio.service.workspace.Workspace;
import io.arenainstruct.studio.service.workspace.WorkspaceRepositories;
import io.arenainstruct.studio.store.ProposalRepository;

/**
 * Accepted weights are taxonomy versions, and {@code undoAccept} puts back what the newest acceptance changed.
 *
 * <p>Planted as in {@link LoopAcceptTest}: Inferential 20 battles, T loses 15; Literal 20, T loses 5; mean 0.5, so
 * Inferential 1.0 → 1.25 and Literal 1.0 → 0.75 (the shipped weights are all 1.0; the store has no taxonomy).
 */
class LoopUndoTest {
    private static final String WEIGHT_INFERENTIAL = "weight:" + SKILL + "/" + INFERENTIAL;
    private static final String WEIGHT_LITERAL = "weight:" + SKILL + "/" + LITERAL;

    @TempDir
    Path tmp;

    private Workspace ws;
    private LoopFixture plant;

    @BeforeEach
    void open() {
        ws = TestWorkspaces.open(tmp.resolve("store"));
        plant = new LoopFixture(ws);
        plant.plantWeights();
    }

    @AfterEach
    void close() {
        ws.close();
    }

    private double weight(String category) {
        return category(ws.taxonomies().find(SKILL).orElseThrow(), category).weight();
    }

    private static TaxonomyNode category(Taxonomy t, String name) {
        return t.categories().stream()
                .filter(c -> c.name().equals(name))
                .findFirst()
                .orElseThrow();
    }

    private List<ProposalDecision> recorded() {
        return new ProposalRepository(WorkspaceRepositories.store(ws)).decisions(1);
    }

    @Test
    void acceptedWeightsAreAVersionNamingTheProposalsAndAnUndoRestoresTheOneBefore() {
        assertThat(ws.taxonomies().find(SKILL)).as("no taxonomy stored yet").isEmpty();

        ws.loop().accept(TARGET, LoopRules.defaults(), List.of(), "ann");

        List<VersionDiff> versions = ws.taxonomies().versions(SKILL);
        assertThat(versions).hasSize(2);
        assertThat(versions.get(0).version().madeBy())
                .isEqualTo("loop: the taxonomy before accepting weights in iteration 1");
        assertThat(versions.get(1).version().madeBy())
                .isEqualTo("loop: accepted " + WEIGHT_INFERENTIAL + ", " + WEIGHT_LITERAL + " in iteration 1");
        assertThat(versions.get(1).weights())
                .containsExactlyInAnyOrder(
                        new WeightChange(INFERENTIAL, 1.0, 1.25), new WeightChange(LITERAL, 1.0, 0.75));
        assertThat(versions.get(1).onlyWeights()).isTrue();

        UndoneAcceptance undo = ws.loop().undoAccept(TARGET, "bob");

        assertThat(undo.restored()).containsExactly("taxonomy " + SKILL + ": version 1 restored as version 3");
        assertThat(undo.proposals()).containsExactly(WEIGHT_INFERENTIAL, WEIGHT_LITERAL);
        assertThat(weight(INFERENTIAL)).isEqualTo(1.0);
        assertThat(weight(LITERAL)).isEqualTo(1.0);
        assertThat(ws.taxonomies().versions(SKILL).get(2).version().madeBy())
                .isEqualTo("restored version 1: undo of the loop acceptance in iteration 1");
        assertThat(recorded()).hasSize(2).allMatch(d -> d.accepted() && d.undone());
        // undone: both are open again (not decided), and there is nothing more to undo
        assertThat(ws.loop()
                        .decided(ws.loop().propose(TARGET, LoopRules.defaults()).proposals()))
                .isEmpty();
        assertThatThrownBy(() -> ws.loop().undoAccept(TARGET, "bob"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Nothing to undo: no acceptance of proposals stands.");
    }

    /**
     * First Inferential alone (1.25: version 2), then, recomputed, only Literal (0.75: version 3); undone newest
     * first: version 2 back (as 4), then version 1 (as 5).
     */
    @Test
    void twoAcceptancesAreUndoneNewestFirst() {
        ws.loop().accept(TARGET, LoopRules.defaults(), List.of(WEIGHT_INFERENTIAL), "ann");
        ws.loop().accept(TARGET, LoopRules.defaults(), List.of(WEIGHT_LITERAL), "ann");
        assertThat(List.of(weight(INFERENTIAL), weight(LITERAL))).containsExactly(1.25, 0.75);

        UndoneAcceptance second = ws.loop().undoAccept(TARGET, "bob");

        assertThat(second.restored()).containsExactly("taxonomy " + SKILL + ": version 2 restored as version 4");
        assertThat(second.proposals()).containsExactly(WEIGHT_LITERAL);
        assertThat(List.of(weight(INFERENTIAL), weight(LITERAL))).containsExactly(1.25, 1.0);

        UndoneAcceptance first = ws.loop().undoAccept(TARGET, "bob");

        assertThat(first.restored()).containsExactly("taxonomy " + SKILL + ": version 1 restored as version 5");
        assertThat(List.of(weight(INFERENTIAL), weight(LITERAL))).containsExactly(1.0, 1.0);
    }

    @Test
    void anEditAfterTheAcceptanceIsSetAsideButStaysListed() {
        ws.loop().accept(TARGET, LoopRules.defaults(), List.of(), "ann");
        Taxonomy t = ws.taxonomies().find(SKILL).orElseThrow();
        category(t, CRITICAL).setWeight(2.0);
        ws.taxonomies().save(t, "edited in the Taxonomy area: change weight");

        UndoneAcceptance undo = ws.loop().undoAccept(TARGET, "bob");

        assertThat(undo.restored())
                .containsExactly("taxonomy " + SKILL + ": version 1 restored as version 4 (version 3, made after the"
                        + " acceptance, is set aside too; it stays listed)");
        assertThat(weight(CRITICAL)).isEqualTo(1.0);
        assertThat(ws.taxonomies().versions(SKILL)).hasSize(4);
    }

    @Test
    void theNewestAcceptanceOfAnotherModelIsNotUndone() {
        ws.loop().accept(TARGET, LoopRules.defaults(), List.of(WEIGHT_INFERENTIAL), "ann");

        assertThatThrownBy(() -> ws.loop().undoAccept("O", "bob"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("The newest acceptance was for T (iteration 1), not O; undo it with --target T.");
        assertThat(weight(INFERENTIAL)).isEqualTo(1.25);
    }
}
