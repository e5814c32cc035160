package io.arenainstruct.studio.ui.loop;

import static io.arenainstruct.studio.service.loop.LoopFixture.INFERENTIAL;
import static io.arenainstruct.studio.service.loop.LoopFixture.LITERAL;
import static io.arenainstruct.studio.service.loop.LoopFixture.SKILL;
import static io.arenainstruct.studio.service.loop.LoopFixture.TARGET;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.arenainstruct.studio.domain.loop.ProposalDecision;
import io.arenainstruct.studio.service.loop.LoopFixture;
import io.arenainstruct.studio.service.loop.LoopFixture.Result;
import io.arenainstruct.studio.service.workspace.SampleWorkspace;
import io.arenainstruct.studio.service.workspace.Workspace;
import io.arenainstruct.studio.service.workspace.WorkspaceRepositories;
import io.arenainstruct.studio.store.ProposalRepository;
import io.arenainstruct.studio.ui.FakeDialogService;
import io.arenainstruct.studio.ui.loop.LoopViewModel.IterationRow;
import io.arenainstruct.studio.ui.loop.LoopViewModel.ProposalRow;
import io.arenainstruct.studio.ui.task.CallingThreadTaskExecutor;

/**
 * The Loop area's view model on planted battles of T against O in reading-comprehension (shipped weights 1.0, the
 * flow's refinement rounds set to 2), everything run on the calling thread.
 *
 * <p>Iteration 1: Inferential, T loses 15 of 20 and wins 5. Iteration 2 (started for T): Literal, 20 ties. Over both:
 * mean loss rate 15/40 = 0.375, so Inferential 1.0 × (1 + 0.375) = 1.375 → 1.38, Literal 1.0 × (1 − 0.375) = 0.625
 * → 0.63; Literal's ties (100% ≥ 60%) propose refinement rounds 2 → 3 and a harder goal in the suggester's prompt
 * (suggester v1 → the goal's sentence). Four proposals, in the order the service makes them: weight Inferential,
 * weight Literal, rounds Literal, goal Literal.
 */
class LoopViewModelTest {
    static final String WEIGHT_INFERENTIAL = "weight:" + SKILL + "/" + INFERENTIAL;
    static final String WEIGHT_LITERAL = "weight:" + SKILL + "/" + LITERAL;
    static final String ROUNDS_LITERAL = "rounds:" + SKILL + "/" + LITERAL;
    static final String GOAL_LITERAL = "goal:" + SKILL + "/" + LITERAL;
    /** The harder goal the service words for a category easy by its ties (LoopService, SuggesterGoals). */
    static final String GOAL_TO = "make the instruction need a careful answer: add a constraint, a subtle detail or a"
            + " second step that a quick answer misses, so that a good answer and a weak one no longer come out even";

    @TempDir
    Path tmp;

    private final CallingThreadTaskExecutor tasks = new CallingThreadTaskExecutor();
    private final FakeDialogService dialogs = new FakeDialogService();
    private Workspace ws;
    private LoopViewModel model;

    @BeforeEach
    void open() {
        ws = Workspace.open(tmp.resolve("store"));
        model = new LoopViewModel(
                ws.iterations(),
                ws.agreement(),
                ws.loop(),
                ws.battles(),
                tasks,
                dialogs,
                () -> "ann",
                () -> SampleWorkspace.shippedTaxonomies());
    }

    @AfterEach
    void close() {
        ws.close();
    }

    /** The store described above; the battles carry their prompt's category, as a take-in from a run leaves it. */
    static void plantTwoIterations(Workspace ws) {
        ws.flows().saveRefinement(SKILL, 2, ws.flows().find(SKILL).orElseThrow().goals());
        LoopFixture plant = new LoopFixture(ws);
        List<Long> first = new ArrayList<>(plant.plant(INFERENTIAL, Result.LOSS, 15));
        first.addAll(plant.plant(INFERENTIAL, Result.WIN, 5));
        category(ws, first, INFERENTIAL);
        ws.iterations().start(TARGET, "more inference");
        category(ws, plant.plant(LITERAL, Result.TIE, 20), LITERAL);
        plant.linkRuns();
    }

    private static void category(Workspace ws, List<Long> battles, String category) {
        WorkspaceRepositories.store(ws).write(c -> {
            try (PreparedStatement ps = c.prepareStatement("UPDATE battle SET category = ? WHERE id = ?")) {
                for (long id : battles) {
                    ps.setString(1, category);
                    ps.setLong(2, id);
                    ps.addBatch();
                }
                ps.executeBatch();
            }
            return null;
        });
    }

    static Double weight(Workspace ws, String category) {
        return LoopFixture.weight(ws, category);
    }

    static Map<String, Boolean> recorded(Workspace ws, int iteration) {
        return new ProposalRepository(WorkspaceRepositories.store(ws))
                .decisions(iteration).stream()
                        .collect(Collectors.toMap(d -> d.proposal().id(), ProposalDecision::accepted));
    }

    private ProposalRow row(String id) {
        return model.proposals().stream()
                .filter(r -> r.proposal().id().equals(id))
                .findFirst()
                .orElseThrow();
    }

    @Test
    void theDashboardShowsEachIterationsFiguresForTheDefaultTarget() {
        plantTwoIterations(ws);

        model.load();

        assertThat(model.target().get()).isEqualTo(TARGET);
        assertThat(model.models()).containsExactly("O", "T");
        List<IterationRow> rows = model.iterations();
        assertThat(rows).extracting(IterationRow::number).containsExactly(1, 2);
        // iteration 1: 5 won of 20, 25%; its rating below 1000 (T loses more than it wins against O)
        assertThat(rows.get(0).target().battles()).isEqualTo(20);
        assertThat(rows.get(0).target().winRate()).isCloseTo(0.25, within(1e-12));
        assertThat(rows.get(0).target().rating()).isLessThan(1000);
        assertThat(rows.get(0).status().counts().battles()).isEqualTo(20);
        // iteration 2: 20 ties, 50%; equal ratings with O, 1000
        assertThat(rows.get(1).target().winRate()).isCloseTo(0.5, within(1e-12));
        assertThat(rows.get(1).target().rating()).isCloseTo(1000, within(1e-6));
        assertThat(rows.get(1).status().iteration().note()).isEqualTo("more inference");
        assertThat(rows.get(0).categories()).containsOnlyKeys(INFERENTIAL);
        assertThat(rows.get(1).categories()).containsOnlyKeys(LITERAL);
        assertThat(rows.get(1).categories().get(LITERAL).ties()).isEqualTo(20);
        assertThat(model.categories()).containsExactly(INFERENTIAL, LITERAL);
        // the shipped reading-comprehension taxonomy has both; "Code" is no category of any
        assertThat(model.skillOf(INFERENTIAL)).isEqualTo(SKILL);
        assertThat(model.skillOf(LITERAL.toLowerCase(Locale.ROOT))).isEqualTo(SKILL);
        assertThat(model.skillOf("Code")).isEmpty();
        // nobody voted: no agreement to show
        assertThat(rows.get(0).agreement().share()).isNull();
        assertThat(IterationsPane.agreement(rows.get(0).agreement())).isEqualTo("no human verdicts");
    }

    @Test
    void acceptingTwoOfFourAppliesThemAndRecordsTheOthersAsNotAccepted() {
        plantTwoIterations(ws);
        model.load();

        assertThat(model.proposals())
                .extracting(r -> r.proposal().id() + " " + r.proposal().from() + " → "
                        + r.proposal().to())
                .containsExactly(
                        WEIGHT_INFERENTIAL + " 1.0 → 1.38",
                        WEIGHT_LITERAL + " 1.0 → 0.63",
                        ROUNDS_LITERAL + " 2 → 3",
                        GOAL_LITERAL + " suggester v1 → " + GOAL_TO);
        assertThat(row(WEIGHT_INFERENTIAL).proposal().reason())
                .isEqualTo("T loses 75% of 20 battles in " + INFERENTIAL + " (38% in the 2 categories of " + SKILL
                        + " with 20 or more): weight 1.0 → 1.38");
        // the list cuts a goal's sentence: the detail below it holds it whole
        assertThat(ProposalsPane.detail(row(GOAL_LITERAL).proposal())).endsWith(". The new goal: “" + GOAL_TO + "”.");
        // none ticked at first: accepting nothing is refused in words, and nothing is recorded
        assertThat(model.proposals()).noneMatch(r -> r.ticked().get());
        model.accept();
        assertThat(model.acceptFailed().get()).isTrue();
        assertThat(model.acceptMessage().get()).startsWith("Nothing ticked");
        assertThat(recorded(ws, 2)).isEmpty();

        model.toggle(row(WEIGHT_INFERENTIAL));
        model.toggle(row(ROUNDS_LITERAL));
        model.accept();

        assertThat(dialogs.confirms).singleElement().asString().contains("Accept 2 of 4 proposals for T");
        assertThat(model.acceptFailed().get()).isFalse();
        assertThat(model.acceptMessage().get())
                .isEqualTo("Accepted 2 in iteration 2: weight " + SKILL + "/" + INFERENTIAL + " 1.0 → 1.38; rounds "
                        + SKILL + " 2 → 3. 2 recorded as not accepted.");
        assertThat(weight(ws, INFERENTIAL)).isEqualTo(1.38);
        assertThat(weight(ws, LITERAL)).isEqualTo(1.0);
        assertThat(ws.flows().find(SKILL).orElseThrow().rounds()).isEqualTo(3);
        assertThat(recorded(ws, 2))
                .isEqualTo(Map.of(
                        WEIGHT_INFERENTIAL, true, WEIGHT_LITERAL, false, ROUNDS_LITERAL, true, GOAL_LITERAL, false));
        // the suggester's prompt unchanged: the goal was passed over
        assertThat(row(GOAL_LITERAL).proposal().from()).isEqualTo("suggester v1");
        assertThat(row(GOAL_LITERAL).decidedText()).isEqualTo("not accepted");
        // read again: Literal's unchanged proposal shows it was passed over; the accepted ones propose next steps
        assertThat(row(WEIGHT_LITERAL).decidedText()).isEqualTo("not accepted");
        assertThat(row(ROUNDS_LITERAL).proposal().from()).isEqualTo("3");
        assertThat(row(ROUNDS_LITERAL).decidedText()).isEmpty();
        assertThat(model.proposals()).noneMatch(r -> r.ticked().get());
    }

    @Test
    void undoingTheAcceptancePutsItBackAfterAConfirmationAndOpensItsProposals() {
        plantTwoIterations(ws);
        model.load();
        assertThat(model.undoable().get()).isNull();
        model.undoAccept();
        assertThat(model.acceptMessage().get()).isEqualTo("Nothing to undo: no acceptance of proposals for T stands.");
        model.toggle(row(WEIGHT_INFERENTIAL));
        model.toggle(row(ROUNDS_LITERAL));
        model.accept();
        assertThat(model.undoable().get().iteration()).isEqualTo(2);

        // declined: nothing changes
        dialogs.confirmAnswer = false;
        model.undoAccept();
        assertThat(weight(ws, INFERENTIAL)).isEqualTo(1.38);
        assertThat(dialogs.confirms.get(1))
                .startsWith("Undo acceptance: Undo the acceptance of iteration 2 for T by ann? It puts back:")
                .contains("• the taxonomy of " + SKILL + " as it was (version ")
                .contains("• the refinement rounds of " + SKILL + ": 3 → 2");

        dialogs.confirmAnswer = true;
        model.undoAccept();

        assertThat(weight(ws, INFERENTIAL)).isEqualTo(1.0);
        assertThat(ws.flows().find(SKILL).orElseThrow().rounds()).isEqualTo(2);
        assertThat(model.acceptFailed().get()).isFalse();
        assertThat(model.acceptMessage().get())
                .startsWith("Undid the acceptance of iteration 2: ")
                .endsWith(". 2 proposals open again.");
        // the proposals as before the acceptance, the accepted ones open again
        assertThat(model.proposals())
                .extracting(r -> r.proposal().id() + " " + r.proposal().from() + " → "
                        + r.proposal().to())
                .containsExactly(
                        WEIGHT_INFERENTIAL + " 1.0 → 1.38",
                        WEIGHT_LITERAL + " 1.0 → 0.63",
                        ROUNDS_LITERAL + " 2 → 3",
                        GOAL_LITERAL + " suggester v1 → " + GOAL_TO);
        assertThat(row(WEIGHT_INFERENTIAL).decidedText()).isEmpty();
        assertThat(row(ROUNDS_LITERAL).decidedText()).isEmpty();
        assertThat(model.undoable().get()).isNull();
    }

    /** Literal 20 ties (rounds 2 → 3) and Inferential 20 both-bad (rounds 2 → 1): both cannot hold. */
    @Test
    void conflictingRoundsAreRefusedWithTheServicesSentence() {
        ws.flows().saveRefinement(SKILL, 2, ws.flows().find(SKILL).orElseThrow().goals());
        LoopFixture plant = new LoopFixture(ws);
        plant.plant(LITERAL, Result.TIE, 20);
        plant.plant(INFERENTIAL, Result.BOTH_BAD, 20);
        plant.linkRuns();
        model.target().set(TARGET);
        model.load();

        model.toggle(row("rounds:" + SKILL + "/" + INFERENTIAL));
        model.toggle(row(ROUNDS_LITERAL));
        model.accept();

        assertThat(model.acceptFailed().get()).isTrue();
        assertThat(model.acceptMessage().get())
                .isEqualTo("rounds:" + SKILL + "/" + INFERENTIAL + " and " + ROUNDS_LITERAL
                        + " set the refinement rounds of " + SKILL + " to 1 and 3; accept one of them.");
        assertThat(ws.flows().find(SKILL).orElseThrow().rounds()).isEqualTo(2);
        assertThat(recorded(ws, 1)).isEmpty();
    }

    @Test
    void theRulesParametersRecomputeTheProposalsAndABadOneIsSaidInWords() {
        plantTwoIterations(ws);
        model.load();
        assertThat(model.proposals()).hasSize(4);

        model.alpha().set("x");
        assertThat(model.rulesProblem().get()).startsWith("Alpha is a number");
        model.alpha().set("0");
        assertThat(model.rulesProblem().get()).startsWith("Alpha is how far a weight follows the loss rate");
        assertThat(model.proposals()).hasSize(4);

        // α = 0.5: Inferential 1.0 × (1 + 0.5 · 0.375) = 1.1875 → 1.19; Literal 1 − 0.1875 = 0.8125 → 0.81
        model.alpha().set("0.5");
        assertThat(model.rulesProblem().get()).isEmpty();
        assertThat(model.rules().get().alpha()).isEqualTo(0.5);
        assertThat(model.proposals()).extracting(r -> r.proposal().to()).containsExactly("1.19", "0.81", "3", GOAL_TO);
        assertThat(ProposalsPane.rule(model.rules().get())).contains("α = 0.5").contains("at least 20 decided");

        model.minBattles().set("21");
        assertThat(model.proposals()).isEmpty();
        assertThat(model.proposalsMessage().get())
                .isEqualTo("Nothing to propose: no category has 21 or more decided battles of T (the most is 20).");
    }

    @Test
    void theEvidenceOfTheSelectedProposalIsItsBattlesWithHowTheyWent() {
        plantTwoIterations(ws);
        model.load();

        model.selected().set(row(ROUNDS_LITERAL));

        assertThat(model.evidence()).hasSize(20);
        assertThat(model.evidence()).allSatisfy(e -> {
            assertThat(e.decision()).isEqualTo("tie (judge)");
            assertThat(e.prompt()).startsWith(LITERAL + " question");
            assertThat(List.of(e.modelA(), e.modelB())).containsExactlyInAnyOrder("T", "O");
        });
        assertThat(model.evidenceMessage().get()).isEqualTo("20 battles behind " + ROUNDS_LITERAL + ".");
        model.selected().set(row(WEIGHT_INFERENTIAL));
        assertThat(model.evidence())
                .extracting(LoopViewModel.EvidenceRow::decision)
                .containsOnly("T lost (judge)", "T won (judge)");
        assertThat(model.evidence().stream().filter(e -> e.decision().equals("T lost (judge)")))
                .hasSize(15);
    }

    @Test
    void startingAnIterationAddsARowWithItsNote() {
        plantTwoIterations(ws);
        model.load();
        model.note().set("after the weights");

        model.startIteration();

        assertThat(dialogs.confirms)
                .singleElement()
                .asString()
                .startsWith("Start iteration 3: Start iteration 3 for T");
        assertThat(model.iterations()).extracting(IterationRow::number).containsExactly(1, 2, 3);
        assertThat(model.iterations().get(2).status().iteration().note()).isEqualTo("after the weights");
        assertThat(model.iterations().get(2).status().iteration().targetModel()).isEqualTo(TARGET);
        assertThat(model.note().get()).isEmpty();

        dialogs.confirmAnswer = false;
        model.startIteration();
        assertThat(ws.iterations().iterations()).hasSize(3);
    }

    @Test
    void outsideTextInTheBattlesListIsOneLineWithItsBidiControlsShown() {
        assertThat(LoopViewModel.shown(" pay \u202Etxt.exe\n\tnow ")).isEqualTo("pay [U+202E]txt.exe now");
    }
}
