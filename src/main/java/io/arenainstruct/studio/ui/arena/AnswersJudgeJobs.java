package io.arenainstruct.studio.ui.arena;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.function.Consumer;
import java.util.stream.Collectors;

import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

import io.arenainstruct.studio.domain.arena.ArenaJob;
import io.arenainstruct.studio.domain.provenance.Failure;
import io.arenainstruct.studio.domain.run.RunStatus;
import io.arenainstruct.studio.service.arena.ArenaJobExecution;
import io.arenainstruct.studio.service.arena.ArenaJobService;
import io.arenainstruct.studio.service.job.JobEvent;
import io.arenainstruct.studio.service.job.JobProgress;
import io.arenainstruct.studio.service.job.JobRegistry;
import io.arenainstruct.studio.service.job.JobState;
import io.arenainstruct.studio.service.job.RunningJob;
import io.arenainstruct.studio.service.job.StageCount;
import io.arenainstruct.studio.ui.common.DialogService;
import io.arenainstruct.studio.ui.task.JobEventBridge;
import io.arenainstruct.studio.ui.task.Latest;
import io.arenainstruct.studio.ui.task.Subscriptions;
import io.arenainstruct.studio.ui.task.TaskExecutor;

/**
 * The jobs half of the Answers and Judge tabs: the arena jobs of one kind, the selected one's progress and failed
 * items, pause, cancel and resume, and the offer to resume jobs found interrupted. What jobs do comes from the
 * workspace's arena job registry through the {@link JobEventBridge}, so a job started on the command line of this
 * process or in another tab shows here too, and closing the tab never stops a job.
 */
public final class AnswersJudgeJobs {
    /** Failed items read at most for the list. */
    static final int FAILURES_SHOWN = 500;

    private final ArenaJobService service;
    private final ArenaJob.Kind kind;
    private final TaskExecutor tasks;
    private final DialogService dialogs;
    private final JobRegistry<JobProgress<String>> registry;
    private final AutoCloseable events;

    private final ObservableList<ArenaJob> jobs = FXCollections.observableArrayList();
    private final ReadOnlyObjectWrapper<ArenaJob> selected = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyObjectWrapper<JobProgress<String>> progress = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyBooleanWrapper active = new ReadOnlyBooleanWrapper();
    private final ReadOnlyBooleanWrapper paused = new ReadOnlyBooleanWrapper();
    private final ReadOnlyBooleanWrapper resumable = new ReadOnlyBooleanWrapper();
    private final ObservableList<String> failures = FXCollections.observableArrayList();
    private final ReadOnlyStringWrapper notice = new ReadOnlyStringWrapper("");
    private final Latest listRead = new Latest();
    private final Latest failureRead = new Latest();
    /** Interrupted jobs not offered yet: read once, with the first list. */
    private final List<Long> interrupted = new ArrayList<>();

    private boolean interruptedKnown;
    private boolean closed;
    /** Told on the UI thread when a job of this kind ends (the form's estimate changes). */
    private Runnable onFinished = () -> {};

    AnswersJudgeJobs(
            ArenaJobService service,
            ArenaJob.Kind kind,
            JobEventBridge<JobProgress<String>> bridge,
            TaskExecutor tasks,
            DialogService dialogs) {
        this.service = service;
        this.kind = kind;
        this.tasks = tasks;
        this.dialogs = dialogs;
        this.registry = bridge.registry();
        this.events = bridge.subscribe(this::jobEvent);
    }

    void onFinished(Runnable action) {
        this.onFinished = action;
    }

    /** "Answering job" or "Judging job". */
    String noun() {
        return kind == ArenaJob.Kind.ANSWER ? "Answering job" : "Judging job";
    }

    // ---- reading ----

    /** Reads the jobs of this kind again; the first read also finds the interrupted ones to offer. */
    public void refresh() {
        if (closed) {
            return;
        }
        tasks.wrap(() -> service.list().stream().filter(j -> j.kind() == kind).toList())
                .onSuccess(this::setJobs)
                .onFailure(e -> dialogs.showError("Cannot read the arena jobs", String.valueOf(e.getMessage())))
                .latestOnly(listRead)
                .start();
    }

    private void setJobs(List<ArenaJob> list) {
        jobs.setAll(list);
        if (!interruptedKnown) {
            interruptedKnown = true;
            list.stream()
                    .filter(j -> j.status() == RunStatus.INTERRUPTED && !registry.isRunning(j.id()))
                    .forEach(j -> interrupted.add(j.id()));
            updateNotice();
        }
        ArenaJob s = selected.get();
        if (s != null) {
            list.stream().filter(j -> j.id() == s.id()).findFirst().ifPresent(selected::set);
        }
        updateState();
    }

    // ---- executing ----

    /**
     * Opens an execution in the background and runs it to its end there, shown in the status bar; the tab follows
     * it through the registry's events. A refusal (a bad request, or a running job on the same items) goes to
     * {@code refused}, anything else to a dialog.
     */
    void execute(String title, Callable<ArenaJobExecution> open, Runnable opened, Consumer<String> refused) {
        tasks.wrap(title, (listener, cancellation) -> {
                    ArenaJobExecution execution;
                    try {
                        execution = open.call();
                    } finally {
                        tasks.ui(opened);
                    }
                    long id = execution.jobId();
                    listener.rename(noun() + " " + id);
                    // The status bar's Cancel stops the job at its next event; its figures follow the job's.
                    AutoCloseable follow = registry.subscribe(event -> {
                        if (event.jobId() != id) {
                            return;
                        }
                        if (cancellation.isCancelled()) {
                            execution.cancel();
                        }
                        if (event instanceof JobEvent.Progressed<JobProgress<String>> p && p.progress() != null) {
                            long[] c = counts(p.progress());
                            listener.progress(c[0], c[1] == 0 ? -1 : c[1], c[0] + " of " + c[1]);
                        }
                    });
                    tasks.ui(() -> selectId(id));
                    try {
                        return execution.run();
                    } finally {
                        Subscriptions.close(follow);
                    }
                })
                .onSuccess(status -> refresh())
                .onFailure(error -> {
                    refresh();
                    if ((error instanceof IllegalArgumentException || error instanceof IllegalStateException)
                            && refused != null) {
                        refused.accept(error.getMessage());
                    } else {
                        dialogs.showError(noun() + " stopped", String.valueOf(error.getMessage()));
                    }
                })
                .start();
    }

    /** What the registry says about an arena job, whoever started it; on the UI thread. */
    void jobEvent(JobEvent<JobProgress<String>> event) {
        long id = event.jobId();
        if (event instanceof JobEvent.Started) {
            if (interrupted.remove(id)) {
                updateNotice();
            }
            if (isSelected(id)) {
                registry.lastProgress(id).ifPresent(progress::set);
            }
            refresh();
        } else if (event instanceof JobEvent.Progressed<JobProgress<String>> p) {
            if (isSelected(id) && p.progress() != null) {
                progress.set(p.progress());
            }
        } else if (event instanceof JobEvent.Finished) {
            if (isSelected(id)) {
                registry.lastProgress(id).ifPresent(progress::set);
                loadFailures(id);
            }
            refresh();
            onFinished.run();
        }
        updateState();
    }

    private boolean isSelected(long id) {
        return selected.get() != null && selected.get().id() == id;
    }

    // ---- the selected job ----

    /** Shows a job's progress and failed items. */
    public void select(ArenaJob job) {
        if (job == null) {
            return;
        }
        boolean same = isSelected(job.id());
        selected.set(job);
        if (!same) {
            progress.set(registry.lastProgress(job.id()).orElse(null));
            failures.clear();
            loadFailures(job.id());
        }
        updateState();
    }

    private void selectId(long id) {
        Optional<ArenaJob> row = jobs.stream().filter(j -> j.id() == id).findFirst();
        if (row.isPresent()) {
            select(row.get());
            return;
        }
        if (closed) {
            return;
        }
        tasks.wrap(() -> service.list().stream().filter(j -> j.id() == id).findFirst())
                .onSuccess(found -> found.ifPresent(this::select))
                .onFailure(e -> {
                    // The store may be closing; the list shows the job once it is read.
                })
                .start();
    }

    private void loadFailures(long jobId) {
        if (closed) {
            return;
        }
        tasks.wrap(() -> failureLines(service.failures(jobId)))
                .onSuccess(lines -> {
                    if (isSelected(jobId)) {
                        failures.setAll(lines);
                    }
                })
                .onFailure(e -> {
                    // The store may be closing; selecting the job again reads them.
                })
                .latestOnly(failureRead)
                .start();
    }

    /** "instruction 3 / local: The request timed out. …", one line per failed item. */
    static List<String> failureLines(List<Map.Entry<String, Failure<String>>> entries) {
        return entries.stream()
                .limit(FAILURES_SHOWN)
                .map(e -> e.getKey() + ": " + reason(e.getValue()))
                .toList();
    }

    private static String reason(Failure<String> f) {
        String why = f.describe();
        return why.isBlank() ? "no reason kept" : why;
    }

    private void updateState() {
        ArenaJob s = selected.get();
        Optional<RunningJob> job = s == null ? Optional.empty() : registry.job(s.id());
        active.set(job.isPresent());
        paused.set(job.map(RunningJob::isPaused).orElse(false));
        resumable.set(s != null && job.isEmpty() && s.status().resumable());
    }

    /** Ctrl+P: pauses the selected running job, or lets it go on. */
    public void togglePause() {
        ArenaJob s = selected.get();
        if (s == null || closed) {
            return;
        }
        long id = s.id();
        // pausing writes the job's status to the store: not on the UI thread
        tasks.wrap(() -> registry.togglePause(id))
                .onSuccess(toggled -> updateState())
                .onFailure(e -> dialogs.showError(
                        "Cannot pause " + noun().toLowerCase(Locale.ROOT) + " " + id, String.valueOf(e.getMessage())))
                .start();
    }

    /** Esc: stops the selected running job; what it finished is kept. */
    public void cancel() {
        ArenaJob s = selected.get();
        if (s != null) {
            registry.cancel(s.id());
        }
    }

    /** Ctrl+R: continues the selected cancelled, interrupted or incomplete job. */
    public void resumeSelected() {
        if (resumable.get()) {
            resume(selected.get().id());
        }
    }

    private void resume(long jobId) {
        progress.set(null);
        execute(noun() + " " + jobId, () -> service.resume(jobId), () -> {}, null);
    }

    // ---- interrupted jobs ----

    private void updateNotice() {
        notice.set(interruptedText(noun(), interrupted));
    }

    /** The offer to resume the jobs found interrupted; empty when there are none. */
    static String interruptedText(String noun, List<Long> ids) {
        if (ids.isEmpty()) {
            return "";
        }
        if (ids.size() == 1) {
            return noun + " " + ids.get(0) + " was interrupted (the process running it stopped). Resume it?";
        }
        return noun + "s " + ids.stream().map(String::valueOf).collect(Collectors.joining(", "))
                + " were interrupted (the process running them stopped). Resume them?";
    }

    /** Resumes every job the notice names. */
    public void resumeInterrupted() {
        List<Long> ids = List.copyOf(interrupted);
        interrupted.clear();
        updateNotice();
        ids.forEach(this::resume);
    }

    public void dismissNotice() {
        interrupted.clear();
        updateNotice();
    }

    /** Stops listening; the jobs go on (closing the store stops them). */
    void close() {
        closed = true;
        Subscriptions.close(events);
    }

    // ---- texts ----

    /** Items done or failed, and planned, over the job's stages. */
    static long[] counts(JobProgress<String> p) {
        long done = 0;
        long planned = 0;
        for (StageCount<String> s : p.stages()) {
            done += s.done() + s.failed();
            planned += s.planned();
        }
        return new long[] {Math.min(done, planned), planned};
    }

    /** "answer: 80 / 80, 2 failed" per stage, one line each. */
    static String stagesText(JobProgress<String> p) {
        return p.stages().stream()
                .map(s -> s.stage() + ": " + s.done() + " / " + s.planned()
                        + (s.failed() == 0 ? "" : ", " + s.failed() + " failed"))
                .collect(Collectors.joining("\n"));
    }

    /** Calls, ledger hits, tokens, cost, rate and time. */
    static String statsText(JobProgress<String> p) {
        StringBuilder s = new StringBuilder();
        s.append(String.format("%,d calls, %,d from the ledger", p.calls(), p.ledgerHits()));
        boolean live = p.state() == JobState.RUNNING || p.state() == JobState.PAUSED;
        if (p.callsPerSecond() > 0) {
            s.append(String.format(", %.1f calls/s", p.callsPerSecond()));
        }
        if (live) {
            s.append(p.timeLeft() == null ? ", time left unknown" : ", about " + duration(p.timeLeft()) + " left");
        }
        s.append(", ").append(duration(p.elapsed())).append(live ? " so far" : " in all");
        s.append(String.format(", tokens %,d in / %,d out", p.tokensIn(), p.tokensOut()));
        s.append(p.cost() == null ? ", no price set" : ", cost " + money(p.cost()));
        return s.toString();
    }

    static String money(BigDecimal cost) {
        return cost.setScale(cost.compareTo(BigDecimal.ONE) < 0 ? 4 : 2, RoundingMode.HALF_UP)
                .toPlainString();
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

    /** "Answering job 3 · completed", and why it ended so when it says. */
    String statusText(ArenaJob job) {
        return noun() + " " + job.id() + " · " + state(job);
    }

    /** "running", "paused", or the stored status, and why it ended so when it says. */
    String state(ArenaJob job) {
        String status = isSelected(job.id()) && paused.get()
                ? "paused"
                : isSelected(job.id()) && active.get()
                        ? "running"
                        : job.status().id();
        return status + (job.message() == null || job.message().isBlank() ? "" : " · " + job.message());
    }

    // ---- properties ----

    public ObservableList<ArenaJob> jobs() {
        return jobs;
    }

    public ReadOnlyObjectProperty<ArenaJob> selected() {
        return selected.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<JobProgress<String>> progress() {
        return progress.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty active() {
        return active.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty paused() {
        return paused.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty resumable() {
        return resumable.getReadOnlyProperty();
    }

    /** The selected job's failed items with their reasons. */
    public ObservableList<String> failures() {
        return FXCollections.unmodifiableObservableList(failures);
    }

    public ReadOnlyStringProperty notice() {
        return notice.getReadOnlyProperty();
    }
}
