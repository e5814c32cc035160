package io.arenainstruct.studio.service.export;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.arenainstruct.studio.domain.arena.ArenaInstruction;
import io.arenainstruct.studio.domain.arena.ArenaResponse;
import io.arenainstruct.studio.domain.arena.Battle;
import io.arenainstruct.studio.domain.arena.BattleStatus;
import io.arenainstruct.studio.domain.arena.GradedLabel;
import io.arenainstruct.studio.domain.llm.Message;
import io.arenainstruct.studio.service.curation.CurationOptions;
import io.arenainstruct.studio.service.curation.StoreItems;
import io.arenainstruct.studio.service.task.Cancellation;
import io.arenainstruct.studio.service.workspace.TestWorkspaces;
import io.arenainstruct.studio.service.workspace.Workspace;
import io.arenainstruct.studio.service.workspace.WorkspaceRepositories;
import io.arenainstruct.studio.store.ArenaRepository;
import io.arenainstruct.studio.store.ArenaRepository.Item;
import io.arenainstruct.studio.store.ArenaRepository.ItemResponse;
import io.arenainstruct.studio.store.BattleRepository;
import io.arenainstruct.studio.ui.arena.ArenaFixture;

/**
 * Battles whose rows no format could hold, as imported files can make them (a Chatbot-Arena row is not checked for
 * empty or out-of-order turns, and two models may answer alike): each is left out under a rule the counts name, and
 * the export writes the others instead of stopping at a row {@link RowRules} refuses. Every battle here is m1
 * against m2, judged A>B (m1 wins), so each would otherwise give a row.
 */
class ExportUnfitBattlesTest {
    @TempDir
    Path tmp;

    private Workspace ws;
    private ArenaFixture fixture;
    private ArenaRepository arena;
    private BattleRepository battles;

    @BeforeEach
    void open() {
        ws = TestWorkspaces.open(tmp.resolve("store"));
        fixture = new ArenaFixture(ws);
        arena = new ArenaRepository(WorkspaceRepositories.store(ws));
        battles = new BattleRepository(WorkspaceRepositories.store(ws));
    }

    @AfterEach
    void close() {
        ws.close();
    }

    /** A battle of m1 against m2 on the conversation, m1 winning by the judge. */
    private long battle(List<Message> context, String prompt, String byM1, String byM2) {
        long i = arena.add(
                        "planted",
                        "prompts",
                        List.of(new Item(
                                ArenaInstruction.of(context, prompt, null, null),
                                null,
                                List.of(new ItemResponse("m1", byM1, null), new ItemResponse("m2", byM2, null)))))
                .instructionIds()
                .get(0);
        Map<String, Long> r =
                arena.responses(i).stream().collect(Collectors.toMap(ArenaResponse::model, ArenaResponse::id));
        long id = battles.create(List.of(new Battle(
                        0,
                        i,
                        "m1",
                        "m2",
                        r.get("m1"),
                        r.get("m2"),
                        1,
                        "all-pairs",
                        null,
                        BattleStatus.UNJUDGED,
                        false,
                        null)))
                .ids()
                .get(0);
        fixture.judged(
                id, "j", GradedLabel.A_BETTER, GradedLabel.B_BETTER, GradedLabel.A_BETTER, BattleStatus.JUDGED, false);
        return id;
    }

    private ExportPlan plan(ExportSelect select, ExportFormat format) {
        return ws.exports().plan(SelectionRules.of(select), format, null, Cancellation.NEVER);
    }

    /** Writes the plan and returns its lines; a row the format refuses would throw here. */
    private List<String> written(ExportPlan plan) throws Exception {
        Path file = tmp.resolve(plan.format().id() + "-" + plan.rules().select().id() + ".jsonl");
        ws.exports().write(plan, file, true, true, Cancellation.NEVER);
        return Files.readAllLines(file, StandardCharsets.UTF_8);
    }

    @Test
    void aBattleWhoseTwoAnswersAreTheSameGivesNoPairAndNoContradictoryLabels() throws Exception {
        battle(List.of(), "Say hi.", "Hi!", "Hi!");
        battle(List.of(), "Fine?", "yes", "no");

        for (ExportFormat f : List.of(ExportFormat.DPO, ExportFormat.DPO_CHAT)) {
            ExportPlan dpo = plan(ExportSelect.DPO, f);
            assertThat(dpo.counts().removed()).containsExactly(Map.entry(BattleSource.SAME_ANSWERS, 1L));
            assertThat(written(dpo)).hasSize(1).allSatisfy(l -> assertThat(l).contains("Fine?"));
        }
        // KTO would label the same answer to the same prompt both good and bad
        ExportPlan kto = plan(ExportSelect.KTO, ExportFormat.KTO);
        assertThat(kto.counts().removed()).containsExactly(Map.entry(BattleSource.SAME_ANSWERS, 1L));
        assertThat(written(kto)).hasSize(2);
        // the winner's answer alone is a fine SFT row
        assertThat(written(plan(ExportSelect.SFT, ExportFormat.OPENAI))).hasSize(2);
    }

    @Test
    void aBlankPromptIsLeftOutInEveryFormat() throws Exception {
        battle(List.of(), " ", "an answer", "another answer");
        battle(List.of(), "Fine?", "yes", "no");

        for (ExportFormat f : ExportFormat.values()) {
            ExportSelect select = f.kind() == ExportFormat.Kind.SFT ? ExportSelect.SFT : ExportSelect.defaultFor(f);
            ExportPlan plan = plan(select, f);
            assertThat(plan.counts().removed()).as(f.id()).containsExactly(Map.entry(BattleSource.BLANK_PROMPT, 1L));
            assertThat(written(plan)).as(f.id()).hasSize(select == ExportSelect.KTO ? 2 : 1);
        }
    }

    @Test
    void earlierTurnsThatAreEmptyOrOutOfOrderAreLeftOutOfTheChatFormats() throws Exception {
        // an earlier answer of nothing; two user turns running; then a sound conversation with a system turn
        battle(List.of(Message.user("First?"), Message.assistant("")), "Second?", "two by m1", "two by m2");
        battle(List.of(Message.user("U1")), "U2", "u by m1", "u by m2");
        battle(List.of(Message.assistant("Hello.")), "Go on.", "go by m1", "go by m2");
        battle(
                List.of(Message.system("Be brief."), Message.user("Hi."), Message.assistant("Hello.")),
                "Name a colour.",
                "Red.",
                "Blue.");

        for (ExportFormat f : List.of(ExportFormat.OPENAI, ExportFormat.SHAREGPT, ExportFormat.DPO_CHAT)) {
            ExportPlan plan = plan(f == ExportFormat.DPO_CHAT ? ExportSelect.DPO : ExportSelect.SFT, f);
            assertThat(plan.counts().removed()).as(f.id()).containsExactly(Map.entry(BattleSource.BROKEN_TURNS, 3L));
            assertThat(written(plan))
                    .as(f.id())
                    .singleElement()
                    .satisfies(l -> assertThat(l).contains("Name a colour."));
        }
    }

    @Test
    void dedupComparesWholeConversationsNotTheirLastTurnAlone() throws Exception {
        battle(
                List.of(Message.user("Tell me about cats."), Message.assistant("Cats purr.")),
                "Go on.",
                "cats by m1",
                "cats by m2");
        battle(
                List.of(Message.user("Tell me about Rome."), Message.assistant("Rome is old.")),
                "Go on.",
                "rome by m1",
                "rome by m2");
        // the cats conversation again, its last turn differing in case and punctuation only: a duplicate
        battle(
                List.of(Message.user("Tell me about cats."), Message.assistant("Cats purr.")),
                "go on",
                "again by m1",
                "again by m2");

        ExportPlan plan = ws.exports()
                .plan(
                        SelectionRules.of(ExportSelect.SFT),
                        ExportFormat.OPENAI,
                        new ExportService.Curation(CurationOptions.defaults(), List.of()),
                        Cancellation.NEVER);
        assertThat(plan.counts().removed()).containsExactly(Map.entry(ExportService.DUPLICATE, 1L));
        assertThat(written(plan))
                .satisfiesExactly(
                        l -> assertThat(l).contains("cats by m1"),
                        l -> assertThat(l).contains("rome by m1"));
    }

    @Test
    void aKeepDecisionFromTheDuplicatesPaneHoldsForABattleWithEarlierTurns() throws Exception {
        List<Message> cats = List.of(Message.user("Tell me about cats."), Message.assistant("Cats purr."));
        battle(cats, "Go on.", "first by m1", "first by m2");
        long again = battle(cats, "go on", "again by m1", "again by m2");
        // the pane lists arena prompts by their last user turn; the curator keeps the copy back there
        long promptId = ws.battles().battle(again).orElseThrow().instructionId();
        ws.keepDecisions().keep(StoreItems.ARENA_OFFSET + promptId, "ann");

        ExportPlan plan = ws.exports()
                .plan(
                        SelectionRules.of(ExportSelect.SFT),
                        ExportFormat.OPENAI,
                        new ExportService.Curation(CurationOptions.defaults(), List.of()),
                        Cancellation.NEVER);
        assertThat(plan.counts().removed()).isEmpty();
        assertThat(written(plan)).hasSize(2);
    }
}
