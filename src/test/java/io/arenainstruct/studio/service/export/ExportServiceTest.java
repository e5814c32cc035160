package io.arenainstruct.studio.service.export;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.arenainstruct.studio.domain.adjudication.HumanVote;
import io.arenainstruct.studio.domain.arena.ArenaResponse;
import io.arenainstruct.studio.domain.arena.Battle;
import io.arenainstruct.studio.domain.arena.BattleStatus;
import io.arenainstruct.studio.domain.arena.GradedLabel;
import io.arenainstruct.studio.domain.arena.Outcome;
import io.arenainstruct.studio.domain.arena.Verdict;
import io.arenainstruct.studio.domain.arena.VerdictSource;
import io.arenainstruct.studio.domain.provenance.AgentCall;
import io.arenainstruct.studio.service.curation.CurationOptions;
import io.arenainstruct.studio.service.task.Cancellation;
import io.arenainstruct.studio.service.workspace.TestWorkspaces;
import io.arenainstruct.studio.service.workspace.Workspace;
import io.arenainstruct.studio.service.workspace.WorkspaceRepositories;
import io.arenainstruct.studio.store.ArenaRepository;
import io.arenainstruct.studio.store.BattleRepository;
import io.arenainstruct.studio.store.TestStores;
import io.arenainstruct.studio.ui.arena.ArenaFixture;

/**
 * Selection from battles planted by hand. Seven battles; what each one is, and so every expected row and count:
 *
 * <ol>
 *   <li>m1 vs m2, judge j: A>B in both games: m1 wins, weakly.
 *   <li>m1 vs m2, judge j: A>>B in both games: m1 wins, strongly.
 *   <li>m2 vs m3, judge j: A>B (m2), but a person says B: people decide, m3 wins (the judges, m2).
 *   <li>m1 vs m3, judge j: a tie.
 *   <li>m1 vs m2, a person says both bad.
 *   <li>m1 vs m2, judge j's games contradict each other: a tie, flagged inconsistent.
 *   <li>m2 vs m3, not judged.
 * </ol>
 */
class ExportServiceTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path tmp;

    private Workspace ws;
    private ArenaFixture arena;
    private BattleRepository battles;
    private final List<Long> ids = new ArrayList<>();

    @BeforeEach
    void plant() {
        ws = TestWorkspaces.open(tmp.resolve("store"));
        arena = new ArenaFixture(ws);
        battles = new BattleRepository(WorkspaceRepositories.store(ws));
        ids.add(arena.battle("Q1", "m1", "one by m1", "m2", "one by m2"));
        arena.judged(
                ids.get(0),
                "j",
                GradedLabel.A_BETTER,
                GradedLabel.B_BETTER,
                GradedLabel.A_BETTER,
                BattleStatus.JUDGED,
                false);
        ids.add(arena.battle("Q2", "m1", "two by m1", "m2", "two by m2"));
        arena.judged(
                ids.get(1),
                "j",
                GradedLabel.A_MUCH_BETTER,
                GradedLabel.B_MUCH_BETTER,
                GradedLabel.A_MUCH_BETTER,
                BattleStatus.JUDGED,
                false);
        ids.add(arena.battle("Q3", "m2", "three by m2", "m3", "three by m3"));
        arena.judged(
                ids.get(2),
                "j",
                GradedLabel.A_BETTER,
                GradedLabel.B_BETTER,
                GradedLabel.A_BETTER,
                BattleStatus.JUDGED,
                false);
        arena.human(ids.get(2), "ann", Outcome.B, BattleStatus.ADJUDICATED);
        ids.add(arena.battle("Q4", "m1", "four by m1", "m3", "four by m3"));
        arena.judged(ids.get(3), "j", GradedLabel.TIE, GradedLabel.TIE, GradedLabel.TIE, BattleStatus.JUDGED, false);
        ids.add(arena.battle("Q5", "m1", "five by m1", "m2", "five by m2"));
        arena.human(ids.get(4), "ann", Outcome.BOTH_BAD, BattleStatus.ADJUDICATED);
        ids.add(arena.battle("Q6", "m1", "six by m1", "m2", "six by m2"));
        arena.judged(
                ids.get(5),
                "j",
                GradedLabel.A_BETTER,
                GradedLabel.A_BETTER,
                GradedLabel.TIE,
                BattleStatus.DISPUTED,
                true);
        ids.add(arena.battle("Q7", "m2", "seven by m2", "m3", "seven by m3"));
    }

    @AfterEach
    void close() {
        ws.close();
    }

    private ExportPlan plan(SelectionRules rules, ExportFormat format) {
        return ws.exports().plan(rules, format, null, Cancellation.NEVER);
    }

    private List<ExportRow> rows(ExportPlan plan) {
        List<ExportRow> out = new ArrayList<>();
        ws.exports().rows(plan, true, Cancellation.NEVER).forEachRemaining(out::add);
        return out;
    }

    private static List<String> answers(List<ExportRow> rows) {
        return rows.stream().map(ExportServiceTest::answer).toList();
    }

    private static String answer(ExportRow r) {
        if (r instanceof ExportRow.Sft s) {
            return s.conversation().get(s.conversation().size() - 1).content();
        }
        if (r instanceof ExportRow.Preference p) {
            return p.chosen() + " > " + p.rejected();
        }
        ExportRow.Unpaired u = (ExportRow.Unpaired) r;
        return u.completion() + (u.label() ? " good" : " bad");
    }

    @Test
    void sftTakesTheWinnerOfEveryDecidedBattleAndCountsWhatEachRuleLeftOut() {
        ExportPlan plan = plan(SelectionRules.of(ExportSelect.SFT), ExportFormat.OPENAI);

        assertThat(answers(rows(plan))).containsExactly("one by m1", "two by m1", "three by m3");
        SelectionCounts c = plan.counts();
        assertThat(c.considered()).isEqualTo(7);
        assertThat(c.rows()).isEqualTo(3);
        assertThat(c.removed())
                .containsExactly(
                        Map.entry(BattleSource.TIE, 1L),
                        Map.entry(BattleSource.BOTH_BAD, 1L),
                        Map.entry(BattleSource.INCONSISTENT, 1L),
                        Map.entry(BattleDecision.NOT_JUDGED, 1L));
        assertThat(c.summary())
                .isEqualTo("3 of 7 battles give 3 rows; left out: 1 was a tie, 1 was both bad, 1 had a judge whose"
                        + " games contradict each other, 1 was not judged yet.");
        assertThat(c.perCategory()).containsExactly(Map.entry(ExportItem.NO_CATEGORY, 3L));
    }

    @Test
    void withATargetOnlyTheBattlesItLostGiveRows() {
        // m2 is in battles 1, 2, 3, 5, 6, 7: it lost 1, 2 (to m1) and 3 (to m3, by the person's verdict).
        ExportPlan plan = plan(SelectionRules.of(ExportSelect.DPO).withTarget("m2"), ExportFormat.DPO);
        assertThat(answers(rows(plan)))
                .containsExactly("one by m1 > one by m2", "two by m1 > two by m2", "three by m3 > three by m2");
        assertThat(plan.counts().considered()).isEqualTo(6);

        // the judges alone say m2 won battle 3
        ExportPlan judges = plan(
                SelectionRules.of(ExportSelect.DPO).withTarget("m2").withVerdicts(VerdictUse.JUDGE_ONLY),
                ExportFormat.DPO);
        assertThat(answers(rows(judges))).containsExactly("one by m1 > one by m2", "two by m1 > two by m2");
        assertThat(judges.counts().removed()).containsEntry("were not lost by m2", 1L);

        assertThatThrownBy(() -> plan(SelectionRules.of(ExportSelect.SFT).withTarget("m9"), ExportFormat.OPENAI))
                .hasMessage("There is no model named m9; the models are m1, m2, m3.");
    }

    @Test
    void humanOnlyStrongOnlyAndTheNothingSelectedSentence() {
        assertThat(answers(rows(plan(
                        SelectionRules.of(ExportSelect.SFT).withVerdicts(VerdictUse.HUMAN_ONLY), ExportFormat.OPENAI))))
                .containsExactly("three by m3");
        assertThat(answers(rows(plan(SelectionRules.of(ExportSelect.SFT).withStrongOnly(true), ExportFormat.OPENAI))))
                .as("the person's verdict on battle 3 is not held to the judges' strength")
                .containsExactly("two by m1", "three by m3");

        ExportPlan none = plan(
                SelectionRules.of(ExportSelect.SFT).withTarget("m1").withScope(null, null, null, null),
                ExportFormat.OPENAI);
        // m1 is in battles 1, 2, 4, 5, 6 and lost none of them
        assertThat(none.counts().rows()).isZero();
        assertThat(none.counts().nothingSelected())
                .isEqualTo("Nothing to export: of 5 battles, 2 were not lost by m1, 1 was a tie, 1 was both bad, 1"
                        + " had a judge whose games contradict each other.");
    }

    @Test
    void ktoLabelsWinnersGoodLosersBadAndBothBadWhenAsked() {
        ExportPlan plan =
                plan(SelectionRules.of(ExportSelect.KTO).withBothBad(true).withTies(true), ExportFormat.KTO);
        assertThat(answers(rows(plan)))
                .containsExactly(
                        "one by m1 good", "one by m2 bad",
                        "two by m1 good", "two by m2 bad",
                        "three by m2 bad", "three by m3 good",
                        "four by m1 good", "four by m3 good",
                        "five by m1 bad", "five by m2 bad");
        assertThat(plan.counts().kept()).isEqualTo(5);
        assertThat(plan.counts().rows()).isEqualTo(10);
    }

    @Test
    void aScoreJudgesGapMustReachTheMinimum() {
        // battle 7: a score judge gives m2 8 and m3 6.5: gap 1.5
        battles.addVerdicts(ids.get(6), List.of(scored(ids.get(6), 8.0, 6.5)), BattleStatus.JUDGED, false);
        SelectionRules rules = SelectionRules.of(ExportSelect.SFT).withScope(null, null, null, null);
        assertThat(answers(rows(plan(rules.withMinGap(1.5), ExportFormat.OPENAI))))
                .contains("seven by m2");
        ExportPlan strict = plan(rules.withMinGap(2.0), ExportFormat.OPENAI);
        assertThat(answers(rows(strict))).doesNotContain("seven by m2");
        assertThat(strict.counts().removed()).containsEntry(BattleSource.SMALL_GAP, 1L);
    }

    @Test
    void anUnknownDatasetIsNamedNotTakenForAnEmptyStore() {
        // not "there are no battles to choose from (create battles and judge them...)": the name is mistyped
        assertThatThrownBy(() -> plan(
                        SelectionRules.of(ExportSelect.SFT).withScope(null, "plantd", null, null), ExportFormat.OPENAI))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("There is no dataset named plantd; the datasets are planted.");
        assertThat(plan(SelectionRules.of(ExportSelect.SFT).withScope(null, "planted", null, null), ExportFormat.OPENAI)
                        .counts()
                        .rows())
                .isEqualTo(3);
    }

    @Test
    void nothingInTheScopeChosenSaysSoRatherThanAskingForBattles() {
        ExportPlan none =
                plan(SelectionRules.of(ExportSelect.SFT).withScope(null, null, null, "nope"), ExportFormat.OPENAI);
        assertThat(none.counts().nothingSelected())
                .isEqualTo("Nothing to export: no battles match the scope chosen (category nope).");
        ExportPlan runs = plan(
                SelectionRules.of(ExportSelect.INSTRUCTIONS).withScope(7L, null, "reading", "nope"),
                ExportFormat.OPENAI);
        assertThat(runs.counts().nothingSelected())
                .isEqualTo("Nothing to export: no instructions match the scope chosen (run 7, skill reading, category"
                        + " nope).");
        ExportPlan empty = plan(SelectionRules.of(ExportSelect.INSTRUCTIONS), ExportFormat.OPENAI);
        assertThat(empty.counts().nothingSelected())
                .isEqualTo("Nothing to export: there are no instructions to choose from (run a flow first).");
    }

    @Test
    void theSelectionMustFitTheFormat() {
        assertThatThrownBy(() -> plan(SelectionRules.of(ExportSelect.DPO), ExportFormat.OPENAI))
                .hasMessage("The dpo selection gives preference pairs, which the openai format does not hold; write"
                        + " them as dpo, dpo-chat.");
    }

    @Test
    void bestPairOnlyKeepsTheSurestPairOfAPrompt() {
        // a second battle on Q1's instruction: m3 against m1, m3 winning strongly by the judge
        long second = battleOnSamePrompt();
        // the store may keep the two models in either order: judge for whichever side m3 is on
        GradedLabel forM3 = ws.battles().battle(second).orElseThrow().modelA().equals("m3")
                ? GradedLabel.A_MUCH_BETTER
                : GradedLabel.B_MUCH_BETTER;
        arena.judged(second, "j", forM3, forM3.swapped(), forM3, BattleStatus.JUDGED, false);
        SelectionRules rules = SelectionRules.of(ExportSelect.DPO);
        assertThat(answers(rows(plan(rules, ExportFormat.DPO)))).hasSize(4);
        ExportPlan best = plan(rules.withBestPairOnly(true), ExportFormat.DPO);
        assertThat(answers(rows(best)))
                .containsExactly("two by m1 > two by m2", "three by m3 > three by m2", "one by m3 > one by m1");
        assertThat(best.counts().removed()).containsEntry(ExportService.NOT_BEST, 1L);
    }

    @Test
    void dedupDropsTheRowsOfADuplicatePromptAndKeepsTheLowestId() {
        long copy = arena.battle("q1", "m1", "again by m1", "m2", "again by m2"); // "Q1" once normalised
        arena.judged(
                copy,
                "j",
                GradedLabel.A_BETTER,
                GradedLabel.B_BETTER,
                GradedLabel.A_BETTER,
                BattleStatus.JUDGED,
                false);
        ExportPlan plan = ws.exports()
                .plan(
                        SelectionRules.of(ExportSelect.SFT),
                        ExportFormat.OPENAI,
                        new ExportService.Curation(CurationOptions.defaults(), List.of()),
                        Cancellation.NEVER);
        assertThat(answers(rows(plan))).containsExactly("one by m1", "two by m1", "three by m3");
        assertThat(plan.counts().removed()).containsEntry(ExportService.DUPLICATE, 1L);
        assertThat(plan.curation().clusters()).hasSize(1);
    }

    @Test
    void theSameStoreAndRulesWriteTheSameBytesWithMetadata() throws Exception {
        ExportPlan plan = plan(SelectionRules.of(ExportSelect.DPO), ExportFormat.DPO_CHAT);
        Path first = tmp.resolve("a.jsonl");
        Path second = tmp.resolve("b.jsonl");
        assertThat(ws.exports().write(plan, first, true, false, Cancellation.NEVER))
                .isEqualTo(3);
        ExportPlan again = plan(SelectionRules.of(ExportSelect.DPO), ExportFormat.DPO_CHAT);
        ws.exports().write(again, second, true, false, Cancellation.NEVER);
        assertThat(Files.readAllBytes(second)).isEqualTo(Files.readAllBytes(first));

        List<String> lines = Files.readAllLines(first, StandardCharsets.UTF_8);
        JsonNode third = JSON.readTree(lines.get(2));
        assertThat(third.get("chosen").get(0).get("content").asText()).isEqualTo("three by m3");
        JsonNode meta = third.get("metadata");
        assertThat(meta.get("battle").asLong()).isEqualTo(ids.get(2));
        assertThat(meta.get("decided_by").asText()).isEqualTo("people");
        assertThat(meta.get("winner").asText()).isEqualTo("m3");
        assertThat(meta.get("datasets").get(0).get("name").asText()).isEqualTo("planted");
        assertThat(meta.get("judge_games")).hasSize(3);
        assertThat(meta.get("people").get(0).get("annotator").asText()).isEqualTo("ann");
    }

    @Test
    void anAnswerAPersonEditedAndPreferredIsTheAnswerExported() {
        // battle 1: the judge gives it to m1; a person edits m2's answer and prefers the edit
        Battle one = ws.battles().battle(ids.get(0)).orElseThrow();
        ArenaRepository repo = new ArenaRepository(WorkspaceRepositories.store(ws));
        ArenaResponse byM2 = repo.response(one.responseB()).orElseThrow();
        long edited =
                ws.adjudication().edit(byM2, "one by m2, corrected", "ann").orElseThrow();
        ws.adjudication()
                .vote(HumanVote.shown(one.id(), "ann", GradedLabel.B_BETTER, false, false)
                        .preferring(edited));

        SelectionRules sft = SelectionRules.of(ExportSelect.SFT);
        assertThat(answers(rows(plan(sft, ExportFormat.OPENAI))))
                .containsExactly("one by m2, corrected", "two by m1", "three by m3");
        assertThat(answers(rows(plan(SelectionRules.of(ExportSelect.DPO), ExportFormat.DPO))))
                .startsWith("one by m2, corrected > one by m1");
        // the judges alone: m1's own answer, and m2's as the model gave it
        assertThat(answers(rows(plan(
                        SelectionRules.of(ExportSelect.DPO).withVerdicts(VerdictUse.JUDGE_ONLY), ExportFormat.DPO))))
                .startsWith("one by m1 > one by m2");
    }

    @Test
    void aPromptImportedFirstAndLaterARunsFinalTextNamesThatRunAndSkill() throws Exception {
        // battle 1's prompt came from a dataset; run 5's instruction 900 (skill "reading") has the same final text,
        // so a take-in links it as it is (decision 0010): the export names run 5, its skill and instruction
        long prompt = ws.battles().battle(ids.get(0)).orElseThrow().instructionId();
        WorkspaceRepositories.store(ws).write(c -> {
            try (Statement st = c.createStatement()) {
                TestStores.checkReferences(c, false);
                st.execute("INSERT INTO instruction (id, run_id, skill, seed_id, passage_id, slot, category,"
                        + " rounds_planned, rounds_done, generated, instruction, response, status, created_at)"
                        + " VALUES (900, 5, 'reading', 1, 1, 0, 'Inference', 0, 0, 'Q1', 'Q1', 'a', 'complete',"
                        + " CURRENT_TIMESTAMP)");
                st.execute("INSERT INTO arena_run_instruction (run_instruction_id, instruction_id) VALUES (900, "
                        + prompt + ")");
                TestStores.checkReferences(c, true);
            }
            return null;
        });
        SelectionRules rules = SelectionRules.of(ExportSelect.SFT).withScope(5L, null, "reading", null);
        ExportPlan plan = plan(rules, ExportFormat.OPENAI);
        List<ExportRow> rows = rows(plan);
        assertThat(answers(rows)).containsExactly("one by m1");
        Map<String, Object> meta = rows.get(0).metadata();
        assertThat(meta.get("run")).isEqualTo(5L);
        assertThat(meta.get("skill")).isEqualTo("reading");
        assertThat(meta.get("run_instruction")).isEqualTo(900L);
        assertThat(plan.counts().perSkill()).containsExactly(Map.entry("reading", 1L));
    }

    @Test
    void anIterationScopeTakesTheBattlesMadeInIt() {
        // the seven battles are iteration 1's; iteration 2 starts, then battle 8 (m1 beats m3) is made in it
        ws.iterations().start("m3", null);
        long eighth = arena.battle("Q8", "m1", "eight by m1", "m3", "eight by m3");
        arena.judged(
                eighth,
                "j",
                GradedLabel.A_BETTER,
                GradedLabel.B_BETTER,
                GradedLabel.A_BETTER,
                BattleStatus.JUDGED,
                false);
        SelectionRules sft = SelectionRules.of(ExportSelect.SFT);
        assertThat(answers(rows(plan(sft.withIteration(2), ExportFormat.OPENAI))))
                .containsExactly("eight by m1");
        ExportPlan first = plan(sft.withIteration(1), ExportFormat.OPENAI);
        assertThat(answers(rows(first))).containsExactly("one by m1", "two by m1", "three by m3");
        assertThat(first.counts().removed()).containsEntry(InstructionSource.OTHER_ITERATION, 1L);
        assertThat(answers(rows(plan(sft, ExportFormat.OPENAI))))
                .containsExactly("one by m1", "two by m1", "three by m3", "eight by m1");
        assertThatThrownBy(() -> plan(sft.withIteration(3), ExportFormat.OPENAI))
                .hasMessage("There is no iteration 3; the iterations are 1 to 2.");
    }

    /** A battle m3 against m1 on battle 1's instruction, m3 answering "one by m3". */
    private long battleOnSamePrompt() {
        ArenaRepository repo = new ArenaRepository(WorkspaceRepositories.store(ws));
        long instruction = ws.battles().battle(ids.get(0)).orElseThrow().instructionId();
        long m3 = repo.addResponse(ArenaResponse.imported(instruction, "m3", "one by m3", null));
        long m1 = repo.responses(instruction).stream()
                .filter(r -> r.model().equals("m1"))
                .findFirst()
                .orElseThrow()
                .id();
        return battles.create(List.of(new Battle(
                        0, instruction, "m3", "m1", m3, m1, 1, "all-pairs", null, BattleStatus.UNJUDGED, false, null)))
                .ids()
                .get(0);
    }

    private static Verdict scored(long battle, double a, double b) {
        return new Verdict(
                0,
                battle,
                VerdictSource.JUDGE,
                0,
                false,
                "scorer",
                a > b ? Outcome.A : Outcome.B,
                null,
                null,
                a,
                b,
                null,
                AgentCall.NONE,
                false,
                "s:" + battle,
                null,
                null);
    }
}
