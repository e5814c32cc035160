package io.arenainstruct.studio.ui.runs;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.LongFunction;
import java.util.stream.Collectors;

import javafx.animation.PauseTransition;
import javafx.beans.Observable;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.util.Duration;

import io.arenainstruct.studio.domain.Seed;
import io.arenainstruct.studio.domain.flow.AgentRole;
import io.arenainstruct.studio.domain.flow.Flow;
import io.arenainstruct.studio.domain.llm.Endpoint;
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
import io.arenainstruct.studio.domain.run.SeedSelection;
import io.arenainstruct.studio.domain.run.Stage;
import io.arenainstruct.studio.domain.run.StageProgress;
import io.arenainstruct.studio.service.job.JobEvent;
import io.arenainstruct.studio.service.job.JobRegistry;
import io.arenainstruct.studio.service.job.RunningJob;
import io.arenainstruct.studio.service.run.RunHandle;
import io.arenainstruct.studio.service.run.RunService;
import io.arenainstruct.studio.service.workspace.Workspace;
import io.arenainstruct.studio.ui.AppContext;
import io.arenainstruct.studio.ui.common.LongText;
import io.arenainstruct.studio.ui.task.BackgroundTask;
import io.arenainstruct.studio.ui.task.JobEventBridge;
import io.arenainstruct.studio.ui.task.Subscriptions;
import io.arenainstruct.studio.ui.task.TaskExecutor;

/**
 * State and actions of the Runs area: the list of runs, the New run form with its live estimate and problems,
 * the progress of the selected run, its failed items, and the notice about runs interrupted at open. Store
 * reads and runs go to the background through the {@link TaskExecutor}; what runs do comes from the
 * workspace's job registry through the {@link JobEventBridge} (progress merged to the newest), so closing the
 * area never stops a run and a run started anywhere in the app shows here.
 */
public final class RunsViewModel {
    /** What the right side shows. */
    public enum Pane {
        FORM,
        RUN
    }

    /** How the form picks seeds. */
    public enum SeedMode {
        ALL,
        TAG,
        IDS
    }

    /** The role groups that can have their own endpoint, in the order the form shows them. */
    public enum RoleGroup {
        TRANSFORMATION("Transformation", AgentRole.TRANSFORMER),
        GENERATION("Generation", AgentRole.GENERATOR),
        REFINEMENT("Refinement (suggester and editor)", AgentRole.SUGGESTER, AgentRole.EDITOR),
        ANSWER("Answer", AgentRole.ANSWERER);

        private final String label;
        private final List<AgentRole> roles;

        RoleGroup(String label, AgentRole... roles) {
            this.label = label;
            this.roles = List.of(roles);
        }

        public String label() {
            return label;
        }
    }

    /** A skill of the form's list (its id and its name) with whether it is ticked. */
    public record SkillChoice(String skill, String name, BooleanProperty chosen) {}

    /** A failed item of the selected run: a passage (the seed could not be transformed) or an instruction. */
    public record Failure(boolean passage, long id, String text) {}

    /** Instructions the failure list reads at most. */
    static final int FAILURES_SHOWN = 500;

    private static final int REASONS_SHOWN = 5;
    private static final long LIST_REFRESH_MS = 1000;

    private final AppContext context;
    private final Workspace workspace;
    private final TaskExecutor tasks;

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

    // The New run form.
    private final ObservableList<SkillChoice> skills = FXCollections.observableArrayList();
    private final ObservableList<String> tags = FXCollections.observableArrayList();
    private final ObservableList<String> endpointNames = FXCollections.observableArrayList();
    private final ObjectProperty<SeedMode> seedMode = new SimpleObjectProperty<>(SeedMode.ALL);
    private final StringProperty seedTag = new SimpleStringProperty();
    private final StringProperty seedIds = new SimpleStringProperty("");
    private final ReadOnlyStringWrapper chosenSeeds = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper chosenSeedIds = new ReadOnlyStringWrapper("");
    /** Skill names by id, from the flows; touched on the FX thread only. */
    private final Map<String, String> skillNames = new HashMap<>();

    private final StringProperty endpoint = new SimpleStringProperty();
    private final Map<RoleGroup, StringProperty> roleEndpoints = new EnumMap<>(RoleGroup.class);
    private final BooleanProperty flowRounds = new SimpleBooleanProperty(true);
    private final IntegerProperty rounds = new SimpleIntegerProperty(2);
    private final IntegerProperty perSeed = new SimpleIntegerProperty(1);
    private final BooleanProperty freshSamples = new SimpleBooleanProperty(false);
    private final ReadOnlyStringWrapper estimate = new ReadOnlyStringWrapper("");
    private final ObservableList<String> problems = FXCollections.observableArrayList();
    private final ObservableList<String> problemsView = FXCollections.unmodifiableObservableList(problems);
    private final ReadOnlyBooleanWrapper checking = new ReadOnlyBooleanWrapper(false);
    private final ReadOnlyBooleanWrapper canStart = new ReadOnlyBooleanWrapper(false);
    private final PauseTransition formDelay = new PauseTransition(Duration.millis(250));
    private final AtomicLong formGeneration = new AtomicLong();
    private final AtomicLong detailGeneration = new AtomicLong();
    /** The completed run the checked form would repeat call for call, or null; set with the estimate. */
    private Long repeatsRun;

    /** The workspace's running jobs: which runs execute, their last figures, pause and cancel. */
    private final JobRegistry<RunProgress> jobs;

    private final AutoCloseable jobEvents;
    private long lastListRefresh;
    private volatile boolean closed;

    public RunsViewModel(AppContext context) {
        this.context = context;
        this.workspace = context.workspace();
        this.tasks = context.taskExecutor();
        JobEventBridge<RunProgress> bridge = context.jobEvents();
        this.jobs = bridge.registry();
        this.jobEvents = bridge.subscribe(this::jobEvent);
        for (RoleGroup g : RoleGroup.values()) {
            StringProperty p = new SimpleStringProperty();
            roleEndpoints.put(g, p);
            p.addListener((obs, o, n) -> formChanged());
        }
        formDelay.setOnFinished(e -> checkNow());
        for (Observable o :
                List.<Observable>of(seedMode, seedTag, seedIds, endpoint, flowRounds, rounds, perSeed, freshSamples)) {
            o.addListener(x -> formChanged());
        }
        // read off the FX thread; the notice appears when it is known
        tasks.background(() -> {
            try {
                List<InterruptedRun> found = workspace.runs().stillInterrupted();
                tasks.ui(() -> {
                    interrupted.addAll(found);
                    interruptedKnown = true;
                    if (resumeWhenKnown) {
                        resumeInterrupted();
                    } else {
                        updateNotice();
                    }
                });
            } catch (RuntimeException e) {
                tasks.ui(() -> context.dialogs().showError("Cannot read the interrupted runs", e.getMessage()));
            }
        });
    }

    // ---- loading ----

    /** Reads the runs, and the form's choices (skills with a flow, tags, endpoints), again. */
    public void refresh() {
        submit(() -> {
            try {
                List<RunSummary> list = workspace.runs().list();
                List<Flow> flows = workspace.flows().all();
                Map<String, String> names = new HashMap<>();
                flows.forEach(
                        f -> names.put(f.skill(), f.name() == null || f.name().isBlank() ? f.skill() : f.name()));
                List<String> flowSkills =
                        flows.stream().map(Flow::skill).sorted().toList();
                List<String> tagList = workspace.seedService().allTags();
                List<String> endpointList = workspace.endpoints().list().stream()
                        .map(Endpoint::name)
                        .toList();
                tasks.ui(() -> {
                    skillNames.putAll(names);
                    setRuns(list);
                    setSkills(flowSkills);
                    if (!tags.equals(tagList)) {
                        tags.setAll(tagList);
                    }
                    if (!endpointNames.equals(endpointList)) {
                        endpointNames.setAll(endpointList);
                    }
                    if (endpoint.get() == null && endpointList.size() == 1) {
                        endpoint.set(endpointList.get(0));
                    }
                    formChanged();
                });
            } catch (RuntimeException e) {
                tasks.ui(() -> context.dialogs().showError("Cannot read the runs", e.getMessage()));
            }
        });
    }

    /** Reads only the list of runs again (after a run started, progressed or ended). */
    void refreshRuns() {
        lastListRefresh = System.currentTimeMillis();
        submit(() -> {
            try {
                List<RunSummary> list = workspace.runs().list();
                tasks.ui(() -> setRuns(list));
            } catch (RuntimeException e) {
                // The store may be closing; the next refresh tells.
            }
        });
    }

    private void setRuns(List<RunSummary> list) {
        runs.setAll(list);
        RunSummary s = selected.get();
        if (s != null) {
            list.stream().filter(r -> r.id() == s.id()).findFirst().ifPresent(selected::set);
        }
        updateSelectedState();
    }

    private void setSkills(List<String> names) {
        List<String> now = skills.stream().map(SkillChoice::skill).toList();
        if (now.equals(names)) {
            return;
        }
        Set<String> ticked = new HashSet<>();
        skills.stream().filter(c -> c.chosen().get()).forEach(c -> ticked.add(c.skill()));
        List<SkillChoice> choices = new ArrayList<>();
        for (String name : names) {
            SkillChoice c = new SkillChoice(name, skillName(name), new SimpleBooleanProperty(ticked.contains(name)));
            c.chosen().addListener((obs, o, n) -> formChanged());
            choices.add(c);
        }
        skills.setAll(choices);
    }

    // ---- the form ----

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
        String idText = ids.stream().map(String::valueOf).collect(Collectors.joining(","));
        seedIds.set(idText);
        seedMode.set(SeedMode.IDS);
        chosenSeedIds.set(ids.isEmpty() ? "" : "Seed ids " + idText.replace(",", ", "));
        chosenSeeds.set(ids.size() == 1 ? "1 seed" : ids.size() + " seeds");
        submit(() -> {
            List<String> names = new ArrayList<>();
            for (long id : ids) {
                names.add(workspace.seedService().find(id).map(Seed::name).orElse("seed " + id + " (deleted)"));
            }
            String text = (ids.size() == 1 ? "1 seed: " : ids.size() + " seeds: ")
                    + LongText.visible(
                            names.size() <= 3
                                    ? String.join(", ", names)
                                    : String.join(", ", names.subList(0, 3)) + " and " + (names.size() - 3) + " more");
            tasks.ui(() -> {
                if (idText.equals(seedIds.get())) {
                    chosenSeeds.set(text);
                }
            });
        });
    }

    /** A skill's name (its flow's), or the id when no flow names it. */
    public String skillName(String skill) {
        return skillNames.getOrDefault(skill, skill);
    }

    /** Skills by name, as lists show them. */
    public String skillsText(List<String> skillIds) {
        return skillIds.stream().map(this::skillName).collect(Collectors.joining(", "));
    }

    /** Ticks or unticks a skill by id (for the keyboard and tests). */
    public void choose(String skill, boolean chosen) {
        skills.stream()
                .filter(c -> c.skill().equals(skill))
                .forEach(c -> c.chosen().set(chosen));
    }

    private void formChanged() {
        checking.set(true);
        canStart.set(false);
        formGeneration.incrementAndGet();
        formDelay.playFromStart();
    }

    /** The configuration the form describes, or the reasons it describes none. */
    record FormResult(RunConfig config, List<String> problems) {}

    FormResult config() {
        List<String> found = new ArrayList<>();
        List<String> chosen = skills.stream()
                .filter(c -> c.chosen().get())
                .map(SkillChoice::skill)
                .toList();
        if (chosen.isEmpty()) {
            found.add("Tick at least one skill to generate instructions for.");
        }
        SeedSelection seeds = null;
        switch (seedMode.get() == null ? SeedMode.ALL : seedMode.get()) {
            case ALL -> seeds = SeedSelection.all();
            case TAG -> {
                if (blank(seedTag.get())) {
                    found.add("Choose the tag of the seeds to use.");
                } else {
                    seeds = SeedSelection.tag(seedTag.get());
                }
            }
            case IDS -> {
                String text = seedIds.get() == null ? "" : seedIds.get().strip();
                if (text.isEmpty()) {
                    found.add("Choose the seeds in the Seeds area: select them there and press Run on these…"
                            + " (Ctrl+R).");
                } else {
                    try {
                        seeds = SeedSelection.parse(text);
                    } catch (IllegalArgumentException e) {
                        found.add("Seed ids are whole numbers separated by commas, like 3,7,12.");
                    }
                }
            }
        }
        if (blank(endpoint.get())) {
            found.add("Choose the endpoint the run asks (add one in Endpoints if there is none).");
        }
        if (!found.isEmpty()) {
            return new FormResult(null, found);
        }
        Map<AgentRole, String> perRole = new EnumMap<>(AgentRole.class);
        for (RoleGroup g : RoleGroup.values()) {
            String name = roleEndpoints.get(g).get();
            if (!blank(name)) {
                g.roles.forEach(r -> perRole.put(r, name));
            }
        }
        boolean fresh = freshSamples.get();
        RunConfig config = new RunConfig(
                chosen,
                seeds,
                endpoint.get(),
                perRole,
                flowRounds.get() ? null : rounds.get(),
                Math.max(1, perSeed.get()),
                fresh,
                fresh ? System.nanoTime() : 1L);
        return new FormResult(config, List.of());
    }

    /** Checks the form and estimates it in the background; the newest form wins. */
    private void checkNow() {
        long generation = formGeneration.get();
        FormResult form = config();
        if (form.config() == null) {
            problems.setAll(form.problems());
            estimate.set("");
            checking.set(false);
            canStart.set(false);
            return;
        }
        RunConfig config = form.config();
        submit(() -> {
            List<String> found;
            String line;
            Long repeats = null;
            try {
                found = workspace.runs().check(config);
                RunEstimate e = workspace.runs().estimate(config);
                line = estimateText(e);
                repeats = e.repeatsRun();
            } catch (RuntimeException e) {
                found = List.of(String.valueOf(e.getMessage()));
                line = "";
            }
            List<String> f = found;
            String l = line;
            Long r = repeats;
            tasks.ui(() -> {
                if (generation != formGeneration.get()) {
                    return;
                }
                problems.setAll(f.stream().map(RunsViewModel::sentence).toList());
                estimate.set(l);
                repeatsRun = r;
                checking.set(false);
                canStart.set(f.isEmpty());
            });
        });
    }

    static String estimateText(RunEstimate e) {
        String cost;
        if (e.cost() == null) {
            cost = "no price set";
        } else {
            cost = "cost " + e.cost().setScale(2, RoundingMode.HALF_UP).toPlainString()
                    + (e.costComplete() ? "" : " (some models have no price)");
        }
        String ledger = "";
        if (e.repeatsRun() != null) {
            ledger = String.format(" (all answered by the call ledger: this repeats run %d)", e.repeatsRun());
        } else if (e.ledgerCalls() > 0) {
            ledger = String.format(" (%,d answered by the call ledger)", e.ledgerCalls());
        }
        return String.format(
                "%,d %s → %,d %s → %,d %s; about %,d calls%s, %,d tokens in, %,d out, %s",
                e.seeds(),
                e.seeds() == 1 ? "seed" : "seeds",
                e.passages(),
                e.passages() == 1 ? "passage" : "passages",
                e.instructions(),
                e.instructions() == 1 ? "instruction" : "instructions",
                e.calls(),
                ledger,
                e.tokensIn(),
                e.tokensOut(),
                cost);
    }

    private static String sentence(String problem) {
        if (problem == null || problem.isEmpty()) {
            return "";
        }
        String s = Character.toUpperCase(problem.charAt(0)) + problem.substring(1);
        return s.endsWith(".") ? s : s + ".";
    }

    /** Starts the run the form describes (Ctrl+Enter) in a background task. */
    public void start() {
        if (!canStart.get()) {
            return;
        }
        FormResult form = config();
        if (form.config() == null) {
            problems.setAll(form.problems());
            return;
        }
        if (repeatsRun != null
                && !context.dialogs()
                        .confirm(
                                "Repeat run " + repeatsRun + "?",
                                "This run repeats run "
                                        + repeatsRun
                                        + ": the same skills, seeds, prompts and models. The call ledger answers "
                                        + "every call, so no"
                                        + " model is asked and the new run copies run " + repeatsRun
                                        + "'s instructions. To ask the models"
                                        + " again, tick \"Ask again even for requests an earlier run made\".",
                                "Repeat it")) {
            return;
        }
        canStart.set(false);
        RunConfig config = form.config();
        execute("Starting a run", id -> "Run " + id, () -> workspace.runs().start(config), true);
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
        AtomicReference<BackgroundTask<RunStatus>> taskRef = new AtomicReference<>();
        BackgroundTask<RunStatus> task = context.tasks()
                .run(
                        title,
                        (listener, cancellation) -> {
                            RunHandle handle = source.open();
                            long id = handle.runId();
                            // Started: from now on the status bar names the run, not the starting.
                            if (renamed != null) {
                                taskRef.get().rename(renamed.apply(id));
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
                        },
                        status -> refreshRuns(),
                        error -> {
                            refreshRuns();
                            if (error instanceof RunService.RunRefused refused) {
                                problems.setAll(refused.problems().stream()
                                        .map(RunsViewModel::sentence)
                                        .toList());
                            } else {
                                context.dialogs().showError("The run stopped", String.valueOf(error.getMessage()));
                            }
                        });
        taskRef.set(task);
    }

    /** What the registry says about a run, whoever started it; on the FX thread. */
    private void jobEvent(JobEvent<RunProgress> event) {
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
            if (progress.get() == null) {
                // Not executed in this window: what the store says about it.
                long id = run.id();
                submit(() -> workspace
                        .runs()
                        .progress(id)
                        .ifPresent(p -> tasks.ui(() -> {
                            if (isSelected(id) && jobs.lastProgress(id).isEmpty()) {
                                progress.set(p);
                            }
                        })));
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
        submit(() -> workspace.runs().find(id).ifPresent(r -> tasks.ui(() -> select(r))));
    }

    private void loadFailures(long runId) {
        long generation = detailGeneration.incrementAndGet();
        submit(() -> {
            try {
                List<Failure> list = new ArrayList<>();
                // Why, in a few lines, before the items one by one.
                String reasons = workspace.runs().failureReasons(runId).stream()
                        .limit(REASONS_SHOWN)
                        .map(FailureReason::describe)
                        .collect(Collectors.joining("\n"));
                for (Passage p : workspace.runs().failedPassages(runId)) {
                    list.add(new Failure(
                            true,
                            p.id(),
                            "Seed " + p.seedId() + " could not be transformed (" + p.agentId() + "): "
                                    + reason(
                                            p.failure().errorClass(),
                                            p.failure().message())));
                }
                List<InstructionRow> rows = workspace
                        .instructions()
                        .page(new InstructionFilter(runId, null, null, "failed", null), 0, FAILURES_SHOWN);
                // one read for all of them, not one per row
                Map<Long, Instruction> full = new HashMap<>();
                workspace
                        .instructions()
                        .findAll(rows.stream().map(InstructionRow::id).toList())
                        .forEach(i -> full.put(i.id(), i));
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
                tasks.ui(() -> {
                    if (generation == detailGeneration.get()) {
                        failures.setAll(list);
                        failureReasons.set(reasons);
                    }
                });
            } catch (RuntimeException e) {
                // The store may be closing; selecting the run again reads them.
            }
        });
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
        execute("Run " + runId, null, () -> workspace.runs().resume(runId), selectIt);
    }

    /** Retries just the given failed items of the selected run. */
    public void retry(List<Failure> items) {
        RunSummary s = selected.get();
        if (s == null || items.isEmpty() || jobs.isRunning(s.id())) {
            return;
        }
        Set<Long> instructions = new HashSet<>();
        Set<Long> passages = new HashSet<>();
        for (Failure f : items) {
            (f.passage() ? passages : instructions).add(f.id());
        }
        long id = s.id();
        execute("Retrying run " + id, null, () -> workspace.runs().retry(id, instructions, passages), false);
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
        formDelay.stop();
        Subscriptions.close(jobEvents);
    }

    private void submit(Runnable work) {
        if (closed) {
            return;
        }
        try {
            tasks.background(work);
        } catch (RejectedExecutionException e) {
            // The app is closing; nothing more to read.
            closed = true;
        }
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

    @SuppressWarnings("checkstyle:qualifiedname") // javafx.util.Duration is imported
    static String duration(java.time.Duration d) {
        if (d == null) {
            return "0:00";
        }
        long seconds = Math.max(0, d.toSeconds());
        long h = seconds / 3600;
        long m = seconds % 3600 / 60;
        long sec = seconds % 60;
        return h > 0 ? String.format("%d:%02d:%02d", h, m, sec) : String.format("%d:%02d", m, sec);
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
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

    public ObservableList<SkillChoice> skills() {
        return skills;
    }

    public ObservableList<String> tags() {
        return tags;
    }

    public ObservableList<String> endpointNames() {
        return endpointNames;
    }

    public ObjectProperty<SeedMode> seedMode() {
        return seedMode;
    }

    public StringProperty seedTag() {
        return seedTag;
    }

    public StringProperty seedIds() {
        return seedIds;
    }

    /** The seeds taken from the Seeds area, by name ("2 seeds: a.txt, b.txt"). */
    public ReadOnlyStringProperty chosenSeeds() {
        return chosenSeeds.getReadOnlyProperty();
    }

    /** Their ids, for a tooltip. */
    public ReadOnlyStringProperty chosenSeedIds() {
        return chosenSeedIds.getReadOnlyProperty();
    }

    public StringProperty endpoint() {
        return endpoint;
    }

    public StringProperty roleEndpoint(RoleGroup group) {
        return roleEndpoints.get(group);
    }

    public BooleanProperty flowRounds() {
        return flowRounds;
    }

    public IntegerProperty rounds() {
        return rounds;
    }

    public IntegerProperty perSeed() {
        return perSeed;
    }

    public BooleanProperty freshSamples() {
        return freshSamples;
    }

    public ReadOnlyStringProperty estimate() {
        return estimate.getReadOnlyProperty();
    }

    public ObservableList<String> problems() {
        return problemsView;
    }

    public ReadOnlyBooleanProperty checking() {
        return checking.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty canStart() {
        return canStart.getReadOnlyProperty();
    }
}
