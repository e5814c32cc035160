package io.arenainstruct.studio.ui.loop;

import static io.arenainstruct.studio.service.loop.LoopSimulation.SKILL;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import io.arenainstruct.studio.domain.iteration.Iteration;
import io.arenainstruct.studio.domain.llm.Endpoint;
import io.arenainstruct.studio.domain.llm.Provider;
import io.arenainstruct.studio.domain.run.RunConfig;
import io.arenainstruct.studio.domain.run.RunStatus;
import io.arenainstruct.studio.domain.run.SeedSelection;
import io.arenainstruct.studio.service.arena.ArenaJobService.AnswerRequest;
import io.arenainstruct.studio.service.loop.LoopSimulation;
import io.arenainstruct.studio.service.loop.NextIteration.Outcome;
import io.arenainstruct.studio.service.loop.NextIteration.Step;
import io.arenainstruct.studio.service.workspace.TemporaryUserData;
import io.arenainstruct.studio.service.workspace.Workspace;
import io.arenainstruct.studio.testserver.FakeModelServer;
import io.arenainstruct.studio.ui.loop.NextIterationModel.EndpointChoice;
import io.arenainstruct.studio.ui.task.CallingThreadTaskExecutor;

/**
 * Next iteration…'s view model on the store of {@link LoopSimulation} (six seeds per tag) with iteration 1's run and
 * answers by t and o but no battles: everything runs on the calling thread.
 */
class NextIterationModelTest {
    @TempDir
    Path tmp;

    @RegisterExtension
    final TemporaryUserData userData = new TemporaryUserData();

    private final CallingThreadTaskExecutor tasks = new CallingThreadTaskExecutor();
    private final AtomicInteger made = new AtomicInteger();
    private FakeModelServer server;
    private Workspace ws;
    private String target = "T";
    private NextIterationModel model;

    @BeforeEach
    void setUp() throws Exception {
        server = FakeModelServer.start().replyWith(LoopSimulation::reply);
        ws = Workspace.open(tmp.resolve("store"));
        LoopSimulation.install(ws, server.openAiBaseUrl(), 6);
        // an endpoint listed before gen: the run endpoint proposed is the previous run's, not the first
        ws.endpoints()
                .save(Endpoint.of("a-first", Provider.OPENAI_COMPATIBLE, server.openAiBaseUrl(), "G")
                        .withTimeout(Duration.ofSeconds(10)));
        RunConfig config =
                new RunConfig(List.of(SKILL), SeedSelection.tag("first"), "gen", Map.of(), null, 1, false, 1L);
        assertThat(ws.runs().start(config).run()).isEqualTo(RunStatus.COMPLETED);
        assertThat(ws.arena()
                        .answer(new AnswerRequest(List.of("t", "o"), "run:1", 1))
                        .run())
                .isEqualTo(RunStatus.COMPLETED);
        model = new NextIterationModel(
                ws.nextIteration(),
                ws.endpoints(),
                ws.runs(),
                ws.arenaJobs(),
                tasks,
                () -> target,
                made::incrementAndGet);
    }

    @AfterEach
    void tearDown() {
        ws.close();
        server.close();
    }

    private EndpointChoice choice(String name) {
        return model.choices().stream()
                .filter(c -> c.name().equals(name))
                .findFirst()
                .orElseThrow();
    }

    @Test
    void noJudgesKnownIsSaidInWordsATickedJudgeMakesThePlanAndStartMakesTheIteration() {
        model.open();

        assertThat(model.endpoints()).containsExactly("a-first", "gen", "j", "o", "t");
        assertThat(model.endpoint().get()).as("the previous run's endpoint").isEqualTo("gen");
        assertThat(model.plan().get()).isNull();
        assertThat(model.problem().get())
                .isEqualTo("No judges known: no judging job ran before; name them with --judges J.");

        choice("j").judges().set(true);

        assertThat(model.problem().get()).isEmpty();
        assertThat(model.plan().get().judge().judges()).containsExactly("j");
        // the pool as iteration 1's answering job had it, shown ticked
        assertThat(model.choices().stream().filter(c -> c.answers().get()).map(EndpointChoice::name))
                .containsExactly("o", "t");
        // by hand: 6 unused seeds (tagged "second"), one instruction each, no refinement: 6 + 6 + 6 run calls; 12
        // answers; T against O once per instruction, two games each
        assertThat(model.estimate().get())
                .isEqualTo(String.join(
                        "\n",
                        "Iteration 2, target T:",
                        "1. Run " + SKILL + " on gen: 6 seeds (not used before), 1 per seed with the accepted weights"
                                + " and rounds: 6 instructions, 18 calls.",
                        "2. Answer with t, o: 12 calls.",
                        "3. Battles target:T (the target against each other model: iteration 1 made no battles):"
                                + " about 6 battles, no calls.",
                        "4. Judge with j (as asked; graded, 2 games): 12 calls.",
                        "In all: 42 calls, cost unknown (no price for these models); the call ledger may answer"
                                + " some."));

        model.note().set("more inference");
        model.start();

        assertThat(tasks.monitoredTitles).containsExactly("Iteration 2");
        assertThat(model.running().get()).isFalse();
        assertThat(model.outcomeFailed().get()).isFalse();
        assertThat(model.outcome().get())
                .isEqualTo("Iteration 2 is made: run 2, answering job 2, 6 battles made, judged by judging job 3."
                        + " See what they propose under Proposals.");
        assertThat(made.get()).isEqualTo(1);
        Iteration second = ws.iterations().iterations().get(1);
        assertThat(second.targetModel()).isEqualTo("T");
        assertThat(second.note()).isEqualTo("more inference");
        // planned again at once: every seed is used now, which is said in words
        assertThat(model.plan().get()).isNull();
        assertThat(model.problem().get()).startsWith("Every seed was used by an earlier run");

        model.reuseSeeds().set(true);
        assertThat(model.problem().get()).isEmpty();
        assertThat(model.estimate().get()).contains("Iteration 3, target T:").contains("12 seeds (all, asked afresh)");
    }

    @Test
    void aTargetNoAnswerEndpointAnswersAsIsRefusedInWords() {
        target = "X";
        model.open();

        assertThat(model.plan().get()).isNull();
        assertThat(model.problem().get())
                .isEqualTo("No answer endpoint answers as the target X (the pool: t as T, o as O); add the target's"
                        + " endpoint to --answer-endpoints.");
    }

    @Test
    void aStageThatStoppedSaysWhichWhatIsKeptAndHowToGoOn() {
        Outcome stopped = new Outcome(
                new Iteration(2, Instant.EPOCH, "T", null), Step.ANSWER, RunStatus.CANCELLED, 2L, 3L, null, null);

        assertThat(NextIterationModel.said(stopped))
                .isEqualTo("Stage 2 of 4 (answer) stopped: cancelled. Kept: iteration 2, what run 2 made and the"
                        + " answers made. To go on, keep “Continue the stopped iteration” ticked and Start again:"
                        + " each stage takes up what is stored.");
    }
}
