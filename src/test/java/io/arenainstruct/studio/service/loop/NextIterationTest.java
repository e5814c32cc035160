package io.arenainstruct.studio.service.loop;

import static io.arenainstruct.studio.domain.arena.Outcome.BOTH_BAD;
import static io.arenainstruct.studio.service.loop.LoopSimulation.SKILL;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import io.arenainstruct.studio.domain.adjudication.HumanVote;
import io.arenainstruct.studio.domain.arena.BattleFilter;
import io.arenainstruct.studio.domain.arena.InstructionSelection;
import io.arenainstruct.studio.domain.llm.Endpoint;
import io.arenainstruct.studio.domain.llm.Provider;
import io.arenainstruct.studio.domain.run.RunConfig;
import io.arenainstruct.studio.domain.run.RunStatus;
import io.arenainstruct.studio.domain.run.SeedSelection;
import io.arenainstruct.studio.service.arena.ArenaJobService.AnswerRequest;
import io.arenainstruct.studio.service.arena.ArenaJobService.JudgeRequest;
import io.arenainstruct.studio.service.arena.PairingStrategy;
import io.arenainstruct.studio.service.loop.NextIteration.Outcome;
import io.arenainstruct.studio.service.loop.NextIteration.Plan;
import io.arenainstruct.studio.service.loop.NextIteration.Request;
import io.arenainstruct.studio.service.workspace.TemporaryUserData;
import io.arenainstruct.studio.service.workspace.TestWorkspaces;
import io.arenainstruct.studio.service.workspace.Workspace;
import io.arenainstruct.studio.testserver.FakeModelServer;
import io.arenainstruct.studio.testserver.RecordedRequest;

/** {@link NextIteration}: what a plan takes from the previous iteration, and the whole chain in one call. */
class NextIterationTest {
    private static final int SEEDS = 6;

    @TempDir
    Path tmp;

    @RegisterExtension
    final TemporaryUserData userData = new TemporaryUserData();

    private FakeModelServer server;
    private Workspace ws;

    @BeforeEach
    void setUp() throws Exception {
        server = FakeModelServer.start().replyWith(LoopSimulation::reply);
        ws = TestWorkspaces.open(tmp.resolve("store"));
        LoopSimulation.install(ws, server.openAiBaseUrl(), SEEDS);
    }

    @AfterEach
    void tearDown() {
        ws.close();
        server.close();
    }

    /** Iteration 1 on the seeds tagged "first": run, answers by T and O, and (when asked) battles judged. */
    private void firstIteration(String strategy, JudgeRequest judge) {
        RunConfig config =
                new RunConfig(List.of(SKILL), SeedSelection.tag("first"), "gen", Map.of(), null, 1, false, 1L);
        assertThat(ws.runs().start(config).run()).isEqualTo(RunStatus.COMPLETED);
        assertThat(ws.arena()
                        .answer(new AnswerRequest(List.of("t", "o"), "run:1", 1))
                        .run())
                .isEqualTo(RunStatus.COMPLETED);
        if (strategy != null) {
            ws.battles().create(PairingStrategy.parse(strategy), InstructionSelection.run(1), List.of());
            assertThat(ws.arena().judge(judge).run()).isEqualTo(RunStatus.COMPLETED);
        }
    }

    @Test
    void theChainRepeatsThePreviousPairingAndJudgingOnUnusedSeeds() {
        firstIteration("all-pairs", new JudgeRequest(List.of("j"), "graded", "majority", "unjudged", 1));
        int sent = server.chatRequests().size();

        Plan plan = ws.nextIteration().plan(Request.of("gen").withTarget("T").withNote("again"));

        assertThat(plan.iteration()).isEqualTo(2);
        assertThat(plan.run().seeds()).isEqualTo(SeedSelection.unused());
        assertThat(plan.run().randomSeed()).isEqualTo(2);
        assertThat(plan.run().freshSamples()).isFalse();
        assertThat(plan.run().skills()).containsExactly(SKILL);
        assertThat(plan.runEstimate().seeds()).isEqualTo(SEEDS);
        assertThat(plan.answer().endpoints()).containsExactly("t", "o");
        assertThat(plan.poolModels()).containsExactly("T", "O");
        assertThat(plan.strategy().id()).isEqualTo("all-pairs");
        assertThat(plan.strategyFrom()).isEqualTo("as 6 of iteration 1's battles did");
        assertThat(plan.judge().judges()).containsExactly("j");
        assertThat(plan.judge().games()).isEqualTo(1);
        // by hand: 6 seeds → 6 transformations + 6 generations + 6 answers; 12 answers by the pool; 6 battles of
        // one pair (T, O), one game each
        assertThat(plan.runEstimate().calls()).isEqualTo(18);
        assertThat(plan.answerEstimate().calls()).isEqualTo(12);
        assertThat(plan.battleCount()).isEqualTo(6);
        assertThat(plan.judgeEstimate().calls()).isEqualTo(6);
        assertThat(plan.calls()).isEqualTo(36);
        assertThat(server.chatRequests()).as("planning sends nothing").hasSize(sent);

        Outcome outcome = ws.nextIteration().execute(plan);

        assertThat(outcome.completed()).isTrue();
        assertThat(outcome.iteration().number()).isEqualTo(2);
        assertThat(outcome.iteration().targetModel()).isEqualTo("T");
        assertThat(outcome.iteration().note()).isEqualTo("again");
        assertThat(outcome.runId()).isEqualTo(2);
        assertThat(outcome.battles().created()).isEqualTo(6);
        List<RecordedRequest> made =
                server.chatRequests().subList(sent, server.chatRequests().size());
        assertThat(made).hasSize(36);
        assertThat(made.stream().filter(r -> r.model().equals("J"))).hasSize(6);
        assertThat(ws.runs().find(2).orElseThrow().status()).isEqualTo(RunStatus.COMPLETED);
        assertThat(ws.battles().count(BattleFilter.ALL)).isEqualTo(12);
    }

    @Test
    void withoutBattlesBeforeTheTargetMeetsThePoolAndTheJudgesMustBeNamed() {
        firstIteration(null, null);

        assertThat(catchThrowable(
                        () -> ws.nextIteration().plan(Request.of("gen").withTarget("T"))))
                .hasMessage("No judges known: no judging job ran before; name them with --judges J.");

        Plan plan = ws.nextIteration().plan(Request.of("gen").withTarget("O").withJudges(List.of("j")));

        assertThat(plan.strategy().id()).isEqualTo("target:O");
        assertThat(plan.strategyFrom()).isEqualTo("the target against each other model: iteration 1 made no battles");
        assertThat(plan.judge().prompt()).isEqualTo("graded");
        assertThat(plan.judge().games()).isEqualTo(2);
        assertThat(plan.judgesFrom()).isEqualTo("as asked");
    }

    @Test
    void reusedSeedsAreAllOfThemAskedAfresh() {
        firstIteration(null, null);

        Plan plan = ws.nextIteration()
                .plan(Request.of("gen").withTarget("T").withJudges(List.of("j")).withReuseSeeds(true));

        assertThat(plan.run().seeds()).isEqualTo(SeedSelection.all());
        assertThat(plan.run().freshSamples()).isTrue();
        assertThat(plan.runEstimate().seeds()).isEqualTo(2 * SEEDS);
    }

    @Test
    void aRegenerationSinceIsNeitherThePoolNorTheJudgingTheNextIterationRepeats() {
        firstIteration("all-pairs", new JudgeRequest(List.of("j"), "graded", "majority", "unjudged", 1));
        // a person finds battle 1 both bad and it is answered again by R alone (jobs 3 and 4, over ids:)
        ws.endpoints()
                .save(Endpoint.of("r", Provider.OPENAI_COMPATIBLE, server.openAiBaseUrl(), "R")
                        .withTimeout(Duration.ofSeconds(10)));
        ws.adjudication().vote(new HumanVote(1, "ann", BOTH_BAD, null, false, false, null));
        BattleRegeneration.Result redone =
                ws.regeneration().regenerate(new BattleRegeneration.Request(List.of("r"), 0, List.of(), null, null));
        assertThat(redone.judging()).isEqualTo(RunStatus.COMPLETED);

        Plan plan = ws.nextIteration().plan(Request.of("gen").withTarget("T"));

        // the iteration's own jobs (1: T and O answer run 1; 2: j judges one game), not the regeneration's
        assertThat(plan.answer().endpoints()).containsExactly("t", "o");
        assertThat(plan.judge().judges()).containsExactly("j");
        assertThat(plan.judge().games()).isEqualTo(1);
        assertThat(plan.judgesFrom()).isEqualTo("as judging job 2 did");
    }

    @Test
    void anIterationStartedWithoutItsRunIsContinuedByResumeWithTheRun() {
        firstIteration("all-pairs", new JudgeRequest(List.of("j"), "graded", "majority", "unjudged", 1));
        // loop next was stopped after it started iteration 2 and before its run was made
        ws.iterations().start("T", "stopped");

        Plan plan = ws.nextIteration().plan(Request.of("gen").resuming());

        assertThat(plan.iteration()).isEqualTo(2);
        assertThat(plan.resuming()).isTrue();
        assertThat(plan.runId()).isNull();
        assertThat(plan.target()).isEqualTo("T");
        assertThat(plan.run().seeds()).isEqualTo(SeedSelection.unused());
        assertThat(plan.run().randomSeed()).isEqualTo(2);
        assertThat(plan.runEstimate().seeds()).isEqualTo(SEEDS);
        assertThat(plan.strategy().id()).isEqualTo("all-pairs");
        assertThat(plan.judge().games()).isEqualTo(1);

        Outcome outcome = ws.nextIteration().execute(plan);

        assertThat(outcome.completed()).isTrue();
        assertThat(outcome.iteration().number()).isEqualTo(2);
        assertThat(ws.iterations().iterations()).hasSize(2);
        assertThat(outcome.runId()).isEqualTo(2);
        assertThat(outcome.battles().created()).isEqualTo(6);
    }

    @Test
    void anIterationThatMadeNoBattlesPairsAsTheNewestIterationThatDid() {
        firstIteration("all-pairs", new JudgeRequest(List.of("j"), "graded", "majority", "unjudged", 1));
        // iteration 2 was started (loop start) and made no battles
        ws.iterations().start("T", null);

        Plan plan = ws.nextIteration().plan(Request.of("gen").withTarget("T"));

        assertThat(plan.iteration()).isEqualTo(3);
        assertThat(plan.strategy().id()).isEqualTo("all-pairs");
        assertThat(plan.strategyFrom()).isEqualTo("as 6 of iteration 1's battles did");
        assertThat(plan.judgesFrom()).isEqualTo("as judging job 2 did");
    }

    @Test
    void resumeIsRefusedWhileThereIsOnlyTheFirstIteration() {
        firstIteration("all-pairs", new JudgeRequest(List.of("j"), "graded", "majority", "unjudged", 1));
        int battles = ws.battles().count(BattleFilter.ALL);

        // loop next never made iteration 1: continuing it would pair run 1 again by target:T and judge the new battles
        assertThat(catchThrowable(() -> ws.nextIteration()
                        .plan(Request.of("gen").withTarget("T").resuming())))
                .hasMessage("Iteration 1 holds what was made before the loop, no chain of loop next to continue;"
                        + " start the next iteration with loop next (without --resume).");
        assertThat(ws.battles().count(BattleFilter.ALL)).isEqualTo(battles);
    }
}
