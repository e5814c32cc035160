package io.arenainstruct.studio.service.loop;

import static io.arenainstruct.studio.service.loop.LoopFixture.INFERENTIAL;
import static io.arenainstruct.studio.service.loop.LoopFixture.LITERAL;
import static io.arenainstruct.studio.service.loop.LoopFixture.SKILL;
import static io.arenainstruct.studio.service.loop.LoopFixture.TARGET;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.arenainstruct.studio.domain.Taxonomy;
import io.arenainstruct.studio.domain.loop.Acceptance;
import io.arenainstruct.studio.domain.loop.LoopRules;
import io.arenainstruct.studio.domain.loop.ProposalDecision;
import io.arenainstruct.studio.service.loop.LoopFixture.Result;
import io.arenainstruct.studio.service.workspace.SampleWorkspace;
import io.arenainstruct.studio.service.workspace.TestWorkspaces;
import io.arenainstruct.studio.service.workspace.Workspace;
import io.arenainstruct.studio.service.workspace.WorkspaceRepositories;
import io.arenainstruct.studio.store.ProposalRepository;

/**
 * {@code accept} on planted battles of T against O in reading-comprehension, the shipped weights all 1.0.
 *
 * <p>Weights: Inferential 20 battles, T loses 15 (0.75); Literal 20, T loses 5 (0.25); mean 20/40 = 0.5, so
 * Inferential 1.0 × (1 + 0.25) = 1.25 and Literal 1.0 × (1 − 0.25) = 0.75.
 *
 * <p>Rounds (flow set to 2): Literal 20 ties (ties 100% ≥ 60%): 2 → 3; Inferential 20 both-bad (≥ 50%): 2 → 1 and a
 * prompt review. No weights there: T loses none anywhere, so every loss rate is the mean (0).
 */
class LoopAcceptTest {
    private static final String WEIGHT_INFERENTIAL = "weight:" + SKILL + "/" + INFERENTIAL;
    private static final String WEIGHT_LITERAL = "weight:" + SKILL + "/" + LITERAL;
    private static final String ROUNDS_LITERAL = "rounds:" + SKILL + "/" + LITERAL;
    private static final String ROUNDS_INFERENTIAL = "rounds:" + SKILL + "/" + INFERENTIAL;
    private static final String PROMPT_INFERENTIAL = "prompt:" + SKILL + "/" + INFERENTIAL;
    private static final String GOAL_LITERAL = "goal:" + SKILL + "/" + LITERAL;

    @TempDir
    Path tmp;

    private Workspace ws;
    private LoopFixture plant;

    @BeforeEach
    void open() {
        ws = TestWorkspaces.open(tmp.resolve("store"));
        plant = new LoopFixture(ws);
    }

    @AfterEach
    void close() {
        ws.close();
    }

    private void plantWeights() {
        plant.plantWeights();
    }

    private void plantRounds() {
        ws.flows().saveRefinement(SKILL, 2, ws.flows().find(SKILL).orElseThrow().goals());
        plant.plant(LITERAL, Result.TIE, 20);
        plant.plant(INFERENTIAL, Result.BOTH_BAD, 20);
        plant.linkRuns();
    }

    /** The category's weight in the store's taxonomy; null when the store has no taxonomy for the skill. */
    private Double weight(String category) {
        return LoopFixture.weight(ws, category);
    }

    private List<ProposalDecision> recorded() {
        return new ProposalRepository(WorkspaceRepositories.store(ws)).decisions(1);
    }

    private static Map<String, Boolean> accepted(List<ProposalDecision> decisions) {
        return decisions.stream().collect(Collectors.toMap(d -> d.proposal().id(), ProposalDecision::accepted));
    }

    @Test
    void acceptingOneOfTwoWeightsSetsItAndRecordsBoth() {
        plantWeights();

        Acceptance a = ws.loop().accept(TARGET, LoopRules.defaults(), List.of(WEIGHT_INFERENTIAL), "ann");

        assertThat(a.applied()).containsExactly("weight " + SKILL + "/" + INFERENTIAL + " 1.0 → 1.25");
        assertThat(a.iteration()).isEqualTo(1);
        assertThat(weight(INFERENTIAL)).isEqualTo(1.25);
        assertThat(weight(LITERAL)).isEqualTo(1.0);
        List<ProposalDecision> decisions = recorded();
        assertThat(accepted(decisions)).isEqualTo(Map.of(WEIGHT_INFERENTIAL, true, WEIGHT_LITERAL, false));
        ProposalDecision literal = decisions.stream()
                .filter(d -> d.proposal().id().equals(WEIGHT_LITERAL))
                .findFirst()
                .orElseThrow();
        assertThat(List.of(literal.proposal().from(), literal.proposal().to(), literal.decidedBy()))
                .containsExactly("1.0", "0.75", "ann");
        assertThat(literal.proposal().evidence()).hasSize(20);
        // now Inferential proposes 1.25 → 1.56, not decided yet; Literal's 1.0 → 0.75 was passed over
        assertThat(ws.loop()
                        .decided(ws.loop().propose(TARGET, LoopRules.defaults()).proposals()))
                .isEqualTo(Map.of(WEIGHT_LITERAL, false));
    }

    /** With Literal at 3.0 in the store: Literal 3.0 × 0.75 = 2.25 is proposed; only Inferential is accepted. */
    @Test
    void aStoredTaxonomyKeepsItsOtherEdits() {
        Taxonomy t = SampleWorkspace.shippedTaxonomies().stream()
                .filter(x -> x.skillId().equals(SKILL))
                .findFirst()
                .orElseThrow();
        t.categories().stream()
                .filter(c -> c.name().equals(LITERAL))
                .findFirst()
                .orElseThrow()
                .setWeight(3.0);
        ws.taxonomies().save(t);
        plantWeights();

        ws.loop().accept(TARGET, LoopRules.defaults(), List.of(WEIGHT_INFERENTIAL), "ann");

        assertThat(weight(INFERENTIAL)).isEqualTo(1.25);
        assertThat(weight(LITERAL)).isEqualTo(3.0);
        ProposalDecision literal = recorded().stream()
                .filter(d -> d.proposal().id().equals(WEIGHT_LITERAL))
                .findFirst()
                .orElseThrow();
        assertThat(List.of(literal.proposal().from(), literal.proposal().to())).containsExactly("3.0", "2.25");
        assertThat(literal.accepted()).isFalse();
    }

    @Test
    void acceptingAllSetsEveryWeightAndDecidingAgainUpdatesTheRows() {
        plantWeights();

        Acceptance a = ws.loop().accept(TARGET, LoopRules.defaults(), List.of(), "ann");

        assertThat(a.applied())
                .containsExactly(
                        "weight " + SKILL + "/" + INFERENTIAL + " 1.0 → 1.25",
                        "weight " + SKILL + "/" + LITERAL + " 1.0 → 0.75");
        assertThat(weight(INFERENTIAL)).isEqualTo(1.25);
        assertThat(weight(LITERAL)).isEqualTo(0.75);
        assertThat(accepted(recorded())).isEqualTo(Map.of(WEIGHT_INFERENTIAL, true, WEIGHT_LITERAL, true));

        // from the new weights: Inferential 1.25 × 1.25 = 1.5625 → 1.56; accept only Literal (0.75 × 0.75 = 0.5625)
        ws.loop().accept(TARGET, LoopRules.defaults(), List.of(WEIGHT_LITERAL), "bob");

        assertThat(weight(INFERENTIAL)).isEqualTo(1.25);
        assertThat(weight(LITERAL)).isEqualTo(0.56);
        List<ProposalDecision> again = recorded();
        assertThat(again).hasSize(2);
        assertThat(accepted(again)).isEqualTo(Map.of(WEIGHT_INFERENTIAL, false, WEIGHT_LITERAL, true));
        assertThat(again).allMatch(d -> d.decidedBy().equals("bob"));
    }

    @Test
    void aRoundsProposalSetsTheSkillsRoundsAndKeepsItsGoals() {
        plantRounds();
        List<String> goals = ws.flows().find(SKILL).orElseThrow().goals();

        Acceptance a = ws.loop().accept(TARGET, LoopRules.defaults(), List.of(ROUNDS_LITERAL), "ann");

        assertThat(a.applied()).containsExactly("rounds " + SKILL + " 2 → 3");
        assertThat(ws.flows().find(SKILL).orElseThrow().rounds()).isEqualTo(3);
        assertThat(ws.flows().find(SKILL).orElseThrow().goals()).isEqualTo(goals);
        assertThat(accepted(recorded()))
                .isEqualTo(Map.of(
                        ROUNDS_LITERAL,
                        true,
                        ROUNDS_INFERENTIAL,
                        false,
                        PROMPT_INFERENTIAL,
                        false,
                        GOAL_LITERAL,
                        false));
    }

    @Test
    void aPromptReviewIsRecordedAndChangesNothing() {
        plantRounds();

        Acceptance a = ws.loop().accept(TARGET, LoopRules.defaults(), List.of(PROMPT_INFERENTIAL), "ann");

        assertThat(a.applied())
                .containsExactly("prompt " + SKILL + "/" + INFERENTIAL + ": review inferential-questions v1"
                        + " (recorded; nothing changes until the prompt is edited)");
        assertThat(ws.flows().find(SKILL).orElseThrow().rounds()).isEqualTo(2);
        assertThat(accepted(recorded())).containsEntry(PROMPT_INFERENTIAL, true);
    }

    /** Categories in name order, as the report lists them: Inferential before Literal. */
    @Test
    void twoRoundsApartForOneSkillAreRefusedWithNothingChanged() {
        plantRounds();

        assertThatThrownBy(() -> ws.loop().accept(TARGET, LoopRules.defaults(), List.of(), "ann"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage(ROUNDS_INFERENTIAL + " and " + ROUNDS_LITERAL + " set the refinement rounds of " + SKILL
                        + " to 1 and 3; accept one of them.");
        assertThat(ws.flows().find(SKILL).orElseThrow().rounds()).isEqualTo(2);
        assertThat(recorded()).isEmpty();
    }

    @Test
    void anUnknownIdIsRefusedWithTheIdsThereAreAndNothingChanged() {
        plantWeights();
        Taxonomy before = ws.taxonomies().find(SKILL).orElse(null);

        assertThatThrownBy(() -> ws.loop()
                        .accept(TARGET, LoopRules.defaults(), List.of(WEIGHT_INFERENTIAL, "weight:x/y"), "ann"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("There is no proposal weight:x/y for T now; the proposals are " + WEIGHT_INFERENTIAL + ", "
                        + WEIGHT_LITERAL + ".");
        assertThat(ws.taxonomies().find(SKILL).map(t -> weight(INFERENTIAL)).orElse(null))
                .isEqualTo(before == null ? null : 1.0);
        assertThat(recorded()).isEmpty();
    }
}
