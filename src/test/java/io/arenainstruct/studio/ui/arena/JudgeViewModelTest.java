package io.arenainstruct.studio.ui.arena;

import static io.arenainstruct.studio.ui.arena.AnswersJudgeFixture.QUESTIONS;
import static io.arenainstruct.studio.ui.arena.AnswersJudgeFixture.WAIT;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.arenainstruct.studio.domain.arena.ArenaJob;
import io.arenainstruct.studio.domain.arena.BattleFilter;
import io.arenainstruct.studio.domain.arena.BattleStatus;
import io.arenainstruct.studio.domain.arena.JudgeAgent;
import io.arenainstruct.studio.domain.run.RunStatus;
import io.arenainstruct.studio.service.arena.ArenaJobExecution;
import io.arenainstruct.studio.service.arena.ArenaJobService.JudgeRequest;
import io.arenainstruct.studio.service.job.JobProgress;
import io.arenainstruct.studio.service.job.JobState;
import io.arenainstruct.studio.service.llm.KeyResolver;
import io.arenainstruct.studio.service.run.RunFixture;
import io.arenainstruct.studio.service.workspace.Workspace;
import io.arenainstruct.studio.testserver.FakeModelServer;
import io.arenainstruct.studio.testserver.Fault;
import io.arenainstruct.studio.testserver.JudgeReplies;
import io.arenainstruct.studio.ui.FakeDialogService;
import io.arenainstruct.studio.ui.task.CallingThreadTaskExecutor;
import io.arenainstruct.studio.ui.task.JobEventBridge;

/**
 * The Judge tab's logic without a toolkit: the sample's 40 baseline battles in a real store, judges on the in-test
 * server, the work on the calling thread and the job events drained by the test.
 */
class JudgeViewModelTest {
    private static FakeModelServer server;

    @TempDir
    Path tmp;

    private KeyResolver keys;
    private Workspace ws;
    private final CallingThreadTaskExecutor tasks = new CallingThreadTaskExecutor();
    private final FakeDialogService dialogs = new FakeDialogService();
    private final LinkedBlockingQueue<Runnable> eventsForUi = new LinkedBlockingQueue<>();
    private JudgeViewModel model;

    @BeforeAll
    static void startServer() {
        server = FakeModelServer.start();
    }

    @AfterAll
    static void stopServer() {
        server.close();
    }

    @BeforeEach
    void open() {
        server.reset();
        server.replyWith(JudgeReplies.always("The answers compare as follows. My final verdict is: [[A>B]]"));
        keys = new KeyResolver(tmp.resolve("home/secrets.properties"), new HashMap<String, String>()::get);
        ws = Workspace.open(tmp.resolve("store"), keys, RunFixture.QUICK_RETRIES);
        AnswersJudgeFixture.importSample(ws);
        assertThat(AnswersJudgeFixture.baselineBattles(ws)).isEqualTo(QUESTIONS);
        AnswersJudgeFixture.endpoint(ws, "local", "test-model", server.openAiBaseUrl());
        AnswersJudgeFixture.endpoint(ws, "judge-2", "judge-2-model", server.openAiBaseUrl());
        AnswersJudgeFixture.endpoint(ws, "judge-3", "judge-3-model", server.openAiBaseUrl());
        AnswersJudgeFixture.priceOutputOnly(ws, "test-model");
    }

    @AfterEach
    void close() {
        server.resumeReplies();
        if (model != null) {
            model.close();
        }
        ws.close();
    }

    private JudgeViewModel model() {
        JobEventBridge<JobProgress<String>> bridge =
                new JobEventBridge<>(ws.arenaJobs(), new AnswersJudgeFixture.QueuedUi(eventsForUi));
        JudgeViewModel m = new JudgeViewModel(ws.arena(), ws.endpoints(), ws.battles(), bridge, tasks, dialogs);
        m.refresh();
        return m;
    }

    private void deliverUntil(BooleanSupplier done) throws InterruptedException {
        AnswersJudgeFixture.deliverUntil(eventsForUi, done);
    }

    private ArenaJob row(long id) {
        return model.jobs().jobs().stream()
                .filter(j -> j.id() == id)
                .findFirst()
                .orElseThrow();
    }

    private int battles(BattleStatus status) {
        return ws.battles().count(new BattleFilter(status, null, null, null));
    }

    @Test
    void theFormOffersTheJudgePromptsWithTheirStyleAndTheBattlesModelsAndCategories() {
        model = model();
        assertThat(model.prompts()).extracting(JudgeAgent::id).containsExactly("graded", "scores");
        assertThat(model.prompt().get().id()).as("the graded judge by default").isEqualTo("graded");
        assertThat(model.promptInfo().get())
                .startsWith("Graded judge (graded, version 1): a graded verdict, [[A>>B]] to [[B>>A]]; sees the"
                        + " reference answer when there is one. ");
        model.prompt().set(model.prompts().get(1));
        assertThat(model.promptInfo().get())
                .startsWith("Score judge (scores, version 1): a 1–10 score for each answer, the verdict from the gap");
        model.which().set(JudgeViewModel.Battles.MODEL);
        assertThat(model.values()).containsExactlyInAnyOrder("gpt-4-0314", "gpt-3.5-turbo-0125");
        model.which().set(JudgeViewModel.Battles.STATUS);
        assertThat(model.values()).containsExactly("unjudged", "judged", "disputed", "adjudicated");
        model.which().set(JudgeViewModel.Battles.CATEGORY);
        assertThat(model.values()).contains("ABC Sequence Puzzles & Groups").hasSize(20);
    }

    @Test
    void badChoicesAreExplainedOnTheForm() {
        model = model();
        assertThat(model.form().problems()).containsExactly("Tick at least one judge endpoint (several make a jury).");
        model.form().choose("local", true);
        assertThat(model.form().problems()).isEmpty();
        model.which().set(JudgeViewModel.Battles.MODEL);
        assertThat(model.form().problems()).containsExactly("Choose a model: its battles are judged.");
        model.value().set("nobody");
        assertThat(model.form().problems()).containsExactly("No battles match model:nobody.");
        model.which().set(JudgeViewModel.Battles.STATUS);
        assertThat(model.form().problems()).singleElement().asString().startsWith("Unknown battle status 'nobody'");
        model.value().set("judged");
        assertThat(model.form().problems()).containsExactly("No battles match status:judged.");
        model.prompt().set(null);
        assertThat(model.form().problems()).contains("Choose a judge prompt.");
        assertThat(model.form().canStart().get()).isFalse();
        model.start();
        assertThat(ws.arena().list()).isEmpty();
    }

    @Test
    void theEstimateOfAJuryCountsEveryJudgesGamesAndItsCost() {
        model = model();
        model.form().choose("local", true);
        // 40 battles x 2 games x 700 tokens out (the judge's limit, 4,096, is above it) x 10 per million = 0.56
        assertThat(model.form().estimate().get())
                .matches("80 games: 40 battles × 1 judge × 2 games \\(positions swapped\\); 0 played already\\. 80"
                        + " calls, about [\\d,]+ tokens in and 56,000 out; cost about 0\\.5600");
        model.form().choose("judge-2", true);
        model.form().choose("judge-3", true);
        assertThat(model.form().estimate().get())
                .matches("240 games: 40 battles × 3 judges \\(a jury, majority vote\\) × 2 games \\(positions"
                        + " swapped\\); 0 played already\\. 240 calls, about [\\d,]+ tokens in and 168,000 out; cost"
                        + " at least 0\\.5600 \\(a model has no price\\)");
        model.pool().set(JudgeViewModel.Pool.MEAN);
        model.games().set(1);
        assertThat(model.form().estimate().get())
                .startsWith("120 games: 40 battles × 3 judges (a jury, mean score) × 1 game; 0 played already. 120"
                        + " calls, ");
    }

    @Test
    void judgingInTwoGamesJudgesEveryBattleAndTheFormThenHasNothingLeft() throws Exception {
        model = model();
        model.form().choose("local", true);
        model.start();
        assertThat(tasks.monitoredTitles).containsExactly("Starting judging");
        assertThat(tasks.renamedTitles).containsExactly("Judging job 1");
        assertThat(server.chatRequests()).hasSize(2 * QUESTIONS);
        // A>B in both games: after un-swapping the second, the games disagree, so every battle is disputed
        assertThat(battles(BattleStatus.DISPUTED)).isEqualTo(QUESTIONS);
        deliverUntil(() -> model.jobs().progress().get() != null
                && model.jobs().progress().get().state() == JobState.COMPLETED);
        assertThat(AnswersJudgeJobs.stagesText(model.jobs().progress().get()))
                .isEqualTo("judge: 80 / 80\nverdict: 40 / 40");
        assertThat(row(1).status()).isEqualTo(RunStatus.COMPLETED);
        assertThat(model.jobs().failures()).isEmpty();
        // "unjudged" names no battle now: the form is checked again when the job's end arrives, which may come
        // after its last progress (a loaded machine delivers them apart)
        deliverUntil(() -> model.form().problems().equals(List.of("No battles match unjudged.")));
        assertThat(model.form().problems()).containsExactly("No battles match unjudged.");
        model.which().set(JudgeViewModel.Battles.ALL);
        assertThat(model.form().estimate().get())
                .startsWith("80 games: 40 battles × 1 judge × 2 games (positions swapped); 80 played already. 0"
                        + " calls, nothing to ask");
    }

    @Test
    void aFailedGameIsListedWithItsReasonAndAResumePlaysOnlyIt() throws Exception {
        server.enqueue(Fault.contextTooLong());
        model = model();
        model.form().choose("local", true);
        model.start();
        assertThat(row(1).status()).isEqualTo(RunStatus.INCOMPLETE);
        deliverUntil(() -> !model.jobs().failures().isEmpty());
        assertThat(model.jobs().failures()).singleElement().asString().matches("battle \\d+ / local game [12]: .+");
        assertThat(model.jobs().resumable().get()).isTrue();
        // the failed game, and its battle's other game when it was to come after it; nothing else
        model.which().set(JudgeViewModel.Battles.ALL);
        assertThat(model.form().estimate().get()).matches("80 games: .*; 7[89] played already\\. [12] calls?, .*");
        int left = 80 - Integer.parseInt(model.form().estimate().get().replaceAll(".*; (\\d+) played.*", "$1"));

        int before = server.chatRequests().size();
        model.jobs().resumeSelected();
        assertThat(server.chatRequests().size() - before)
                .as("only the games not played")
                .isEqualTo(left);
        assertThat(ws.arena().list().get(0).status()).isEqualTo(RunStatus.COMPLETED);
        deliverUntil(() -> row(1).status() == RunStatus.COMPLETED);
        assertThat(battles(BattleStatus.UNJUDGED)).isZero();
        // Not asserted yet: the failure list empties. JudgeJob clears "battle N" once the verdict is stored but
        // never the game's own "battle N / local game G", so the service still lists it (reported to the lead).
    }

    @Test
    void aJuryStartedElsewhereIsPausedCancelledAndResumedWithoutPlayingAGameTwice() throws Exception {
        model = model();
        server.pauseReplies();
        ArenaJobExecution job = ws.arena()
                .judge(new JudgeRequest(List.of("local", "judge-2", "judge-3"), "graded", "majority", "all", 2));
        long id = job.jobId();
        CompletableFuture<RunStatus> ran = CompletableFuture.supplyAsync(job::run);
        server.awaitInFlight(1, WAIT);

        deliverUntil(() -> model.jobs().jobs().stream().anyMatch(j -> j.id() == id));
        model.jobs().select(row(id));
        deliverUntil(() -> model.jobs().active().get());
        model.jobs().togglePause();
        assertThat(job.isPaused()).isTrue();
        deliverUntil(() -> model.jobs().paused().get());
        model.jobs().cancel();
        server.resumeReplies();
        assertThat(ran.get(WAIT.toSeconds(), TimeUnit.SECONDS)).isEqualTo(RunStatus.CANCELLED);
        deliverUntil(() -> !model.jobs().active().get() && row(id).status() == RunStatus.CANCELLED);

        int before = server.chatRequests().size();
        model.form().choose("local", true);
        model.form().choose("judge-2", true);
        model.form().choose("judge-3", true);
        model.which().set(JudgeViewModel.Battles.ALL);
        String estimate = model.form().estimate().get();
        int left = Integer.parseInt(
                estimate.replaceAll(".*already\\. ([\\d,]+) calls.*", "$1").replace(",", ""));
        assertThat(left).as("the cancelled jury's games are not asked again").isLessThan(240);

        model.jobs().resumeSelected();
        assertThat(tasks.monitoredTitles).containsExactly("Judging job " + id);
        assertThat(ws.arena().list().get(0).status()).isEqualTo(RunStatus.COMPLETED);
        assertThat(server.chatRequests().size() - before)
                .as("only the games left")
                .isEqualTo(left);
    }

    @Test
    void aJudgingJobInterruptedByAKillIsOfferedAndResumed() throws Exception {
        long id = ws.arena()
                .judge(new JudgeRequest(List.of("local"), "graded", "majority", "unjudged", 1))
                .jobId();
        ws.close();
        ws = Workspace.open(tmp.resolve("store"), keys, RunFixture.QUICK_RETRIES);
        model = model();
        assertThat(model.jobs().notice().get())
                .isEqualTo("Judging job " + id + " was interrupted (the process running it stopped). Resume it?");
        model.jobs().dismissNotice();
        assertThat(model.jobs().notice().get()).isEmpty();
        model.jobs().select(row(id));
        assertThat(model.jobs().resumable().get())
                .as("still resumable from the list")
                .isTrue();
        model.jobs().resumeSelected();
        assertThat(ws.arena().list().get(0).status()).isEqualTo(RunStatus.COMPLETED);
        assertThat(server.chatRequests()).hasSize(QUESTIONS);
    }
}
