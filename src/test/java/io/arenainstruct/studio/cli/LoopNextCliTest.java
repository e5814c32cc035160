package io.arenainstruct.studio.cli;

import static io.arenainstruct.studio.service.loop.LoopSimulation.SKILL;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import io.arenainstruct.studio.domain.llm.Endpoint;
import io.arenainstruct.studio.domain.llm.Provider;
import io.arenainstruct.studio.service.loop.LoopSimulation;
import io.arenainstruct.studio.service.workspace.TemporaryUserData;
import io.arenainstruct.studio.service.workspace.Workspace;
import io.arenainstruct.studio.testserver.FakeModelServer;
import io.arenainstruct.studio.testserver.Fault;

/**
 * {@code loop next}: the estimate alone, the refusals, and a stage that stops and is continued with --resume. Six
 * seeds tagged "first" and six tagged "second", the skill and the planted models of {@link LoopSimulation}.
 */
class LoopNextCliTest {
    private static final int SEEDS = 6;

    @TempDir
    Path tmp;

    @RegisterExtension
    final TemporaryUserData userData = new TemporaryUserData();

    private FakeModelServer server;
    /** The judge's own server, so faults can be planted for judging alone. */
    private FakeModelServer judgeServer;

    private Path store;

    @BeforeEach
    void setUp() throws Exception {
        server = FakeModelServer.start().replyWith(LoopSimulation::reply);
        judgeServer = FakeModelServer.start().replyWith(LoopSimulation::reply);
        store = tmp.resolve("store");
        try (Workspace ws = Workspace.open(store)) {
            LoopSimulation.install(ws, server.openAiBaseUrl(), SEEDS);
            Endpoint j = ws.endpoints().require("j");
            ws.endpoints()
                    .save(Endpoint.of("j", Provider.OPENAI_COMPATIBLE, judgeServer.openAiBaseUrl(), "J")
                            .withLimits(j.maxConcurrent(), 0, 0)
                            .withTimeout(Duration.ofSeconds(10)));
        }
    }

    @AfterEach
    void tearDown() {
        server.close();
        judgeServer.close();
    }

    private CliRun cli(Object... args) {
        return CliRun.on(store, args);
    }

    private static void ok(CliRun run) {
        assertThat(run.code()).as(run.err()).isZero();
    }

    /** Iteration 1 with the ordinary commands on the seeds selected. */
    private void firstIteration(String seeds) {
        ok(cli("run", "--skill", SKILL, "--seeds", seeds, "--endpoint", "gen"));
        ok(cli("answer", "--endpoints", "t,o", "--instructions", "run:1"));
        ok(cli("battles", "create", "--strategy", "target:T", "--instructions", "run:1"));
        ok(cli("judge", "--judges", "j"));
    }

    private int iterations() {
        try (Workspace ws = Workspace.open(store)) {
            return ws.iterations().iterations().size();
        }
    }

    @Test
    void theEstimateAloneNamesEveryStageAndStartsNothing() {
        firstIteration("tag:first");
        int sent = server.chatRequests().size();

        CliRun estimate = cli("loop", "next", "--endpoint", "gen", "--target", "T", "--estimate");

        ok(estimate);
        // by hand: 6 unused seeds, one instruction each, no refinement rounds: 6 transformations + 6 × (generation +
        // answer) = 18 calls; T and O answer 6 each = 12; 6 battles (T against O); 2 games each by J = 12
        assertThat(estimate.out().lines().toList())
                .containsExactly(
                        "Iteration 2, target T:",
                        "  1. run: skills loop-skill on 6 seeds (not used before), 1 per seed with the accepted weights"
                                + " and rounds: 6 instructions, 18 calls, " + tokensAndCost(estimate, 1),
                        "  2. answer with t, o: 12 calls, " + tokensAndCost(estimate, 2),
                        "  3. battles target:T (as 6 of iteration 1's battles did): about 6 battles, no calls",
                        "  4. judge with j (as judging job 2 did; graded, 2 games): 12 calls, "
                                + tokensAndCost(estimate, 4),
                        "estimate: 42 calls in all, cost unknown (no price for these models) (the call ledger may"
                                + " answer some)");
        assertThat(server.chatRequests()).hasSize(sent);
        assertThat(iterations()).isEqualTo(1);
        assertThat(cli("runs", "list").out()).doesNotContain("run 2");
    }

    /** The figures after the calls in line {@code index} of the estimate (tokens are rough; they are not checked). */
    private static String tokensAndCost(CliRun run, int index) {
        String line = run.out().lines().toList().get(index);
        String from = line.substring(line.indexOf("about "));
        assertThat(from).matches("about \\d+ tokens in / \\d+ out, cost unknown \\(no price for these models\\)");
        return from;
    }

    @Test
    void refusalsSayWhatToDo() {
        CliRun noPool = cli("loop", "next", "--endpoint", "gen", "--target", "T");
        assertThat(noPool.code()).isEqualTo(Cli.REJECTED);
        assertThat(noPool.err())
                .contains("No answer endpoints known: no answering job ran before; name the pool with"
                        + " --answer-endpoints A,B.");

        firstIteration("all");
        CliRun unknown = cli("loop", "next", "--endpoint", "nope", "--target", "T");
        assertThat(unknown.code()).isEqualTo(Cli.REJECTED);
        assertThat(unknown.err()).contains("There is no endpoint named nope; the endpoints are ");

        CliRun unknownJudge = cli("loop", "next", "--endpoint", "gen", "--target", "T", "--judges", "j,who");
        assertThat(unknownJudge.err()).contains("There is no judge endpoint named who;");

        CliRun noTarget = cli("loop", "next", "--endpoint", "gen");
        assertThat(noTarget.code()).isEqualTo(Cli.REJECTED);
        assertThat(noTarget.err()).contains("No iteration names the model being trained yet; name it with --target.");

        CliRun used = cli("loop", "next", "--endpoint", "gen", "--target", "T");
        assertThat(used.code()).isEqualTo(Cli.REJECTED);
        assertThat(used.err())
                .contains("Every seed was used by an earlier run; import new seeds, or add --reuse-seeds to run on"
                        + " all seeds again (with fresh samples).");

        CliRun reused = cli("loop", "next", "--endpoint", "gen", "--target", "T", "--reuse-seeds", "--estimate");
        ok(reused);
        assertThat(reused.out()).contains("on 12 seeds (all, asked afresh)");

        CliRun notInPool = cli("loop", "next", "--endpoint", "gen", "--target", "X");
        assertThat(notInPool.err())
                .contains("No answer endpoint answers as the target X (the pool: t as T, o as O); add the target's"
                        + " endpoint to --answer-endpoints.");
        assertThat(iterations()).isEqualTo(1);
    }

    @Test
    void aStageThatStopsSaysWhichAndResumeFinishesWithoutAskingAgain() {
        firstIteration("tag:first");
        // more than the 12 games ask: a fault that is not retried, for every game
        Fault[] faults = new Fault[40];
        Arrays.fill(faults, Fault.contextTooLong());
        judgeServer.enqueue(faults);

        CliRun stopped = cli("loop", "next", "--endpoint", "gen", "--target", "T");

        assertThat(stopped.code()).isEqualTo(Cli.FAILED);
        assertThat(stopped.out()).contains("run 2 completed", "answer job 3 completed", "battles (target:T): 6 made");
        assertThat(stopped.err())
                .contains("error: stage 4 of 4 (judge) stopped: judge job 4 ended with 6 failed items")
                .contains("Kept: iteration 2, run 2's instructions, their answers and battles. Continue the chain"
                        + " with: loop next --resume --endpoint gen --target T");

        judgeServer.reset().replyWith(LoopSimulation::reply);
        int sent = server.chatRequests().size();
        CliRun resumed = cli("loop", "next", "--resume", "--endpoint", "gen", "--target", "T");

        ok(resumed);
        assertThat(resumed.err()).contains("Continuing iteration 2, target T.");
        // the estimate counts what the store holds: every answer, and no game of the 6 battles
        assertThat(resumed.err())
                .contains("  2. answer with t, o: 0 calls")
                .contains("  4. judge with j (as judging job 2 did; graded, 2 games): 12 calls");
        assertThat(resumed.err()).contains("stage 1 of 4 (run): run 2 completed already");
        assertThat(resumed.out())
                .contains("answer job 5 completed: 12 answers")
                .contains("battles (target:T): 0 made, 6 existing")
                .contains("judge job 6 completed: 6 battles judged");
        // only the judge's games are asked again: the run and the answers are stored
        assertThat(server.chatRequests()).hasSize(sent);
        assertThat(judgeServer.chatRequests()).hasSize(12);
        assertThat(iterations()).isEqualTo(2);
    }

    @Test
    void aRunThatEndsWithFailuresStopsTheChainAndResumeRetriesItsFailedItems() {
        firstIteration("tag:first");
        int sent = server.chatRequests().size();
        // the run's first calls are its 6 transformations: each gets a fault that is not retried
        Fault[] faults = new Fault[SEEDS];
        Arrays.fill(faults, Fault.contextTooLong());
        server.enqueue(faults);

        CliRun stopped = cli("loop", "next", "--endpoint", "gen", "--target", "T");

        assertThat(stopped.code()).isEqualTo(Cli.FAILED);
        assertThat(stopped.err())
                .contains("error: stage 1 of 4 (run) stopped: run 2 ended with 6 failed items")
                .contains("Kept: iteration 2 and what the run finished. Continue the chain with: loop next --resume"
                        + " --endpoint gen --target T");
        assertThat(server.chatRequests())
                .as("nothing after the transformations")
                .hasSize(sent + SEEDS);
        assertThat(judgeServer.chatRequests()).hasSize(12);

        CliRun resumed = cli("loop", "next", "--resume", "--endpoint", "gen", "--target", "T");

        ok(resumed);
        // the run made nothing yet: its 6 instructions are foreseen again
        assertThat(resumed.err())
                .contains("  1. run 2 (skills loop-skill) continues where it stopped")
                .contains("  2. answer with t, o: 12 calls");
        assertThat(resumed.out())
                .contains("run 2 completed: 6 instructions")
                .contains("judge job 4 completed: 6 battles judged");
        // by hand: the 6 transformations again, 6 generations, 6 run answers, 12 answers by T and O
        assertThat(server.chatRequests()).hasSize(sent + SEEDS + 30);
        assertThat(judgeServer.chatRequests()).hasSize(12 + 12);
        assertThat(iterations()).isEqualTo(2);
    }

    @Test
    void resumingARunThatMadeHalfItsInstructionsEstimatesAnswersForAllOfThem() {
        firstIteration("tag:first");
        // the run's first 3 calls are transformations: they fail, the other 3 seeds make their instructions
        Fault[] faults = new Fault[SEEDS / 2];
        Arrays.fill(faults, Fault.contextTooLong());
        server.enqueue(faults);

        CliRun stopped = cli("loop", "next", "--endpoint", "gen", "--target", "T");

        assertThat(stopped.code()).isEqualTo(Cli.FAILED);
        assertThat(stopped.err()).contains("error: stage 1 of 4 (run) stopped: run 2 ended with 3 failed items");

        CliRun resumed = cli("loop", "next", "--resume", "--endpoint", "gen", "--target", "T", "--estimate");

        ok(resumed);
        // by hand: the 3 instructions made and the 3 the resumed run makes, each answered by T and O
        assertThat(resumed.out()).contains("  2. answer with t, o: 12 calls");
        // the run's own retries are not estimated: the total does not claim to be all
        assertThat(resumed.out())
                .contains("  1. run 2 (skills loop-skill) continues where it stopped: its calls are not in this"
                        + " estimate")
                .containsPattern("estimate: \\d+ calls besides run 2's, ");
    }
}
