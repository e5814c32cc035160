package io.arenainstruct.studio.ui.runs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.arenainstruct.studio.domain.Seed;
import io.arenainstruct.studio.domain.SeedFilter;
import io.arenainstruct.studio.domain.run.RunConfig;
import io.arenainstruct.studio.domain.run.RunProgress;
import io.arenainstruct.studio.domain.run.RunStatus;
import io.arenainstruct.studio.domain.run.RunSummary;
import io.arenainstruct.studio.domain.run.SeedSelection;
import io.arenainstruct.studio.service.job.JobEvent;
import io.arenainstruct.studio.service.job.JobState;
import io.arenainstruct.studio.service.llm.KeyResolver;
import io.arenainstruct.studio.service.run.RunFixture;
import io.arenainstruct.studio.service.run.RunHandle;
import io.arenainstruct.studio.service.workspace.Workspace;
import io.arenainstruct.studio.testserver.FakeModelServer;
import io.arenainstruct.studio.testserver.SchemaReplies;
import io.arenainstruct.studio.ui.FakeDialogService;
import io.arenainstruct.studio.ui.task.BackgroundWork;
import io.arenainstruct.studio.ui.task.CallingThreadTaskExecutor;
import io.arenainstruct.studio.ui.task.JobEventBridge;
import io.arenainstruct.studio.ui.task.TaskExecutor;
import io.arenainstruct.studio.ui.task.TaskHandle;

/**
 * The Runs area's logic without a toolkit: a real store in a temp dir, the in-test model server, the work on the
 * calling thread, and the registry's job events handed to the test thread when the test drains them.
 */
class RunsViewModelTest {
    private static final Duration WAIT = Duration.ofSeconds(20);
    /** 3 seeds, 1 instruction each: per seed 1 transformation, then 1 generation + 2 rounds x 2 + 1 answer. */
    private static final int CALLS_OF_A_RUN = 3 * (1 + 1 + 2 * 2 + 1);

    private static FakeModelServer server;

    @TempDir
    Path tmp;

    private KeyResolver keys;
    private Workspace ws;
    private final CallingThreadTaskExecutor tasks = new CallingThreadTaskExecutor();
    private final FakeDialogService dialogs = new FakeDialogService();
    /** The job events on their way to the UI thread, which in these tests is the test thread. */
    private final LinkedBlockingQueue<Runnable> eventsForUi = new LinkedBlockingQueue<>();

    private RunsViewModel model;

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
        server.replyWith(SchemaReplies.fill());
        keys = new KeyResolver(tmp.resolve("home/secrets.properties"), new HashMap<String, String>()::get);
        ws = Workspace.open(tmp.resolve("store"), keys, RunFixture.QUICK_RETRIES);
        RunFixture.install(ws, server.openAiBaseUrl(), 3, 4);
    }

    @AfterEach
    void close() {
        server.resumeReplies();
        if (model != null) {
            model.close();
        }
        ws.close();
    }

    private RunsViewModel model() {
        JobEventBridge<RunProgress> bridge = new JobEventBridge<>(ws.jobs(), new QueuedUi(eventsForUi));
        return new RunsViewModel(ws.runs(), ws.instructions(), bridge, tasks, dialogs);
    }

    private static RunConfig config() {
        return RunConfig.of(List.of(RunFixture.SKILL), SeedSelection.all(), "local");
    }

    /** Hands the job events that arrived to the model, until {@code done} holds; fails after {@link #WAIT}. */
    private void deliverEventsUntil(BooleanSupplier done) throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (true) {
            Runnable r;
            while ((r = eventsForUi.poll()) != null) {
                r.run();
            }
            if (done.getAsBoolean()) {
                return;
            }
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                fail("the job events never showed it");
            }
            r = eventsForUi.poll(left, TimeUnit.NANOSECONDS);
            if (r != null) {
                r.run();
            }
        }
    }

    /** A run of the fixture's 3 seeds, run to its end outside the model; its id. */
    private long completedRun() {
        RunHandle run = ws.runs().start(config());
        assertThat(run.run()).isEqualTo(RunStatus.COMPLETED);
        return run.runId();
    }

    private RunSummary row(long id) {
        return model.runs().stream().filter(r -> r.id() == id).findFirst().orElseThrow();
    }

    @Test
    void refreshListsTheRunsAndOffersTheSkillsTagsAndEndpointsOfTheStore() {
        long done = completedRun();
        model = model();
        assertThat(model.runs()).isEmpty();

        model.refresh();
        assertThat(model.runs()).extracting(RunSummary::id).containsExactly(done);
        RunFormModel form = model.form();
        // the shipped flows and the fixture's, by id
        assertThat(form.skills())
                .extracting(RunFormModel.SkillChoice::skill)
                .contains(RunFixture.SKILL)
                .isSorted();
        assertThat(form.skills())
                .filteredOn(c -> c.skill().equals(RunFixture.SKILL))
                .singleElement()
                .extracting(RunFormModel.SkillChoice::name)
                .isEqualTo("Test skill");
        assertThat(form.tags()).containsExactly("fixture");
        assertThat(form.endpointNames()).containsExactly("local");
        assertThat(form.endpoint().get()).isEqualTo("local");
        assertThat(model.skillsText(List.of(RunFixture.SKILL))).isEqualTo("Test skill");
    }

    @Test
    void aFormWithNoSkillTickedSaysSoAndCannotStart() {
        model = model();
        model.refresh();
        assertThat(model.form().problems()).containsExactly("Tick at least one skill to generate instructions for.");
        assertThat(model.form().estimate().get()).isEmpty();
        assertThat(model.form().canStart().get()).isFalse();
        model.start();
        assertThat(tasks.monitoredTitles).as("nothing started").isEmpty();
        assertThat(ws.runs().list()).isEmpty();
    }

    @Test
    void tickingASkillEstimatesTheRunAndLetsItStart() {
        model = model();
        model.refresh();
        model.form().choose(RunFixture.SKILL, true);
        assertThat(model.form().problems()).isEmpty();
        assertThat(model.form().estimate().get())
                .startsWith("3 seeds → 3 passages → 3 instructions; about " + CALLS_OF_A_RUN + " calls, ")
                .endsWith(", no price set");
        assertThat(model.form().canStart().get()).isTrue();

        // an endpoint the store does not know: the store's check says so
        model.form().endpoint().set("nowhere");
        assertThat(model.form().problems()).singleElement().asString().contains("nowhere");
        assertThat(model.form().canStart().get()).isFalse();
    }

    @Test
    void aBurstOfEditsIsCheckedOnceWhenItEnds() {
        model = model();
        model.refresh();
        tasks.holdDebounced();
        model.form().choose(RunFixture.SKILL, true);
        model.form().perSeed().set(2);
        model.form().freshSamples().set(true);
        assertThat(tasks.debouncedWaiting()).isEqualTo(1);
        assertThat(model.form().checking().get()).isTrue();
        assertThat(model.form().canStart().get()).isFalse();
        assertThat(model.form().problems())
                .as("the last check's, until the burst ends")
                .containsExactly("Tick at least one skill to generate instructions for.");

        tasks.runDebounced();
        assertThat(model.form().checking().get()).isFalse();
        assertThat(model.form().problems()).isEmpty();
        assertThat(model.form().estimate().get()).startsWith("3 seeds → 3 passages → 6 instructions; ");
        assertThat(model.form().canStart().get()).isTrue();
    }

    @Test
    void startingARunNamesItsTaskShowsItAndItsRowFollowsTheJobEvents() throws Exception {
        model = model();
        model.refresh();
        model.form().choose(RunFixture.SKILL, true);
        model.start();

        assertThat(tasks.monitoredTitles).containsExactly("Starting a run");
        assertThat(tasks.renamedTitles).containsExactly("Run 1");
        assertThat(model.pane().get()).isEqualTo(RunsViewModel.Pane.RUN);
        assertThat(model.selected().get().id()).isEqualTo(1);
        assertThat(ws.runs().find(1).orElseThrow().complete()).isEqualTo(3);
        deliverEventsUntil(
                () -> model.progress().get() != null && model.progress().get().status() == RunStatus.COMPLETED);
        assertThat(row(1).status()).isEqualTo(RunStatus.COMPLETED);
        assertThat(model.selectedActive().get()).isFalse();
        assertThat(model.failures()).isEmpty();
    }

    @Test
    void aRunStartedElsewhereIsPausedResumedAndCancelledFromTheArea() throws Exception {
        model = model();
        model.refresh();
        server.pauseReplies();
        RunHandle run = ws.runs().start(config());
        long id = run.runId();
        CompletableFuture<RunStatus> ran = CompletableFuture.supplyAsync(run::run);
        server.awaitInFlight(1, WAIT);

        // nothing but the registry's Started told the model about it
        deliverEventsUntil(() -> model.runs().stream().anyMatch(r -> r.id() == id));
        model.select(row(id));
        deliverEventsUntil(() -> model.selectedActive().get());
        assertThat(model.canResume()).as("a running run is not resumed").isFalse();

        model.togglePause();
        assertThat(run.isPaused()).isTrue();
        deliverEventsUntil(() -> model.selectedPaused().get());
        model.togglePause();
        assertThat(run.isPaused()).isFalse();
        deliverEventsUntil(() -> !model.selectedPaused().get());

        model.cancel();
        server.resumeReplies();
        assertThat(ran.get(WAIT.toSeconds(), TimeUnit.SECONDS)).isEqualTo(RunStatus.CANCELLED);
        deliverEventsUntil(() -> !model.selectedActive().get() && row(id).status() == RunStatus.CANCELLED);

        // Ctrl+R continues it, here on the calling thread
        assertThat(model.canResume()).isTrue();
        model.resumeRun();
        assertThat(tasks.monitoredTitles).containsExactly("Run " + id);
        assertThat(ws.runs().find(id).orElseThrow().status()).isEqualTo(RunStatus.COMPLETED);
        assertThat(ws.runs().find(id).orElseThrow().complete()).isEqualTo(3);
    }

    @Test
    void anEventAboutARunTheListDoesNotHoldChangesNothingShown() {
        long id = completedRun();
        model = model();
        model.refresh();
        model.select(row(id));
        RunProgress shown = model.progress().get();
        assertThat(shown.runId()).isEqualTo(id);

        RunProgress other =
                new RunProgress(99, RunStatus.RUNNING, List.of(), 5, 0, 10, 10, null, Duration.ZERO, 0, null, null);
        model.jobEvent(new JobEvent.Started<>(99));
        model.jobEvent(new JobEvent.Progressed<>(99, other));
        model.jobEvent(new JobEvent.PausedOrResumed<>(99, true));
        model.jobEvent(new JobEvent.Finished<>(99, JobState.COMPLETED));

        assertThat(model.progress().get()).as("still the selected run's").isEqualTo(shown);
        assertThat(model.selected().get().id()).isEqualTo(id);
        assertThat(model.runs()).extracting(RunSummary::id).containsExactly(id);
        assertThat(model.selectedActive().get()).isFalse();
        assertThat(dialogs.errors).isEmpty();
    }

    @Test
    void aSelectedRunShowsWhyItsItemsFailedAndRetryRunsOnlyThose() throws Exception {
        // Nothing about seed 1 comes back as JSON, not even the repair: its transformation fails.
        server.replyWith(r -> r.body().contains("Seed number 1 ")
                ? "this is not JSON"
                : SchemaReplies.fill().apply(r));
        RunHandle first = ws.runs().start(config());
        assertThat(first.run()).isEqualTo(RunStatus.INCOMPLETE);
        model = model();
        model.refresh();
        model.select(row(first.runId()));

        assertThat(model.failures()).singleElement().satisfies(f -> {
            assertThat(f.passage()).isTrue();
            assertThat(f.text())
                    .matches("Seed \\d+ could not be transformed \\((retell|summarize)\\): schema mismatch: .+");
        });
        assertThat(model.failureReasons().get())
                .startsWith("1 failed at transformation: The reply did not match the requested JSON schema");

        server.replyWith(SchemaReplies.fill());
        int before = server.chatRequests().size();
        model.retry(List.copyOf(model.failures()));
        assertThat(tasks.monitoredTitles).containsExactly("Retrying run " + first.runId());
        assertThat(server.chatRequests().size() - before)
                .as("only the failed chain: 1 transformation + 1 generation + 2 x 2 refinement + 1 answer")
                .isEqualTo(7);
        assertThat(ws.runs().find(first.runId()).orElseThrow().status()).isEqualTo(RunStatus.COMPLETED);
        // the run's Finished event reads the failures again
        deliverEventsUntil(() -> model.failures().isEmpty());
        assertThat(model.failureReasons().get()).isEmpty();
    }

    @Test
    void aRunInterruptedAtOpenIsOfferedOnceAndResumedWhenAccepted() {
        long id = ws.runs().start(config()).runId(); // marked running, never run: the app "closes"
        ws.close();
        ws = Workspace.open(tmp.resolve("store"), keys, RunFixture.QUICK_RETRIES);
        model = model();
        assertThat(model.notice().get())
                .isEqualTo("Run " + id + " was interrupted (the app closed while it ran). Resume it?");

        model.resumeInterrupted();
        assertThat(model.notice().get()).isEmpty();
        assertThat(tasks.monitoredTitles).containsExactly("Run " + id);
        assertThat(model.selected().get().id()).isEqualTo(id);
        assertThat(ws.runs().find(id).orElseThrow().complete()).isEqualTo(3);

        model.resumeInterrupted();
        assertThat(tasks.monitoredTitles).as("not resumed twice").hasSize(1);
        model.close();
        model = model();
        assertThat(model.notice().get())
                .as("a completed run is offered no more")
                .isEmpty();
    }

    @Test
    void anOfferAcceptedBeforeTheInterruptedRunsAreReadResumesThemOnceTheyAre() {
        long id = ws.runs().start(config()).runId();
        ws.close();
        ws = Workspace.open(tmp.resolve("store"), keys, RunFixture.QUICK_RETRIES);
        tasks.hold();
        model = model();
        model.resumeInterrupted();
        assertThat(tasks.monitoredTitles).isEmpty();

        tasks.runHeld();
        assertThat(tasks.monitoredTitles).containsExactly("Run " + id);
        assertThat(ws.runs().find(id).orElseThrow().status()).isEqualTo(RunStatus.COMPLETED);
        assertThat(model.notice().get()).isEmpty();
    }

    @Test
    void dismissingTheNoticeForgetsTheOffer() {
        long id = ws.runs().start(config()).runId();
        ws.close();
        ws = Workspace.open(tmp.resolve("store"), keys, RunFixture.QUICK_RETRIES);
        model = model();
        assertThat(model.notice().get()).startsWith("Run " + id + " was interrupted");
        model.dismissNotice();
        assertThat(model.notice().get()).isEmpty();
        model.resumeInterrupted();
        assertThat(tasks.monitoredTitles).isEmpty();
        assertThat(ws.runs().find(id).orElseThrow().status()).isEqualTo(RunStatus.INTERRUPTED);
    }

    @Test
    void repeatingACompletedRunIsConfirmedFirst() {
        long first = completedRun();
        model = model();
        model.refresh();
        model.form().choose(RunFixture.SKILL, true);
        assertThat(model.form().estimate().get()).contains("this repeats run " + first);

        dialogs.confirmAnswer = false;
        model.start();
        assertThat(dialogs.confirms).singleElement().asString().startsWith("Repeat run " + first + "?: ");
        assertThat(tasks.monitoredTitles).as("declined: nothing started").isEmpty();

        dialogs.confirmAnswer = true;
        model.start();
        assertThat(tasks.monitoredTitles).containsExactly("Starting a run");
        assertThat(ws.runs().list()).hasSize(2);
    }

    @Test
    void seedsChosenInTheSeedsAreaAreNamedAndADeletedOneSaysSo() {
        model = model();
        List<Long> ids = ws.seedService().list(SeedFilter.ALL).stream()
                .map(Seed::id)
                .sorted()
                .toList();
        model.useSeeds(List.of(ids.get(0), ids.get(1), 999L));
        assertThat(model.form().seedMode().get()).isEqualTo(RunFormModel.SeedMode.IDS);
        assertThat(model.form().chosenSeedIds().get())
                .isEqualTo("Seed ids " + ids.get(0) + ", " + ids.get(1) + ", 999");
        assertThat(model.form().chosenSeeds().get()).isEqualTo("3 seeds: seed-0.txt, seed-1.txt, seed 999 (deleted)");
    }

    @Test
    void aStoreThatCannotBeReadIsReportedInADialog() {
        model = model();
        ws.close();
        model.refresh();
        assertThat(dialogs.errors).singleElement().asString().startsWith("Cannot read the runs: ");
        ws = Workspace.open(tmp.resolve("store"), keys, RunFixture.QUICK_RETRIES);
    }

    @Test
    void aRunTheServiceRefusesShowsItsReasonsOnTheForm() {
        model = model();
        model.refresh();
        model.form().choose(RunFixture.SKILL, true);
        assertThat(model.form().canStart().get()).isTrue();
        // the endpoint goes between the check and the start
        ws.endpoints().remove("local");
        model.start();
        assertThat(dialogs.errors).as("a refusal is no error").isEmpty();
        assertThat(model.form().problems())
                .containsExactly("There is no endpoint named local (add it in Endpoints or with models add).");
        assertThat(ws.runs().list()).isEmpty();
    }

    /** The UI thread of the job events: what the bridge hands over waits in the queue for the test thread. */
    private record QueuedUi(LinkedBlockingQueue<Runnable> queue) implements TaskExecutor {
        @Override
        public void background(Runnable work) {
            work.run();
        }

        @Override
        public void ui(Runnable action) {
            queue.add(action);
        }

        @Override
        public <V> TaskHandle monitored(
                String title, BackgroundWork<V> work, Consumer<V> onSuccess, Consumer<Throwable> onFailure) {
            throw new UnsupportedOperationException("the bridge starts no work");
        }

        @Override
        public Executor executor() {
            return Runnable::run;
        }
    }
}
