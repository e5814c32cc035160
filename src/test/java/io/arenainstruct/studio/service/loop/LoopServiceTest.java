package io.arenainstruct.studio.service.loop;

import static io.arenainstruct.studio.service.loop.LoopFixture.CRITICAL;
import static io.arenainstruct.studio.service.loop.LoopFixture.INFERENTIAL;
import static io.arenainstruct.studio.service.loop.LoopFixture.LITERAL;
import static io.arenainstruct.studio.service.loop.LoopFixture.SKILL;
import static io.arenainstruct.studio.service.loop.LoopFixture.TARGET;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.arenainstruct.studio.domain.Taxonomy;
import io.arenainstruct.studio.domain.arena.Battle;
import io.arenainstruct.studio.domain.arena.BattleStatus;
import io.arenainstruct.studio.domain.arena.GradedLabel;
import io.arenainstruct.studio.domain.loop.CategoryStats;
import io.arenainstruct.studio.domain.loop.LoopReport;
import io.arenainstruct.studio.domain.loop.LoopRules;
import io.arenainstruct.studio.domain.loop.Proposal;
import io.arenainstruct.studio.domain.loop.ProposalKind;
import io.arenainstruct.studio.service.loop.LoopFixture.Result;
import io.arenainstruct.studio.service.workspace.SampleWorkspace;
import io.arenainstruct.studio.service.workspace.TestWorkspaces;
import io.arenainstruct.studio.service.workspace.Workspace;
import io.arenainstruct.studio.service.workspace.WorkspaceRepositories;
import io.arenainstruct.studio.store.BattleRepository;
import io.arenainstruct.studio.ui.arena.ArenaFixture;

/**
 * Proposals from planted battles of T against O in reading-comprehension, every figure worked out by hand below.
 */
class LoopServiceTest {
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

    /** The store's reading-comprehension taxonomy: the shipped one with Literal understanding at weight 3. */
    private void literalWeighsThree() {
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
    }

    /**
     * Inferential: 20 battles, T loses 15 (12 by the judge, 3 where a person overrules the judge's win for T), wins 5:
     * loss rate 15/20 = 0.75. Literal: 20 battles, T loses 5, wins 15: 0.25; one more battle there is not judged, and
     * one more has contradicting judge games.
     * Critical: 4 battles, all lost (under 20). One battle T loses on a prompt of no run; one battle of O against
     * another model.
     */
    private Map<String, List<Long>> plantWeakAndStrong() {
        literalWeighsThree();
        List<Long> inferential = new ArrayList<>(plant.plant(INFERENTIAL, Result.LOSS, 12));
        inferential.addAll(plant.plant(INFERENTIAL, Result.LOSS_BY_PERSON, 3));
        inferential.addAll(plant.plant(INFERENTIAL, Result.WIN, 5));
        List<Long> literal = new ArrayList<>(plant.plant(LITERAL, Result.LOSS, 5));
        literal.addAll(plant.plant(LITERAL, Result.WIN, 15));
        plant.plant(LITERAL, Result.UNDECIDED, 1);
        plant.plant(LITERAL, Result.INCONSISTENT, 1);
        List<Long> critical = plant.plant(CRITICAL, Result.LOSS, 4);
        plant.withoutRun();
        new ArenaFixture(ws).battle("Someone else's question", "O", "o", "P", "p");
        plant.linkRuns();
        return Map.of(INFERENTIAL, inferential, LITERAL, literal, CRITICAL, critical);
    }

    private static Map<String, Proposal> byId(LoopReport r) {
        return r.proposals().stream().collect(Collectors.toMap(Proposal::id, Function.identity()));
    }

    @Test
    void theWeakCategoryGainsWeightTheStrongOneLosesItAndASmallOneStays() {
        Map<String, List<Long>> ids = plantWeakAndStrong();

        LoopReport r = ws.loop().propose(TARGET, LoopRules.defaults());

        // mean loss rate over the categories with 20 or more battles: (15 + 5) / (20 + 20) = 0.5
        // Inferential: 1.0 × (1 + 1.0 × (0.75 − 0.5)) = 1.25; Literal: 3.0 × (1 + 1.0 × (0.25 − 0.5)) = 2.25
        assertThat(r.proposals())
                .extracting(Proposal::id)
                .containsExactly("weight:" + SKILL + "/" + INFERENTIAL, "weight:" + SKILL + "/" + LITERAL);
        Proposal weak = byId(r).get("weight:" + SKILL + "/" + INFERENTIAL);
        assertThat(weak.kind()).isEqualTo(ProposalKind.WEIGHT);
        assertThat(weak.from()).isEqualTo("1.0");
        assertThat(weak.to()).isEqualTo("1.25");
        assertThat(weak.reason())
                .isEqualTo("T loses 75% of 20 battles in Inferential understanding (50% in the 2 categories of"
                        + " reading-comprehension with 20 or more): weight 1.0 → 1.25");
        assertThat(weak.evidence()).containsExactlyElementsOf(ids.get(INFERENTIAL));
        Proposal strong = byId(r).get("weight:" + SKILL + "/" + LITERAL);
        assertThat(strong.from()).isEqualTo("3.0");
        assertThat(strong.to()).isEqualTo("2.25");
        assertThat(strong.evidence()).containsExactlyElementsOf(ids.get(LITERAL));

        CategoryStats inferential = r.stats().stream()
                .filter(s -> s.category().equals(INFERENTIAL))
                .findFirst()
                .orElseThrow();
        assertThat(List.of(inferential.battles(), inferential.losses(), inferential.wins(), inferential.byPeople()))
                .as("people over the judge: the 3 overruled wins are losses")
                .containsExactly(20, 15, 5, 3);
        assertThat(inferential.byJudges()).isEqualTo(17);
        // 20 + 22 + 4 planted in categories, 1 without a run; not O against P
        assertThat(r.considered()).isEqualTo(47);
        assertThat(r.notes())
                .containsExactly(
                        "Left out: 1 battle of T on a prompt of no run (imported, so no skill or category).",
                        "Left out: 1 battle of T not decided (not judged yet, or judges or people split).",
                        "Left out: 1 battle of T decided by judges whose two games contradict each other.",
                        "In reading-comprehension, fewer than 20 decided battles, so not moved: Critical and evaluative"
                                + " reading (4).");
    }

    @Test
    void aStepIsClampedToTwiceOrHalfTheWeight() {
        plantWeakAndStrong();

        LoopReport r = ws.loop().propose(TARGET, LoopRules.defaults().withAlpha(5));

        // Inferential: 1.0 × (1 + 5 × 0.25) = 2.25, clamped to 2 × 1.0 = 2.0
        // Literal: 3.0 × (1 + 5 × (−0.25)) = −0.75, clamped to 3.0 / 2 = 1.5
        Proposal weak = byId(r).get("weight:" + SKILL + "/" + INFERENTIAL);
        assertThat(weak.to()).isEqualTo("2.0");
        assertThat(weak.reason()).endsWith("weight 1.0 → 2.0 (one step moves a weight at most ×2 or ÷2)");
        assertThat(byId(r).get("weight:" + SKILL + "/" + LITERAL).to()).isEqualTo("1.5");
    }

    @Test
    void aLowerMinimumLetsTheSmallCategoryMoveAndShiftsTheMean() {
        plantWeakAndStrong();

        LoopReport r = ws.loop().propose(TARGET, LoopRules.defaults().withMinBattles(4));

        // mean over all three: (15 + 5 + 4) / (20 + 20 + 4) = 24/44 = 0.54545...
        // Critical: 1.0 × (1 + (1.0 − 0.54545)) = 1.45454... → 1.45
        // Inferential: 1.0 × (1 + (0.75 − 0.54545)) = 1.20454... → 1.2
        // Literal: 3.0 × (1 + (0.25 − 0.54545)) = 2.11363... → 2.11
        Map<String, Proposal> p = byId(r);
        assertThat(p.get("weight:" + SKILL + "/" + CRITICAL).to()).isEqualTo("1.45");
        assertThat(p.get("weight:" + SKILL + "/" + INFERENTIAL).to()).isEqualTo("1.2");
        assertThat(p.get("weight:" + SKILL + "/" + LITERAL).to()).isEqualTo("2.11");
        assertThat(r.notes()).noneMatch(n -> n.contains("not moved"));
    }

    /**
     * Literal: 12 ties, 4 wins, 4 losses of 20 (ties 60%): easy. Critical: 10 strong wins and 10 strong losses of 20
     * (every battle a strong win): easy. Inferential: 10 both-bad, 5 wins, 5 losses of 20 (both-bad 50%): too hard.
     * The flow's rounds are set to 2.
     */
    @Test
    void tiesAndStrongWinsAskForMoreRoundsBothBadForFewerAndAPromptReview() {
        var flow = ws.flows().find(SKILL).orElseThrow();
        ws.flows().saveRefinement(SKILL, 2, flow.goals());
        List<Long> literal = new ArrayList<>(plant.plant(LITERAL, Result.TIE, 12));
        literal.addAll(plant.plant(LITERAL, Result.WIN, 4));
        literal.addAll(plant.plant(LITERAL, Result.LOSS, 4));
        plant.plant(CRITICAL, Result.STRONG_WIN, 10);
        plant.plant(CRITICAL, Result.STRONG_LOSS, 10);
        List<Long> inferential = new ArrayList<>(plant.plant(INFERENTIAL, Result.BOTH_BAD, 10));
        inferential.addAll(plant.plant(INFERENTIAL, Result.WIN, 5));
        inferential.addAll(plant.plant(INFERENTIAL, Result.LOSS, 5));
        plant.linkRuns();

        LoopReport r = ws.loop().propose(TARGET, LoopRules.defaults());
        Map<String, Proposal> p = byId(r);

        Proposal easy = p.get("rounds:" + SKILL + "/" + LITERAL);
        assertThat(List.of(easy.from(), easy.to())).containsExactly("2", "3");
        assertThat(easy.reason())
                .isEqualTo("T ties 60% of 20 battles in Literal understanding (the instructions look too easy):"
                        + " refinement rounds 2 → 3; rounds are set per skill, so this changes every category of"
                        + " reading-comprehension");
        assertThat(easy.evidence()).containsExactlyElementsOf(literal);
        Proposal strong = p.get("rounds:" + SKILL + "/" + CRITICAL);
        assertThat(List.of(strong.from(), strong.to())).containsExactly("2", "3");
        assertThat(strong.reason())
                .startsWith("every one of T's 20 battles in Critical and evaluative reading was won"
                        + " on a strong verdict");

        Proposal fewer = p.get("rounds:" + SKILL + "/" + INFERENTIAL);
        assertThat(List.of(fewer.from(), fewer.to())).containsExactly("2", "1");
        Proposal review = p.get("prompt:" + SKILL + "/" + INFERENTIAL);
        assertThat(review.kind()).isEqualTo(ProposalKind.PROMPT);
        // the shipped flow's generator for Inferential understanding, its prompt never edited: version 1
        assertThat(List.of(review.from(), review.to())).containsExactly("inferential-questions v1", "review");
        assertThat(review.evidence()).containsExactlyElementsOf(inferential);
        assertThat(review.reason())
                .startsWith("both answers were bad in 50% of T's 20 battles in Inferential understanding");

        assertThat(r.proposals())
                .filteredOn(x -> x.kind() != ProposalKind.WEIGHT)
                .extracting(Proposal::id)
                .containsExactlyInAnyOrder(
                        "rounds:" + SKILL + "/" + LITERAL,
                        "rounds:" + SKILL + "/" + CRITICAL,
                        "rounds:" + SKILL + "/" + INFERENTIAL,
                        "prompt:" + SKILL + "/" + INFERENTIAL,
                        // the two easy categories also get a harder suggester goal each
                        "goal:" + SKILL + "/" + LITERAL,
                        "goal:" + SKILL + "/" + CRITICAL);
        CategoryStats bad = r.stats().stream()
                .filter(s -> s.category().equals(INFERENTIAL))
                .findFirst()
                .orElseThrow();
        assertThat(List.of(bad.bothBad(), bad.byPeople())).containsExactly(10, 10);
    }

    @Test
    void roundsDoNotGoAboveTheMostOrBelowNone() {
        var goals = ws.flows().find(SKILL).orElseThrow().goals();
        // Literal: 12 ties of 20 (easy); Inferential: 10 both-bad of 20 (too hard)
        plant.plant(LITERAL, Result.TIE, 12);
        plant.plant(LITERAL, Result.WIN, 8);
        plant.plant(INFERENTIAL, Result.BOTH_BAD, 10);
        plant.plant(INFERENTIAL, Result.WIN, 10);
        plant.linkRuns();

        ws.flows().saveRefinement(SKILL, 10, goals); // the most a flow takes
        LoopReport most = ws.loop().propose(TARGET, LoopRules.defaults());
        assertThat(byId(most)).doesNotContainKey("rounds:" + SKILL + "/" + LITERAL);
        assertThat(byId(most).get("rounds:" + SKILL + "/" + INFERENTIAL).to()).isEqualTo("9");
        assertThat(most.notes())
                .contains("T ties 60% of 20 battles in Literal understanding, but reading-comprehension already has"
                        + " the most refinement rounds (10).");

        ws.flows().saveRefinement(SKILL, 0, goals);
        LoopReport none = ws.loop().propose(TARGET, LoopRules.defaults());
        assertThat(byId(none).get("rounds:" + SKILL + "/" + LITERAL).to()).isEqualTo("1");
        assertThat(byId(none)).doesNotContainKey("rounds:" + SKILL + "/" + INFERENTIAL);
        assertThat(byId(none)).containsKey("prompt:" + SKILL + "/" + INFERENTIAL);
        assertThat(none.notes())
                .contains("Both answers were bad in 50% of T's 20 battles in Inferential understanding, but"
                        + " reading-comprehension has no refinement rounds to take away.");
    }

    @Test
    void justUnderTheSharesNothingChangesTheRounds() {
        // 11 ties of 20 (55%) and 9 both-bad of 20 (45%): neither rule holds
        plant.plant(LITERAL, Result.TIE, 11);
        plant.plant(LITERAL, Result.WIN, 9);
        plant.plant(INFERENTIAL, Result.BOTH_BAD, 9);
        plant.plant(INFERENTIAL, Result.WIN, 11);
        plant.linkRuns();

        LoopReport r = ws.loop().propose(TARGET, LoopRules.defaults());

        // no losses anywhere: both loss rates 0, the mean 0, so no weight moves either
        assertThat(r.proposals()).isEmpty();
        assertThat(r.nothingProposed())
                .isEqualTo("Nothing to propose: T loses about as often in every category with enough battles, and"
                        + " none is too easy or too hard by the rules.");
    }

    @Test
    void anUnknownTargetIsRefusedWithTheModelsAndTooFewBattlesAreSaid() {
        plant.plant(LITERAL, Result.LOSS, 3);
        plant.linkRuns();

        assertThatThrownBy(() -> ws.loop().propose("nobody", LoopRules.defaults()))
                .hasMessage("There is no model named nobody; the models are O, T.");
        assertThat(ws.loop().propose(TARGET, LoopRules.defaults()).nothingProposed())
                .isEqualTo("Nothing to propose: no category has 20 or more decided battles of T (the most is 3).");
    }

    @Test
    void battlesRedoingABothBadOneAreLeftOutTheTargetsFailedAnswerCountsOnce() {
        // Literal: 10 wins and 10 both bad (a person); Inferential: 10 losses and 10 wins
        plant.plant(LITERAL, Result.WIN, 10);
        List<Long> failed = plant.plant(LITERAL, Result.BOTH_BAD, 10);
        plant.plant(INFERENTIAL, Result.LOSS, 10);
        plant.plant(INFERENTIAL, Result.WIN, 10);
        plant.linkRuns();
        // loop regenerate answered each both-bad prompt again with R, battled against T's failed answer; R won
        ArenaFixture arena = new ArenaFixture(ws);
        BattleRepository repository = new BattleRepository(WorkspaceRepositories.store(ws));
        for (long id : failed) {
            Battle f = ws.battles().battle(id).orElseThrow();
            Long targetAnswer = f.modelA().equals(TARGET) ? f.responseA() : f.responseB();
            long redo = repository
                    .createRegenerations(
                            id,
                            List.of(new Battle(
                                    0,
                                    f.instructionId(),
                                    TARGET,
                                    "R",
                                    targetAnswer,
                                    null,
                                    1,
                                    BattleRegeneration.STRATEGY,
                                    null,
                                    BattleStatus.UNJUDGED,
                                    false,
                                    null)))
                    .ids()
                    .get(0);
            arena.judged(
                    redo,
                    "j",
                    GradedLabel.B_BETTER,
                    GradedLabel.A_BETTER,
                    GradedLabel.B_BETTER,
                    BattleStatus.JUDGED,
                    false);
        }

        LoopReport r = ws.loop().propose(TARGET, LoopRules.defaults());

        CategoryStats literal = r.stats().stream()
                .filter(s -> s.category().equals(LITERAL))
                .findFirst()
                .orElseThrow();
        // T's ten failed answers count once, as the both-bad battles they are, not again as ten losses to R
        assertThat(literal.battles()).isEqualTo(20);
        assertThat(literal.losses()).isZero();
        assertThat(literal.bothBad()).isEqualTo(10);
        assertThat(r.notes())
                .contains("Left out: 10 battles of T that redo a both-bad battle (loop regenerate:"
                        + " their prompts were picked for answers already found bad).");
    }
}
