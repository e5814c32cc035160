package io.arenainstruct.studio.ui.prompts;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.arenainstruct.studio.domain.arena.ArenaInstruction;
import io.arenainstruct.studio.domain.arena.InstructionSelection;
import io.arenainstruct.studio.domain.arena.JudgeAgent;
import io.arenainstruct.studio.domain.flow.Prompt;
import io.arenainstruct.studio.domain.llm.Endpoint;
import io.arenainstruct.studio.service.arena.JudgeTrials.BattleChoice;
import io.arenainstruct.studio.service.arena.PairingStrategy;
import io.arenainstruct.studio.service.llm.KeyResolver;
import io.arenainstruct.studio.service.run.RunFixture;
import io.arenainstruct.studio.service.workspace.Workspace;
import io.arenainstruct.studio.service.workspace.WorkspaceRepositories;
import io.arenainstruct.studio.store.ArenaRepository;
import io.arenainstruct.studio.store.ArenaRepository.Item;
import io.arenainstruct.studio.store.ArenaRepository.ItemResponse;
import io.arenainstruct.studio.testserver.FakeModelServer;
import io.arenainstruct.studio.testserver.Fault;
import io.arenainstruct.studio.testserver.JudgeReplies;
import io.arenainstruct.studio.ui.FakeDialogService;
import io.arenainstruct.studio.ui.common.LiveReply.State;
import io.arenainstruct.studio.ui.task.CallingThreadTaskExecutor;

/** "Try on a battle" without JavaFX: battles paged by name, a judge's two games sent to an in-test server. */
class JudgeTryViewModelTest {
    @TempDir
    Path tmp;

    private final CallingThreadTaskExecutor tasks = new CallingThreadTaskExecutor();
    private final FakeDialogService dialogs = new FakeDialogService();
    private final Map<String, String> environment = new HashMap<>();
    private FakeModelServer server;
    private Workspace ws;
    private Endpoint local;
    private JudgeAgent graded;
    private JudgeAgent scores;
    private JudgeTryViewModel model;

    @BeforeEach
    void open() {
        server = FakeModelServer.start();
        KeyResolver keys = new KeyResolver(tmp.resolve("home/secrets.properties"), environment::get);
        ws = Workspace.open(tmp.resolve("store"), keys, RunFixture.QUICK_RETRIES);
        local = RunFixture.install(ws, server.openAiBaseUrl(), 0, 2);
        graded = ws.arena().judges().find("graded").orElseThrow();
        scores = ws.arena().judges().find("scores").orElseThrow();
        model = new JudgeTryViewModel(ws.judgeTrials(), ws.gateway(), tasks, dialogs);
    }

    @AfterEach
    void close() {
        model.close();
        ws.close();
        server.close();
    }

    /** Instructions each answered by the two models, and their battles (gpt-4 as A: the baseline). */
    private void battles(int count) {
        ArenaRepository arena = new ArenaRepository(WorkspaceRepositories.store(ws));
        List<Item> items = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            items.add(new Item(
                    ArenaInstruction.of(List.of(), "Prompt number " + i + " asks for a poem", "Poetry", null),
                    null,
                    List.of(
                            new ItemResponse("gpt-4", "ANSWER-GPT4-" + i, null),
                            new ItemResponse("small", "ANSWER-SMALL-" + i, null))));
        }
        arena.add("d", "prompts", items);
        ws.battles().create(PairingStrategy.parse("baseline:gpt-4"), InstructionSelection.all(), List.of());
    }

    private BattleChoice first() {
        model.load(null);
        return model.battles().get(0);
    }

    @Test
    void battlesArePagedByNameAndNarrowedByModel() {
        battles(120);

        model.load(null);

        assertThat(model.models()).containsExactly("gpt-4", "small");
        assertThat(model.battles()).hasSize(50);
        assertThat(model.battles().get(0).name()).isEqualTo("Prompt number 0 asks for a poem — gpt-4 vs small");
        assertThat(model.pageText().get()).isEqualTo("Battles 1–50 of 120");
        assertThat(model.hasPrevious().get()).isFalse();

        model.nextPage();
        model.nextPage();
        assertThat(model.pageText().get()).isEqualTo("Battles 101–120 of 120");
        assertThat(model.battles().get(0).name()).startsWith("Prompt number 100 ");
        assertThat(model.hasNext().get()).isFalse();

        model.previousPage();
        assertThat(model.pageText().get()).isEqualTo("Battles 51–100 of 120");
        assertThat(model.battles().get(49).name()).startsWith("Prompt number 99 ");

        model.showBattles("nobody");
        assertThat(model.battles()).isEmpty();
        assertThat(model.pageText().get()).isEqualTo("No battles of nobody");
        assertThat(dialogs.errors).isEmpty();
    }

    @Test
    void bothGamesAreSentWithTheAnswersSwappedAndReadIntoTheBattlesOrder() {
        battles(1);
        // The judge prefers whatever it is shown first: a position bias the combined verdict must flag.
        // an OpenAI-compatible endpoint: the Try asks for the verdict's JSON, as a judging job would
        server.replyWith(JudgeReplies.always("The first is better. [[A>B]]"));
        Prompt unsaved = new Prompt(
                graded.prompt().system() + " UNSAVED-MARK", graded.prompt().user());

        model.tryOn(graded, unsaved, first(), local, true);

        assertThat(model.game1().state().get()).as(model.game1().status().get()).isEqualTo(State.DONE);
        assertThat(model.game2().state().get()).as(model.game2().status().get()).isEqualTo(State.DONE);
        assertThat(server.chatRequests())
                .hasSize(2)
                .allSatisfy(r -> assertThat(r.jsonSchema()).isNotNull());
        String shown1 = server.chatRequests().get(0).lastUserMessage();
        String shown2 = server.chatRequests().get(1).lastUserMessage();
        assertThat(shown1.indexOf("ANSWER-GPT4-0")).isLessThan(shown1.indexOf("ANSWER-SMALL-0"));
        assertThat(shown2.indexOf("ANSWER-SMALL-0")).isLessThan(shown2.indexOf("ANSWER-GPT4-0"));
        assertThat(model.game1().rendered().get())
                .startsWith("── System prompt ──")
                .contains("UNSAVED-MARK");
        assertThat(model.game1().output().get())
                .isEqualTo("{\"judgment\":\"The first is better. [[A>B]]\",\"verdict\":\"A>B\"}");
        assertThat(model.game1().verdict().get()).isEqualTo("[[A>B]] → A>B: gpt-4 is better");
        assertThat(model.game2().verdict().get())
                .isEqualTo("[[A>B]] (the judge saw small as A) → B>A: small is better");
        assertThat(model.combined().get())
                .isEqualTo("Combined: A=B, a tie · the games contradict each other once un-swapped (position bias):"
                        + " counted as a tie");
        assertThat(ws.arena().judges().history("graded"))
                .as("trying saves nothing")
                .hasSize(1);
    }

    @Test
    void aScoreJudgesGamesAgreeingGiveTheMeanScores() {
        battles(1);
        // 8 for gpt-4 and 4 for small in both games: game 2 shows small first, so it writes [[4, 8]].
        server.replyWith(JudgeReplies.structuredWhenAsked(r ->
                r.lastUserMessage().indexOf("ANSWER-GPT4") < r.lastUserMessage().indexOf("ANSWER-SMALL")
                        ? "Good. [[8, 4]]"
                        : "Good. [[4, 8]]"));

        model.tryOn(scores, scores.prompt(), first(), local, true);

        assertThat(model.game2().verdict().get())
                .isEqualTo("Scores 4, 8 as shown (the judge saw small as A) → gpt-4 8, small 4: gpt-4 is better");
        assertThat(model.combined().get())
                .isEqualTo("Combined: mean scores 8 and 4, gpt-4 is better · the games agree");
    }

    @Test
    void oneGameOnRequestAndAnUnreadableReplyIsNoVerdict() {
        battles(1);
        // a server that does not take response_format (as older LM Studio builds): the Try asks again as text
        server.enqueue(Fault.status(400).message("'response_format' is not supported"));
        server.reply("I cannot decide.");

        model.tryOn(graded, graded.prompt(), first(), local, false);

        assertThat(server.chatRequests()).hasSize(2);
        assertThat(server.chatRequests().get(0).jsonSchema()).isNotNull();
        assertThat(server.chatRequests().get(1).jsonSchema()).isNull();
        assertThat(model.game1().status().get())
                .contains("asked as text: the endpoint refused the JSON schema")
                .contains("'response_format' is not supported");
        assertThat(model.game2().state().get()).isEqualTo(State.IDLE);
        assertThat(model.game1().verdict().get()).startsWith("No verdict: no verdict label like [[A>B]] in the reply.");
        assertThat(model.combined().get())
                .isEqualTo("Combined: no verdict (game 1 has no readable verdict: no verdict label like [[A>B]] in"
                        + " the reply)");
    }

    @Test
    void theDryRunShowsBothRequestsAndAsksNoModel() {
        battles(1);

        model.tryOn(graded, graded.prompt(), first(), PromptsViewModel.DRY_RUN, true);

        assertThat(server.chatRequests()).isEmpty();
        assertThat(model.game2().rendered().get()).contains("ANSWER-SMALL-0");
        assertThat(model.game2().output().get()).startsWith("DRY RUN");
        assertThat(model.game1().status().get()).isEqualTo("Dry run: no model was asked; above is what would be sent");
        assertThat(model.game1().verdict().get()).isEqualTo("Dry run: no judge was asked, so there is no verdict");
        assertThat(model.combined().get()).isEqualTo("Dry run: no verdict to combine");
    }

    @Test
    void aFailingEndpointSaysWhyAndASecondTryWhileGamesRunIsIgnored() {
        battles(1);
        BattleChoice battle = first();
        server.enqueue(Fault.quotaExceeded(), Fault.quotaExceeded());
        tasks.hold();

        model.tryOn(graded, graded.prompt(), battle, local, true);
        model.tryOn(scores, scores.prompt(), battle, local, true);
        assertThat(model.running().get()).isTrue();
        tasks.runHeld();

        assertThat(tasks.monitoredTitles)
                .containsExactly("Judging " + battle.name() + " (game 1)", "Judging " + battle.name() + " (game 2)");
        assertThat(model.game1().state().get()).isEqualTo(State.FAILED);
        assertThat(model.game1().status().get()).startsWith("Failed (quota exceeded): ");
        assertThat(model.running().get()).isFalse();
        assertThat(model.combined().get()).isEmpty();
    }

    @Test
    void stoppingBeforeTheJudgeAnswersStopsBothGamesAndCombinesNothing() {
        battles(1);
        BattleChoice battle = first();
        tasks.hold();

        model.tryOn(graded, graded.prompt(), battle, local, true);
        model.cancel();
        tasks.runHeld();

        assertThat(model.game1().state().get()).isEqualTo(State.CANCELLED);
        assertThat(model.game2().state().get()).isEqualTo(State.CANCELLED);
        assertThat(model.game1().status().get()).isEqualTo("Stopped before the judge answered");
        assertThat(model.running().get()).isFalse();
        assertThat(model.combined().get()).isEmpty();
        assertThat(model.game1().verdict().get()).isEmpty();
    }
}
