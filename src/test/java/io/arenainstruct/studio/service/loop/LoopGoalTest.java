package io.arenainstruct.studio.service.loop;

import static io.arenainstruct.studio.service.loop.LoopFixture.INFERENTIAL;
import static io.arenainstruct.studio.service.loop.LoopFixture.LITERAL;
import static io.arenainstruct.studio.service.loop.LoopFixture.SKILL;
import static io.arenainstruct.studio.service.loop.LoopFixture.TARGET;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.arenainstruct.studio.domain.flow.Agent;
import io.arenainstruct.studio.domain.flow.Prompt;
import io.arenainstruct.studio.domain.flow.PromptVersion;
import io.arenainstruct.studio.domain.loop.Acceptance;
import io.arenainstruct.studio.domain.loop.LoopReport;
import io.arenainstruct.studio.domain.loop.LoopRules;
import io.arenainstruct.studio.domain.loop.Proposal;
import io.arenainstruct.studio.domain.loop.ProposalKind;
import io.arenainstruct.studio.domain.loop.UndoneAcceptance;
import io.arenainstruct.studio.service.loop.LoopFixture.Result;
import io.arenainstruct.studio.service.workspace.TestWorkspaces;
import io.arenainstruct.studio.service.workspace.Workspace;

/**
 * Goal proposals. Planted: the flow's rounds set to 2; Literal 20 ties (ties 100% ≥ 60%: easy); Inferential 20
 * both-bad (too hard). T loses none, so no weights move. Literal gets rounds 2 → 3 and a harder suggester goal; the
 * shipped suggester prompt is version 1 and holds no goal for a category.
 */
class LoopGoalTest {
    static final String GOAL_LITERAL = "goal:" + SKILL + "/" + LITERAL;
    static final String ROUNDS_LITERAL = "rounds:" + SKILL + "/" + LITERAL;
    /** The goal for a category whose battles tie, as decision 0016 words it. */
    static final String TIES_GOAL = "make the instruction need a careful answer: add a constraint, a subtle detail or a"
            + " second step that a quick answer misses, so that a good answer and a weak one no longer come out even";

    static final String HEADER = "Harder goals for some categories, set by the loop (this instruction's category is"
            + " {{category}}; when a line below names it, work towards that goal first):";

    @TempDir
    Path tmp;

    private Workspace ws;

    @BeforeEach
    void open() {
        ws = TestWorkspaces.open(tmp.resolve("store"));
        plantEasyLiteral(ws);
    }

    /** The planting of this class, for the command line test too. */
    static void plantEasyLiteral(Workspace ws) {
        LoopFixture plant = new LoopFixture(ws);
        ws.flows().saveRefinement(SKILL, 2, ws.flows().find(SKILL).orElseThrow().goals());
        plant.plant(LITERAL, Result.TIE, 20);
        plant.plant(INFERENTIAL, Result.BOTH_BAD, 20);
        plant.linkRuns();
    }

    @AfterEach
    void close() {
        ws.close();
    }

    private static Map<String, Proposal> byId(LoopReport r) {
        return r.proposals().stream().collect(Collectors.toMap(Proposal::id, Function.identity()));
    }

    private Agent suggester() {
        return ws.flows().find(SKILL).orElseThrow().suggester();
    }

    @Test
    void anEasyCategoryGetsMoreRoundsAndAHarderGoal() {
        Map<String, Proposal> p = byId(ws.loop().propose(TARGET, LoopRules.defaults()));

        Proposal rounds = p.get(ROUNDS_LITERAL);
        assertThat(List.of(rounds.from(), rounds.to())).containsExactly("2", "3");
        Proposal goal = p.get(GOAL_LITERAL);
        assertThat(goal.kind()).isEqualTo(ProposalKind.GOAL);
        assertThat(List.of(goal.from(), goal.to())).containsExactly("suggester v1", TIES_GOAL);
        assertThat(goal.reason())
                .isEqualTo("T ties 100% of 20 battles in Literal understanding (the instructions look too easy): give"
                        + " the suggester of reading-comprehension a harder goal for Literal understanding, as a new"
                        + " version of its prompt (suggester v1)");
        assertThat(goal.evidence()).isEqualTo(rounds.evidence()).hasSize(20);
        // the too-hard category gets none
        assertThat(p).doesNotContainKey("goal:" + SKILL + "/" + INFERENTIAL);
    }

    @Test
    void acceptingTheGoalSavesASuggesterVersionHoldingItAndUndoRevertsIt() {
        Prompt shipped = suggester().prompt();

        Acceptance a = ws.loop().accept(TARGET, LoopRules.defaults(), List.of(ROUNDS_LITERAL, GOAL_LITERAL), "ann");

        assertThat(a.applied())
                .containsExactly(
                        "rounds " + SKILL + " 2 → 3",
                        "goal " + SKILL + "/" + LITERAL + ": suggester v1 → v2 with a harder goal for " + LITERAL);
        Agent s = suggester();
        assertThat(s.version()).isEqualTo(2);
        assertThat(s.prompt().user()).isEqualTo(shipped.user());
        assertThat(s.prompt().system())
                .isEqualTo(shipped.system().stripTrailing() + "\n\n" + HEADER + "\n- " + LITERAL + ": " + TIES_GOAL
                        + "\n");
        List<PromptVersion> history = ws.flows().history(SKILL, "suggester");
        assertThat(history.get(history.size() - 1).note())
                .isEqualTo("loop: accepted " + GOAL_LITERAL + " in iteration 1");

        // the prompt holds the goal now: no goal proposal, a note instead; the rounds step on (3 → 4)
        LoopReport again = ws.loop().propose(TARGET, LoopRules.defaults());
        assertThat(byId(again)).doesNotContainKey(GOAL_LITERAL);
        assertThat(byId(again).get(ROUNDS_LITERAL).to()).isEqualTo("4");
        assertThat(again.notes())
                .contains("T ties 100% of 20 battles in Literal understanding, but the suggester of"
                        + " reading-comprehension (suggester v2) already has a harder goal for it: " + TIES_GOAL + ".");

        UndoneAcceptance undo = ws.loop().undoAccept(TARGET, "bob");

        assertThat(undo.restored())
                .containsExactly(
                        "prompt " + SKILL + "/suggester: version 1 restored as version 3",
                        "rounds " + SKILL + " 3 → 2");
        assertThat(undo.proposals()).containsExactly(GOAL_LITERAL, ROUNDS_LITERAL);
        assertThat(suggester().prompt()).isEqualTo(shipped);
        assertThat(suggester().version()).isEqualTo(3);
        assertThat(ws.flows().find(SKILL).orElseThrow().rounds()).isEqualTo(2);
        assertThat(byId(ws.loop().propose(TARGET, LoopRules.defaults()))
                        .get(GOAL_LITERAL)
                        .from())
                .isEqualTo("suggester v3");
    }

    @Test
    void anUndoSaysWhichLaterPromptEditsItSetsAside() {
        Prompt shipped = suggester().prompt();
        ws.loop().accept(TARGET, LoopRules.defaults(), List.of(GOAL_LITERAL), "ann");
        Prompt withGoal = suggester().prompt();
        ws.flows().savePrompt(SKILL, "suggester", new Prompt(withGoal.system() + "Be brief.\n", withGoal.user()), "x");

        UndoneAcceptance undo = ws.loop().undoAccept(TARGET, "bob");

        assertThat(undo.restored())
                .containsExactly(
                        "prompt " + SKILL + "/suggester: version 1 restored as version 4 (version 3, made after"
                                + " the acceptance, is set aside too; it stays listed)");
        assertThat(suggester().prompt()).isEqualTo(shipped);
    }
}
