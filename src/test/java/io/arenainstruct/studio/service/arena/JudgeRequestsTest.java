package io.arenainstruct.studio.service.arena;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.arenainstruct.studio.domain.arena.ArenaInstruction;
import io.arenainstruct.studio.domain.arena.Battle;
import io.arenainstruct.studio.domain.arena.BattleFilter;
import io.arenainstruct.studio.domain.arena.GradedLabel;
import io.arenainstruct.studio.domain.arena.InstructionSelection;
import io.arenainstruct.studio.domain.arena.JudgeAgent;
import io.arenainstruct.studio.domain.arena.JudgeStyle;
import io.arenainstruct.studio.domain.arena.Outcome;
import io.arenainstruct.studio.domain.arena.StructuredOutput;
import io.arenainstruct.studio.domain.flow.Prompt;
import io.arenainstruct.studio.domain.llm.Endpoint;
import io.arenainstruct.studio.domain.llm.Message;
import io.arenainstruct.studio.domain.llm.ModelRequest;
import io.arenainstruct.studio.domain.llm.Provider;
import io.arenainstruct.studio.service.run.InstructionService;
import io.arenainstruct.studio.store.ArenaRepository;
import io.arenainstruct.studio.store.ArenaRepository.Item;
import io.arenainstruct.studio.store.ArenaRepository.ItemResponse;
import io.arenainstruct.studio.store.BattleRepository;
import io.arenainstruct.studio.store.InstructionRepository;
import io.arenainstruct.studio.store.Store;

/** The judge's request for a game and the reading of its reply, and the battles "Try on a battle" offers. */
class JudgeRequestsTest {
    private static final Prompt PROMPT =
            new Prompt("Judge ({{category}}).", "Q: {{question}}\n{{reference_block}}A: {{answer_a}}\nB: {{answer_b}}");

    private static final Endpoint TEXT_ENDPOINT =
            Endpoint.of("claude", Provider.ANTHROPIC, Provider.ANTHROPIC.defaultBaseUrl(), "claude-x");

    @TempDir
    Path tmp;

    private Store store;
    private ArenaRepository arena;
    private BattleService battles;
    private JudgeTrials trials;

    @BeforeEach
    void open() {
        store = Store.open(tmp.resolve("ws"));
        arena = new ArenaRepository(store);
        BattleRepository battleRepository = new BattleRepository(store);
        battles = new BattleService(
                arena,
                battleRepository,
                new InstructionSelector(arena, new InstructionService(new InstructionRepository(store))));
        trials = new JudgeTrials(arena, battleRepository);
    }

    @AfterEach
    void close() {
        store.close();
    }

    private static JudgeAgent judge(JudgeStyle style, boolean reference, boolean structured) {
        return new JudgeAgent(
                "j",
                "J",
                "",
                style,
                reference,
                structured ? StructuredOutput.ALWAYS : StructuredOutput.NEVER,
                0.0,
                512,
                PROMPT,
                1);
    }

    private static ArenaInstruction instruction(String reference) {
        return ArenaInstruction.of(List.of(), "Name a river.", "Geography", reference);
    }

    @Test
    void gameOneShowsTheBattlesOrderAndGameTwoSwapsItWithTheJudgesSettings() {
        JudgeAgent j = judge(JudgeStyle.GRADED, true, false);

        ModelRequest g1 = JudgeRequests.request(j, instruction(null), "The Nile.", "The Rhine.", false, false);
        ModelRequest g2 = JudgeRequests.request(j, instruction(null), "The Nile.", "The Rhine.", true, false);

        assertThat(g1.messages())
                .containsExactly(
                        Message.system("Judge (Geography)."),
                        Message.user("Q: Name a river.\nA: The Nile.\nB: The Rhine."));
        assertThat(g2.messages().get(1).content()).isEqualTo("Q: Name a river.\nA: The Rhine.\nB: The Nile.");
        assertThat(g1.temperature()).isEqualTo(0.0);
        assertThat(g1.maxTokens()).isEqualTo(512);
        assertThat(g1.jsonSchema()).isNull();
    }

    @Test
    void aReferenceIsShownOnlyToAJudgeThatSeesReferencesAndAStructuredJudgeAsksForItsSchema() {
        ModelRequest seeing = JudgeRequests.request(
                judge(JudgeStyle.GRADED, true, true), instruction("Any river."), "x", "y", false, true);
        ModelRequest blind = JudgeRequests.request(
                judge(JudgeStyle.GRADED, false, false), instruction("Any river."), "x", "y", false, false);

        assertThat(seeing.messages().get(1).content())
                .isEqualTo("Q: Name a river.\n<|Reference Answer|>\nAny river.\n<|The End of Reference Answer|>\n\n"
                        + "A: x\nB: y");
        assertThat(blind.messages().get(1).content()).isEqualTo("Q: Name a river.\nA: x\nB: y");
        assertThat(seeing.jsonSchema()).contains("verdict");
    }

    @Test
    void repliesAreReadAsTextOrByTheirFieldsWhenStructured() {
        JudgeRequests.Reading text = JudgeRequests.read(judge(JudgeStyle.GRADED, true, false), false, "Fine. [[B>A]]");
        assertThat(text.game().label()).isEqualTo(GradedLabel.B_BETTER);

        JudgeRequests.Reading json = JudgeRequests.read(
                judge(JudgeStyle.SCORE, true, true), true, "{\"judgment\": \"close\", \"score_a\": 4, \"score_b\": 6}");
        assertThat(json.judgment()).isEqualTo("close");
        assertThat(json.game().outcome()).isEqualTo(Outcome.B);
        assertThat(json.game().scoreA()).isEqualTo(4.0);

        JudgeRequests.Reading none = JudgeRequests.read(judge(JudgeStyle.GRADED, true, true), true, "no idea");
        assertThat(none.game().parsed()).isFalse();
        assertThat(none.game().problem()).isEqualTo("no verdict label like [[A>B]] in the reply");
    }

    @Test
    void battlesAreNamedByTheirPromptsStartAndModelsAndTheRequestReadsTheirAnswers() {
        String longPrompt =
                "Write a folk tune in ABC notation about a river that runs to the sea and never comes" + " back";
        arena.add(
                "d",
                "prompts",
                List.of(new Item(
                        ArenaInstruction.of(List.of(), longPrompt, null, null),
                        null,
                        List.of(new ItemResponse("m1", "tune one", null), new ItemResponse("m2", "tune two", null)))));
        battles.create(PairingStrategy.parse("all-pairs"), InstructionSelection.all(), List.of());

        List<JudgeTrials.BattleChoice> page = trials.page(BattleFilter.ALL, 0, 10);

        assertThat(page).hasSize(1);
        // the first 60 characters of the prompt, cut where they end
        assertThat(page.get(0).name())
                .isEqualTo("Write a folk tune in ABC notation about a river that runs to… — m1 vs m2");
        Battle b = page.get(0).battle();
        ModelRequest swapped = trials.request(judge(JudgeStyle.GRADED, true, false), TEXT_ENDPOINT, b.id(), true);
        assertThat(swapped.messages().get(1).content()).isEqualTo("Q: " + longPrompt + "\nA: tune two\nB: tune one");
        assertThatThrownBy(
                        () -> trials.request(judge(JudgeStyle.GRADED, true, false), TEXT_ENDPOINT, b.id() + 99, false))
                .hasMessageContaining("was deleted");
    }
}
