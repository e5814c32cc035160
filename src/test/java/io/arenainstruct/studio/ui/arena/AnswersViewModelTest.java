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

import io.arenainstruct.studio.domain.arena.ArenaDataset;
import io.arenainstruct.studio.domain.arena.ArenaJob;
import io.arenainstruct.studio.domain.run.RunStatus;
import io.arenainstruct.studio.service.arena.ArenaJobExecution;
import io.arenainstruct.studio.service.arena.ArenaJobService.AnswerRequest;
import io.arenainstruct.studio.service.job.JobProgress;
import io.arenainstruct.studio.service.job.JobState;
import io.arenainstruct.studio.service.llm.KeyResolver;
import io.arenainstruct.studio.service.run.RunFixture;
import io.arenainstruct.studio.service.workspace.Workspace;
import io.arenainstruct.studio.testserver.FakeModelServer;
import io.arenainstruct.studio.ui.FakeDialogService;
import io.arenainstruct.studio.ui.task.CallingThreadTaskExecutor;
import io.arenainstruct.studio.ui.task.JobEventBridge;

/**
 * The Answers tab's logic without a toolkit: a real store with the Arena-Hard sample, the in-test model server,
 * the work on the calling thread and the job events handed to the test thread when it drains them.
 */
class AnswersViewModelTest {
    private static final String DATASET = "arena-hard-v0.1";

    private static FakeModelServer server;

    @TempDir
    Path tmp;

    private KeyResolver keys;
    private Workspace ws;
    private final CallingThreadTaskExecutor tasks = new CallingThreadTaskExecutor();
    private final FakeDialogService dialogs = new FakeDialogService();
    private final LinkedBlockingQueue<Runnable> eventsForUi = new LinkedBlockingQueue<>();
    private AnswersViewModel model;

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
        keys = new KeyResolver(tmp.resolve("home/secrets.properties"), new HashMap<String, String>()::get);
        ws = Workspace.open(tmp.resolve("store"), keys, RunFixture.QUICK_RETRIES);
        AnswersJudgeFixture.importSample(ws);
        AnswersJudgeFixture.modelRow(ws, "test-model");
        AnswersJudgeFixture.modelRow(ws, "other-model");
        AnswersJudgeFixture.endpoint(ws, "local", "test-model", server.openAiBaseUrl());
        AnswersJudgeFixture.endpoint(ws, "other", "other-model", server.openAiBaseUrl());
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

    private AnswersViewModel model() {
        JobEventBridge<JobProgress<String>> bridge =
                new JobEventBridge<>(ws.arenaJobs(), new AnswersJudgeFixture.QueuedUi(eventsForUi));
        AnswersViewModel m = new AnswersViewModel(ws.arena(), ws.endpoints(), ws.datasets(), bridge, tasks, dialogs);
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

    private int responses() {
        return ws.datasets().list().stream().mapToInt(ArenaDataset::responses).sum();
    }

    @Test
    void theFormOffersTheStoresEndpointsAndDatasetsAndNeedsAnEndpointTicked() {
        model = model();
        assertThat(model.form().endpoints())
                .extracting(AnswersJudgeForm.EndpointChoice::toString)
                .containsExactly("local (test-model)", "other (other-model)");
        assertThat(model.datasetNames()).containsExactly(DATASET);
        assertThat(model.form().problems()).containsExactly("Tick at least one endpoint to answer with.");
        assertThat(model.form().estimate().get()).isEmpty();
        assertThat(model.form().canStart().get()).isFalse();
        model.start();
        assertThat(tasks.monitoredTitles).as("nothing started").isEmpty();
        assertThat(ws.arena().list()).isEmpty();
    }

    @Test
    void badSelectionsAreExplainedOnTheForm() {
        model = model();
        model.form().choose("local", true);
        model.source().set(AnswersViewModel.Source.DATASET);
        assertThat(model.form().problems()).containsExactly("Choose the dataset whose instructions are answered.");
        model.value().set("nope");
        // the form's own words for an empty selection, or the service's refusal where it refuses a missing dataset
        assertThat(model.form().problems())
                .singleElement()
                .isIn("No instructions match dataset:nope.", "There is no dataset nope (datasets: " + DATASET + ").");
        model.source().set(AnswersViewModel.Source.RUN);
        assertThat(model.form().problems()).containsExactly("A run is named by its number, not 'nope'.");
        model.source().set(AnswersViewModel.Source.CATEGORY);
        model.value().set("  ");
        assertThat(model.form().problems()).containsExactly("Name the category whose instructions are answered.");
        model.source().set(AnswersViewModel.Source.ALL);
        model.perModel().set(17);
        assertThat(model.form().problems()).containsExactly("Answers per model must be from 1 to 16.");
        assertThat(model.form().canStart().get()).isFalse();
        model.perModel().set(1);
        assertThat(model.form().problems()).isEmpty();
        assertThat(model.form().canStart().get()).isTrue();
    }

    @Test
    void aBurstOfEditsIsEstimatedOnceWhenItEnds() {
        model = model();
        tasks.holdDebounced();
        model.form().choose("local", true);
        model.source().set(AnswersViewModel.Source.DATASET);
        model.value().set(DATASET);
        assertThat(tasks.debouncedWaiting()).isEqualTo(1);
        assertThat(model.form().checkingNow().get()).isTrue();
        assertThat(model.form().canStart().get()).isFalse();
        tasks.runDebounced();
        assertThat(model.form().checkingNow().get()).isFalse();
        assertThat(model.form().estimate().get()).startsWith("40 answers: ");
    }

    @Test
    void theEstimateCountsCallsTokensAndCostAndStartingAnswersEveryInstruction() throws Exception {
        model = model();
        model.form().choose("local", true);
        model.source().set(AnswersViewModel.Source.DATASET);
        model.value().set(DATASET);
        // 40 answers x 600 tokens out (the endpoint sets no limit) x 10 per million = 0.24
        assertThat(model.form().estimate().get())
                .matches("40 answers: 40 instructions × 1 endpoint, 1 each; 0 held already\\. 40 calls, about"
                        + " [\\d,]+ tokens in and 24,000 out; cost about 0\\.2400");
        // a second endpoint without a price: twice the calls, the cost a lower bound
        model.form().choose("other", true);
        assertThat(model.form().estimate().get())
                .matches("80 answers: 40 instructions × 2 endpoints, 1 each; 0 held already\\. 80 calls, about"
                        + " [\\d,]+ tokens in and 48,000 out; cost at least 0\\.2400 \\(a model has no price\\)");
        model.form().choose("other", false);
        assertThat(model.form().canStart().get()).isTrue();

        model.start();
        assertThat(tasks.monitoredTitles).containsExactly("Starting answers");
        assertThat(tasks.renamedTitles).containsExactly("Answering job 1");
        assertThat(server.chatRequests()).hasSize(QUESTIONS);
        assertThat(responses()).isEqualTo(3 * QUESTIONS);
        assertThat(model.jobs().selected().get().id()).isEqualTo(1);
        deliverUntil(() -> model.jobs().progress().get() != null
                && model.jobs().progress().get().state() == JobState.COMPLETED);
        assertThat(AnswersJudgeJobs.stagesText(model.jobs().progress().get())).isEqualTo("answer: 40 / 40");
        assertThat(row(1).status()).isEqualTo(RunStatus.COMPLETED);
        assertThat(model.jobs().active().get()).isFalse();
        assertThat(model.jobs().resumable().get()).isFalse();
        assertThat(model.jobs().failures()).isEmpty();
        // the job's end estimates the form again (on its Finished event, which may come after the last progress):
        // everything is held now
        deliverUntil(() -> model.form().estimate().get().contains("40 held already"));
        assertThat(model.form().estimate().get())
                .isEqualTo(
                        "40 answers: 40 instructions × 1 endpoint, 1 each; 40 held already. 0 calls, nothing to ask");
    }

    @Test
    void failedAnswersAreListedWithTheirReasonsAndAResumeAsksOnlyForThem() throws Exception {
        server.replyWith(r -> r.body().contains("ABC notation") ? "" : "An answer.");
        model = model();
        model.form().choose("local", true);
        model.start();
        assertThat(row(1).status()).isEqualTo(RunStatus.INCOMPLETE);
        assertThat(row(1).message()).isEqualTo("1 item failed; resume the job to try them again");
        // the job's Finished event reads its failures
        deliverUntil(() -> !model.jobs().failures().isEmpty());
        assertThat(model.jobs().failures()).singleElement().asString().matches("instruction \\d+ / local: .*empty.*");
        assertThat(model.jobs().resumable().get()).isTrue();

        server.replyWith(r -> "An answer.");
        int before = server.chatRequests().size();
        model.jobs().resumeSelected();
        assertThat(server.chatRequests().size() - before)
                .as("only the failed answer")
                .isEqualTo(1);
        assertThat(ws.arena().list().get(0).status()).isEqualTo(RunStatus.COMPLETED);
        deliverUntil(() -> model.jobs().failures().isEmpty() && row(1).status() == RunStatus.COMPLETED);
        assertThat(responses()).isEqualTo(3 * QUESTIONS);
    }

    @Test
    void aJobStartedElsewhereIsPausedCancelledAndResumedFromTheTab() throws Exception {
        model = model();
        server.pauseReplies();
        ArenaJobExecution job = ws.arena().answer(new AnswerRequest(List.of("local"), "all", 1));
        long id = job.jobId();
        CompletableFuture<RunStatus> ran = CompletableFuture.supplyAsync(job::run);
        server.awaitInFlight(1, WAIT);

        deliverUntil(() -> model.jobs().jobs().stream().anyMatch(j -> j.id() == id));
        model.jobs().select(row(id));
        deliverUntil(() -> model.jobs().active().get());
        assertThat(model.jobs().resumable().get())
                .as("a running job is not resumed")
                .isFalse();

        model.jobs().togglePause();
        assertThat(job.isPaused()).isTrue();
        deliverUntil(() -> model.jobs().paused().get());
        model.jobs().togglePause();
        assertThat(job.isPaused()).isFalse();
        deliverUntil(() -> !model.jobs().paused().get());

        model.jobs().cancel();
        server.resumeReplies();
        assertThat(ran.get(WAIT.toSeconds(), TimeUnit.SECONDS)).isEqualTo(RunStatus.CANCELLED);
        deliverUntil(() -> !model.jobs().active().get() && row(id).status() == RunStatus.CANCELLED);
        assertThat(responses()).as("some answers are kept").isLessThan(3 * QUESTIONS);

        assertThat(model.jobs().resumable().get()).isTrue();
        model.jobs().resumeSelected();
        assertThat(tasks.monitoredTitles).containsExactly("Answering job " + id);
        assertThat(ws.arena().list().get(0).status()).isEqualTo(RunStatus.COMPLETED);
        assertThat(responses())
                .as("each instruction answered once by test-model")
                .isEqualTo(3 * QUESTIONS);
    }

    @Test
    void aJobInterruptedByAKillIsOfferedOnceAndResumedWhenAccepted() throws Exception {
        long id =
                ws.arena().answer(new AnswerRequest(List.of("local"), "all", 1)).jobId(); // never run: "killed"
        ws.close();
        ws = Workspace.open(tmp.resolve("store"), keys, RunFixture.QUICK_RETRIES);
        model = model();
        assertThat(model.jobs().notice().get())
                .isEqualTo("Answering job " + id + " was interrupted (the process running it stopped). Resume it?");
        model.jobs().resumeInterrupted();
        assertThat(model.jobs().notice().get()).isEmpty();
        assertThat(ws.arena().list().get(0).status()).isEqualTo(RunStatus.COMPLETED);
        assertThat(responses()).isEqualTo(3 * QUESTIONS);
        model.jobs().resumeInterrupted();
        assertThat(tasks.monitoredTitles).as("not resumed twice").containsExactly("Answering job " + id);
    }

    @Test
    void aRequestTheServiceRefusesAtStartShowsItsReasonOnTheForm() {
        model = model();
        model.form().choose("local", true);
        assertThat(model.form().canStart().get()).isTrue();
        ws.endpoints().remove("local"); // gone between the check and the start
        model.start();
        assertThat(dialogs.errors).as("a refusal is no error").isEmpty();
        assertThat(model.form().problems()).containsExactly("There is no endpoint local (endpoints: other).");
        assertThat(ws.arena().list()).isEmpty();
    }
}
