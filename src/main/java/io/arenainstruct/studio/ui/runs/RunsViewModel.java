package io.arenainstruct.studio.ui.runs;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.LongFunction;
import java.util.stream.Collectors;

import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

import io.arenainstruct.studio.domain.run.FailureReason;
import io.arenainstruct.studio.domain.run.Instruction;
import io.arenainstruct.studio.domain.run.InstructionFilter;
import io.arenainstruct.studio.domain.run.InstructionRow;
import io.arenainstruct.studio.domain.run.InterruptedRun;
import io.arenainstruct.studio.domain.run.Passage;
import io.arenainstruct.studio.domain.run.RunConfig;
import io.arenainstruct.studio.domain.run.RunEstimate;
import io.arenainstruct.studio.domain.run.RunOrigin;
import io.arenainstruct.studio.domain.run.RunProgress;
import io.arenainstruct.studio.domain.run.RunStatus;
import io.arenainstruct.studio.domain.run.RunSummary;
import io.arenainstruct.studio.domain.run.Stage;
import io.arenainstruct.studio.domain.run.StageProgress;
import io.arenainstruct.studio.service.job.JobEvent;
import io.arenainstruct.studio.service.job.JobRegistry;
import io.arenainstruct.studio.service.job.RunningJob;
import io.arenainstruct.studio.service.run.InstructionService;
import io.arenainstruct.studio.service.run.RunHandle;
import io.arenainstruct.studio.service.run.RunService;
import io.arenainstruct.studio.ui.common.DialogService;
import io.arenainstruct.studio.ui.common.LongText;
import io.arenainstruct.studio.ui.task.Debouncer;
import io.arenainstruct.studio.ui.task.JobEventBridge;
import io.arenainstruct.studio.ui.task.Latest;
import io.arenainstruct.studio.ui.task.Subscriptions;
import io.arenainstruct.studio.ui.task.TaskExecutor;

/**
 * State and actions of the Runs area: the list of runs, the New run form ({@link RunFormModel}) with its live
 * estimate and problems, the progress of the selected run, its failed items, and the notice about runs interrupted
 * at open. Store reads and runs go to the background through the {@link TaskExecutor}; what runs do comes from the
 * workspace's job registry through the {@link JobEventBridge} (progress merged to the newest), so closing the
 * area never stops a run and a run started anywhere in the app shows here.
 */
public final class RunsViewModel {
    /** What the right side shows. */
    public enum Pane {
        FORM,
        RUN
    }

    /** A failed item of the selected run: a passage (the seed could not be transformed) or an instruction. */
    public record Failure(boolean passage, long id, String text) {}

    /** Instructions the failure list reads at most. */
    static final int FAILURES_SHOWN = 500;

    /** How long the form waits after the last edit before it is checked and estimated against the store. */
    static final Duration FORM_DELAY = Duration.ofMillis(250);

    private static final int REASONS_SHOWN = 5;
    private static final long LIST_REFRESH_MS = 1000;

    private final RunService service;
    private final InstructionService instructions;
    private final TaskExecutor tasks;
    private final DialogService dialogs;

    private final ObservableList<RunSummary> runs = FXCollections.observableArrayList();
    private final ReadOnlyObjectWrapper<Pane> pane = new ReadOnlyObjectWrapper<>(Pane.FORM);
    private final ReadOnlyObjectWrapper<RunSummary> selected = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyObjectWrapper<RunProgress> progress = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyBooleanWrapper selectedActive = new ReadOnlyBooleanWrapper();
    private final ReadOnlyBooleanWrapper selectedPaused = new ReadOnlyBooleanWrapper();
    private final ObservableList<Failure> failures = FXCollections.observableArrayList();
    private final ObservableList<Failure> failuresView = FXCollections.unmodifiableObservableList(failures);
    private final ReadOnlyStringWrapper failureReasons = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper notice = new ReadOnlyStringWrapper("");
    private final List<InterruptedRun> interrupted = new ArrayList<>();
    /** Whether {@link #interrupted} has been read from the store; a resume asked for earlier waits for it. */
    private boolean interruptedKnown;

    private boolean resumeWhenKnown;

    private final RunFormModel form;
    private final Debouncer formCheck;
    private final Latest formChecked = new Latest();
    private final Latest detail = new Latest();
    private final Latest runList = new Latest();
    private final Latest elsewhere = new Latest();

    /** The workspace's running jobs: which runs execute, their last figures, pause and cancel. */
    private final JobRegistry<RunProgress> jobs;

    private final AutoCloseable jobEvents;
    private long lastListRefresh;
    private boolean closed;

    public RunsViewModel(
            RunService service,
            InstructionService instructions,
            JobEventBridge<RunProgress> jobEvents,
            TaskExecutor tasks,
            DialogService dialogs) {
        this.service = service;
        this.instructions = instructions;
        this.tasks = tasks;
        this.dialogs = dialogs;
        this.jobs = jobEvents.registry();
        this.formCheck = tasks.debounce(FORM_DELAY, this::checkNow);
        this.form = new RunFormModel(this::formEdited);
        this.jobEvents = jobEvents.subscribe(this::jobEvent);
        // read off the UI thread; the notice appears when it is known
        tasks.wrap(service::stillInterrupted)
                .onSuccess(found -> {
                    interrupted.addAll(found);
                    interruptedKnown = true;
                    if (resumeWhenKnown) {
                        resumeInterrupted();
                    } else {
                        updateNotice();
                    }
                })
                .onFailure(e -> dialogs.showError("Cannot read the interrupted runs", e.getMessage()))
                .start();
    }

    // ---- loading ----

    /** Reads the runs, and the form's choices (skills with a flow, tags, endpoints), again. */
    public void refresh() {
        if (closed) {
            return;
        }
        record Loaded(List<RunSummary> runs, RunService.FormChoices choices) {}
        tasks.wrap(() -> new Loaded(service.list(), service.formChoices()))
                .onSuccess(loaded -> {
                    setRuns(loaded.runs());
                    form.setChoices(loaded.choices());
                })
                .onFailure(e -> dialogs.showError("Cannot read the runs", e.getMessage()))
                .start();
    }

    /**
     * Another client's run started, progressed or ended (a team store): the list is read again, the selection kept,
     * and the selected run's figures too when it does not execute here (this process's runs report through the job
     * registry).
     */
    public void changedElsewhere() {
        if (closed) {
            return;
        }
        refreshRuns();
        RunSummary s = selected.get();
        if (s == null || pane.get() != Pane.RUN || jobs.lastProgress(s.id()).isPresent()) {
            return;
        }
        long id = s.id();
        tasks.wrap(() -> service.progress(id))
                .onSuccess(p -> p.filter(
                                x -> isSelected(id) && jobs.lastProgress(id).isEmpty())
                        .ifPresent(progress::set))
                .onFailure(e -> {
                    // The store may be closing; the next change reads it again.
                })
                .latestOnly(elsewhere)
                .start();
    }

    /** Reads only the list of runs again (after a run started, progressed or ended). */
    void refreshRuns() {
        if (closed) {
            return;
        }
        lastListRefresh = System.currentTimeMillis();
        tasks.wrap(service::list)
                .onSuccess(this::setRuns)
                .onFailure(e -> {
                    // The store may be closing; the next refresh tells.
                })
                .latestOnly(runList)
                .start();
    }

    private void setRuns(List<RunSummary> list) {
        runs.setAll(list);
        RunSummary s = selected.get();
        if (s != null) {
            list.stream().filter(r -> r.id() == s.id()).findFirst().ifPresent(selected::set);
        }
        updateSelectedState();
    }

    // ---- the form ----

    /** The New run form. */
    public RunFormModel form() {
        return form;
    }

    /** Shows the New run form (Ctrl+N). */
    public void newRun() {
        selected.set(null);
        pane.set(Pane.FORM);
        updateSelectedState();
    }

    /**
     * Takes the seeds the curator chose in the Seeds area: the form then runs on exactly these, and names them
     * (read in the background).
     */
    public void useSeeds(List<Long> ids) {
        String idText = form.useSeeds(ids);
        if (closed) {
            return;
        }
        tasks.wrap(() -> service.seedNames(ids))
                .onSuccess(found -> form.nameSeeds(idText, seedsText(ids, found)))
                .onFailure(e -> {
                    // The seeds keep being named by count; the store may be closing.
                })
                .start();
    }

    /** "2 seeds: a.txt, b.txt", at most three names. */
    private static String seedsText(List<Long> ids, Map<Long, String> found) {
        List<String> names = ids.stream()
                .map(id -> found.getOrDefault(id, "seed " + id + " (deleted)"))
                .toList();
        return (ids.size() == 1 ? "1 seed: " : ids.size() + " seeds: ")
                + LongText.visible(
                        names.size() <= 3
                                ? String.join(", ", names)
                                : String.join(", ", names.subList(0, 3)) + " and " + (names.size() - 3) + " more");
    }

    /** A skill's name (its flow's), or the id when no flow names it. */
    public String skillName(String skill) {
        return form.skillName(skill);
    }

    /** Skills by name, as lists show them. */
    public String skillsText(List<String> skillIds) {
        return form.skillsText(skillIds);
    }

    private void formEdited() {
        formChecked.invalidate();
        formCheck.trigger();
    }

    /** Checks the form and estimates it in the background; the newest form wins. */
    private void checkNow() {
        RunFormModel.Result result = form.result();
        if (result.config() == null) {
            form.showProblems(result.problems());
            return;
        }
        if (closed) {
            return;
        }
        RunConfig config = result.config();
        record Checked(List<String> problems, RunEstimate estimate) {}
        tasks.wrap(() -> new Checked(service.check(config), service.estimate(config)))
                .onSuccess(c -> form.showChecked(c.problems(), c.estimate()))
                .onFailure(e -> form.showChecked(List.of(String.valueOf(e.getMessage())), null))
                .latestOnly(formChecked)
                .start();
    }

    /** Starts the run the form describes (Ctrl+Enter) in a background task. */
    public void start() {
        if (!form.canStart().get()) {
            return;
        }
        RunFormModel.Result result = form.result();
        if (result.config() == null) {
            form.refused(result.problems());
            return;
        }
        Long repeats = form.repeatsRun();
        if (repeats != null
                && !dialogs.confirm(
                        "Repeat run " + repeats + "?",
                        "This run repeats run " + repeats + ": the same skills, seeds, prompts and models. The call"
                                + " ledger answers every call, so no model is asked and the new run copies run "
                                + repeats + "'s instructions. To ask the models again, tick \"Ask again even for"
                                + " requests an earlier run made\".",
                        "Repeat it")) {
            return;
        }
        form.starting();
        RunConfig config = result.config();
        execute("Starting a run", id -> "Run " + id, () -> service.start(config), true);
    }

    // ---- executing ----

    @FunctionalInterface
    private interface HandleSource {
        RunHandle open();
    }

    /**
     * Opens a handle in the background and runs it to its end there, in the status bar with its figures. What
     * the area shows of it comes from the workspace's job registry ({@link #jobEvent}).
     */
    private void execute(String title, LongFunction<String> renamed, HandleSource source, boolean selectIt) {
        tasks.wrap(title, (listener, cancellation) -> {
                    RunHandle handle = source.open();
                    long id = handle.runId();
                    // Started: from now on the status bar names the run, not the starting.
                    if (renamed != null) {
                        listener.rename(renamed.apply(id));
                    }
                    handle.onProgress(p -> {
                        if (cancellation.isCancelled()) {
                            handle.cancel();
                        }
                        long[] c = callCounts(p);
                        listener.progress(c[0], c[1] == 0 ? -1 : c[1], taskMessage(p));
                    });
                    if (selectIt) {
                        tasks.ui(() -> selectId(id));
                    }
                    return handle.run();
                })
                .onSuccess(status -> refreshRuns())
                .onFailure(error -> {
                    refreshRuns();
                    if (error instanceof RunService.RunRefused refused) {
                        form.refused(refused.problems());
                    } else {
                        dialogs.showError("The run stopped", String.valueOf(error.getMessage()));
                    }
                })
                .start();
    }

    /** What the registry says about a run, whoever started it; on the UI thread (package-private for tests). */
    void jobEvent(JobEvent<RunProgress> event) {
        long id = event.jobId();
        if (event instanceof JobEvent.Started) {
            interrupted.removeIf(r -> r.runId() == id);
            updateNotice();
            jobs.lastProgress(id).filter(p -> isSelected(id)).ifPresent(progress::set);
            refreshRuns();
            updateSelectedState();
        } else if (event instanceof JobEvent.Progressed<RunProgress> p) {
            progressArrived(id, p.progress());
        } else if (event instanceof JobEvent.PausedOrResumed) {
            updateSelectedState();
            refreshRuns();
        } else if (event instanceof JobEvent.Finished) {
            ended(id);
        }
    }

    private void progressArrived(long id, RunProgress p) {
        if (p == null) {
            return;
        }
        if (isSelected(id)) {
            progress.set(p);
        }
        if (System.currentTimeMillis() - lastListRefresh > LIST_REFRESH_MS) {
            refreshRuns();
        }
        updateSelectedState();
    }

    private void ended(long id) {
        if (isSelected(id)) {
            jobs.lastProgress(id).ifPresent(progress::set);
            loadFailures(id);
        }
        refreshRuns();
        updateSelectedState();
    }

    private boolean isSelected(long id) {
        return selected.get() != null && selected.get().id() == id && pane.get() == Pane.RUN;
    }

    // ---- the selected run ----

    /** Shows a run's progress and failed items; null shows the form. */
    public void select(RunSummary run) {
        if (run == null) {
            return;
        }
        boolean same = selected.get() != null && selected.get().id() == run.id() && pane.get() == Pane.RUN;
        selected.set(run);
        pane.set(Pane.RUN);
        if (!same) {
            progress.set(jobs.lastProgress(run.id()).orElse(null));
            failures.clear();
            failureReasons.set("");
            loadFailures(run.id());
            if (progress.get() == null && !closed) {
                // Not executed in this window: what the store says about it.
                long id = run.id();
                tasks.wrap(() -> service.progress(id))
                        .onSuccess(p -> p.filter(x ->
                                        isSelected(id) && jobs.lastProgress(id).isEmpty())
                                .ifPresent(progress::set))
                        .onFailure(e -> {
                            // The store may be closing; selecting the run again reads it.
                        })
                        .start();
            }
        }
        updateSelectedState();
    }

    private void selectId(long id) {
        RunSummary s = runs.stream().filter(r -> r.id() == id).findFirst().orElse(null);
        if (s != null) {
            select(s);
            return;
        }
        if (!closed) {
            tasks.wrap(() -> service.find(id))
                    .onSuccess(r -> r.ifPresent(this::select))
                    .onFailure(e -> {
                        // The store may be closing; the list shows the run once it is read.
                    })
                    .start();
        }
    }

    /** The selected run's failure reasons (a few lines) and its failed items. */
    private record FailedItems(String reasons, List<Failure> items) {}

    private void loadFailures(long runId) {
        if (closed) {
            return;
        }
        tasks.wrap(() -> failedItems(runId))
                .onSuccess(f -> {
                    failures.setAll(f.items());
                    failureReasons.set(f.reasons());
                })
                .onFailure(e -> {
                    // The store may be closing; selecting the run again reads them.
                })
                .latestOnly(detail)
                .start();
    }

    /** In the background. */
    private FailedItems failedItems(long runId) {
        List<Failure> list = new ArrayList<>();
        // Why, in a few lines, before the items one by one.
        String reasons = service.failureReasons(runId).stream()
                .limit(REASONS_SHOWN)
                .map(FailureReason::describe)
                .collect(Collectors.joining("\n"));
        for (Passage p : service.failedPassages(runId)) {
            list.add(new Failure(
                    true,
                    p.id(),
                    "Seed " + p.seedId() + " could not be transformed (" + p.agentId() + "): "
                            + reason(p.failure().errorClass(), p.failure().message())));
        }
        List<InstructionRow> rows =
                instructions.page(new InstructionFilter(runId, null, null, "failed", null), 0, FAILURES_SHOWN);
        // one read for all of them, not one per row
        Map<Long, Instruction> full = new HashMap<>();
        instructions.findAll(rows.stream().map(InstructionRow::id).toList()).forEach(i -> full.put(i.id(), i));
        for (InstructionRow r : rows) {
            Instruction i = full.get(r.id());
            String why = i == null
                    ? "failed"
                    : i.failure() == null
                            ? "failed"
                            : i.failure().stage().label() + " failed: "
                                    + reason(
                                            i.failure().errorClass(),
                                            i.failure().message());
            list.add(new Failure(
                    false,
                    r.id(),
                    "Instruction " + r.id() + " (seed " + r.seedId() + ", " + r.category() + "): " + why));
        }
        return new FailedItems(reasons, list);
    }

    private static String reason(String errorClass, String message) {
        String c = errorClass == null ? "" : errorClass.replace('_', ' ').toLowerCase(Locale.ROOT);
        String m = message == null ? "" : message;
        if (c.isEmpty()) {
            return m.isEmpty() ? "no reason kept" : m;
        }
        return m.isEmpty() ? c : c + ": " + m;
    }

    private void updateSelectedState() {
        RunSummary s = selected.get();
        Optional<RunningJob> job = s == null ? Optional.empty() : jobs.job(s.id());
        selectedActive.set(job.isPresent());
        selectedPaused.set(job.map(RunningJob::isPaused).orElse(false));
    }

    /** Ctrl+P: pauses the selected running run, or lets it go on. */
    public void togglePause() {
        RunSummary s = selected.get();
        if (s == null || !jobs.togglePause(s.id())) {
            return;
        }
        updateSelectedState();
        refreshRuns();
    }

    /** Esc: stops the selected running run; what finished is kept. */
    public void cancel() {
        RunSummary s = selected.get();
        if (s != null) {
            jobs.cancel(s.id());
        }
    }

    /** Whether the selected run can be resumed (cancelled, interrupted or incomplete, and not executing). */
    public boolean canResume() {
        RunSummary s = selected.get();
        return s != null && s.status().resumable() && !jobs.isRunning(s.id());
    }

    /** Ctrl+R: continues the selected cancelled, interrupted or incomplete run. */
    public void resumeRun() {
        if (canResume()) {
            resume(selected.get().id(), false);
        }
    }

    private void resume(long runId, boolean selectIt) {
        progress.set(null);
        execute("Run " + runId, null, () -> service.resume(runId), selectIt);
    }

    /** Retries just the given failed items of the selected run. */
    public void retry(List<Failure> items) {
        RunSummary s = selected.get();
        if (s == null || items.isEmpty() || jobs.isRunning(s.id())) {
            return;
        }
        Set<Long> instructionIds = new HashSet<>();
        Set<Long> passageIds = new HashSet<>();
        for (Failure f : items) {
            (f.passage() ? passageIds : instructionIds).add(f.id());
        }
        long id = s.id();
        execute("Retrying run " + id, null, () -> service.retry(id, instructionIds, passageIds), false);
    }

    // ---- interrupted runs ----

    private void updateNotice() {
        notice.set(interruptedText(interrupted));
    }

    /**
     * The offer to resume runs found interrupted, saying what stopped them: the app closing, or the
     * command-line process that ran them ending; empty when there are none.
     */
    public static String interruptedText(List<InterruptedRun> runs) {
        if (runs.isEmpty()) {
            return "";
        }
        boolean one = runs.size() == 1;
        Set<RunOrigin> by = new HashSet<>();
        runs.forEach(r -> by.add(r.ranBy()));
        String why;
        if (by.equals(Set.of(RunOrigin.APP))) {
            why = one ? "the app closed while it ran" : "the app closed while they ran";
        } else if (by.equals(Set.of(RunOrigin.COMMAND_LINE))) {
            why = one
                    ? "the command-line process running it was stopped"
                    : "the command-line processes running them were stopped";
        } else {
            why = one ? "it stopped before it finished" : "they stopped before they finished";
        }
        if (one) {
            return "Run " + runs.get(0).runId() + " was interrupted (" + why + "). Resume it?";
        }
        return "Runs " + runs.stream().map(r -> String.valueOf(r.runId())).collect(Collectors.joining(", "))
                + " were interrupted (" + why + "). Resume them?";
    }

    /** Resumes every run the notice names. */
    public void resumeInterrupted() {
        if (!interruptedKnown) {
            resumeWhenKnown = true; // the offer was accepted before this area had read the runs
            return;
        }
        resumeWhenKnown = false;
        List<Long> ids = interrupted.stream().map(InterruptedRun::runId).toList();
        interrupted.clear();
        updateNotice();
        for (int i = 0; i < ids.size(); i++) {
            resume(ids.get(i), i == 0);
        }
    }

    public void dismissNotice() {
        interrupted.clear();
        updateNotice();
    }

    /** Stops listening; the runs go on (closing the store stops them). */
    public void close() {
        closed = true;
        formCheck.stop();
        Subscriptions.close(jobEvents);
    }

    // ---- texts ----

    /**
     * Calls finished and planned, from the stage counts: the unit of the estimate ("about 39 calls"), a
     * refinement round being two calls (suggester and editor).
     */
    static long[] callCounts(RunProgress p) {
        long done = 0;
        long planned = 0;
        for (StageProgress s : p.stages()) {
            int weight = s.stage() == Stage.REFINEMENT ? 2 : 1;
            done += (long) weight * (s.done() + s.failed());
            planned += (long) weight * s.planned();
        }
        return new long[] {Math.min(done, planned), planned};
    }

    /** What the status bar says of a run at work: its state and how many of its calls are done. */
    static String taskMessage(RunProgress p) {
        long[] c = callCounts(p);
        String counts = String.format("%,d of %,d calls", c[0], c[1]);
        return switch (p.status()) {
            case PAUSED -> "paused at " + counts;
            case RUNNING -> counts;
            default -> p.status().id() + ", " + counts;
        };
    }

    static String statsText(RunProgress p) {
        StringBuilder s = new StringBuilder();
        s.append(String.format(
                "%,d calls, %,d cache %s", p.calls(), p.cacheHits(), p.cacheHits() == 1 ? "hit" : "hits"));
        boolean live = p.status() == RunStatus.RUNNING || p.status() == RunStatus.PAUSED;
        if (p.callsPerSecond() > 0) {
            s.append(String.format(", %.1f calls/s", p.callsPerSecond()));
        }
        if (live) {
            s.append(p.eta() == null ? ", time left unknown" : ", about " + duration(p.eta()) + " left");
        }
        s.append(", ").append(duration(p.elapsed())).append(live ? " so far" : " in all");
        s.append(String.format(", tokens %,d in / %,d out", p.tokensIn(), p.tokensOut()));
        BigDecimal cost = p.cost();
        s.append(
                cost == null
                        ? ", no price set"
                        : ", cost " + cost.setScale(2, RoundingMode.HALF_UP).toPlainString());
        if (p.throttle() != null) {
            s.append("; ").append(p.throttle());
        }
        return s.toString();
    }

    static String duration(Duration d) {
        if (d == null) {
            return "0:00";
        }
        long seconds = Math.max(0, d.toSeconds());
        long h = seconds / 3600;
        long m = seconds % 3600 / 60;
        long sec = seconds % 60;
        return h > 0 ? String.format("%d:%02d:%02d", h, m, sec) : String.format("%d:%02d", m, sec);
    }

    // ---- properties ----

    public ObservableList<RunSummary> runs() {
        return runs;
    }

    public ReadOnlyObjectProperty<Pane> pane() {
        return pane.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<RunSummary> selected() {
        return selected.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<RunProgress> progress() {
        return progress.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty selectedActive() {
        return selectedActive.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty selectedPaused() {
        return selectedPaused.getReadOnlyProperty();
    }

    /** The selected run's failure reasons with their counts, most frequent first, one per line. */
    public ReadOnlyStringProperty failureReasons() {
        return failureReasons.getReadOnlyProperty();
    }

    public ObservableList<Failure> failures() {
        return failuresView;
    }

    public ReadOnlyStringProperty notice() {
        return notice.getReadOnlyProperty();
    }
}
