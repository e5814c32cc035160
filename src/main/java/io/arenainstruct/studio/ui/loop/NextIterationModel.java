package io.arenainstruct.studio.ui.loop;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.IntConsumer;
import java.util.function.Supplier;

import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

import io.arenainstruct.studio.domain.iteration.Iteration;
import io.arenainstruct.studio.domain.llm.Endpoint;
import io.arenainstruct.studio.domain.run.RunConfig;
import io.arenainstruct.studio.domain.run.RunEstimate;
import io.arenainstruct.studio.domain.run.RunStatus;
import io.arenainstruct.studio.domain.run.RunSummary;
import io.arenainstruct.studio.domain.run.SeedSelection;
import io.arenainstruct.studio.service.arena.ArenaJobExecution;
import io.arenainstruct.studio.service.arena.ArenaJobService.Estimate;
import io.arenainstruct.studio.service.arena.BattleService;
import io.arenainstruct.studio.service.job.JobEvent;
import io.arenainstruct.studio.service.job.JobProgress;
import io.arenainstruct.studio.service.job.JobRegistry;
import io.arenainstruct.studio.service.llm.EndpointService;
import io.arenainstruct.studio.service.loop.NextIteration;
import io.arenainstruct.studio.service.loop.NextIteration.Outcome;
import io.arenainstruct.studio.service.loop.NextIteration.Plan;
import io.arenainstruct.studio.service.loop.NextIteration.Request;
import io.arenainstruct.studio.service.loop.NextIteration.Step;
import io.arenainstruct.studio.service.run.RunHandle;
import io.arenainstruct.studio.service.run.RunService;
import io.arenainstruct.studio.service.task.Cancellation;
import io.arenainstruct.studio.service.task.ProgressListener;
import io.arenainstruct.studio.ui.task.Debouncer;
import io.arenainstruct.studio.ui.task.Latest;
import io.arenainstruct.studio.ui.task.TaskExecutor;
import io.arenainstruct.studio.ui.task.TaskHandle;

/**
 * "Next iteration…" of the Loop area (decision 0020): the curator's choices for {@link NextIteration}, the plan with
 * every stage's estimate worked out in the background as they change, and the chain run as one background task
 * shown in the status bar (its Cancel stops the job running then; the chain can be continued).
 */
public final class NextIterationModel {
    /** How long after the last change the plan is worked out again. */
    static final Duration QUIET = Duration.ofMillis(300);

    /** One endpoint with whether it answers (the pool) and whether it judges. */
    public static final class EndpointChoice {
        private final String name;
        private final String model;
        private final BooleanProperty answers = new SimpleBooleanProperty();
        private final BooleanProperty judges = new SimpleBooleanProperty();

        EndpointChoice(String name, String model) {
            this.name = name;
            this.model = model;
        }

        public String name() {
            return name;
        }

        public String model() {
            return model;
        }

        public BooleanProperty answers() {
            return answers;
        }

        public BooleanProperty judges() {
            return judges;
        }
    }

    private final NextIteration next;
    private final EndpointService endpointService;
    private final RunService runs;
    private final JobRegistry<JobProgress<String>> arenaJobs;
    private final TaskExecutor tasks;
    private final Supplier<String> target;
    private final Runnable made;

    private final ObservableList<String> endpoints = FXCollections.observableArrayList();
    private final StringProperty endpoint = new SimpleStringProperty();
    private final ObservableList<EndpointChoice> choices = FXCollections.observableArrayList();
    private final BooleanProperty reuseSeeds = new SimpleBooleanProperty();
    private final BooleanProperty resume = new SimpleBooleanProperty();
    private final StringProperty note = new SimpleStringProperty("");
    private final ReadOnlyObjectWrapper<Plan> plan = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyStringWrapper estimate = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper problem = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper outcome = new ReadOnlyStringWrapper("");
    private final ReadOnlyBooleanWrapper outcomeFailed = new ReadOnlyBooleanWrapper();
    private final ReadOnlyBooleanWrapper running = new ReadOnlyBooleanWrapper();

    /** Whether the curator ticked the pool or the judges: until then the plan's own choice is shown ticked. */
    private boolean poolChosen;

    private boolean judgesChosen;
    /** Set while the ticks are set from the plan, so that setting them is not taken for the curator's choice. */
    private boolean applying;

    private final Latest planRead = new Latest();
    private final Debouncer changed;
    private TaskHandle chain = TaskHandle.NONE;

    /**
     * @param target the Loop area's target model (null: the one the newest iteration names)
     * @param made   called on the FX thread once a chain ended, to read the iterations again
     */
    public NextIterationModel(
            NextIteration next,
            EndpointService endpoints,
            RunService runs,
            JobRegistry<JobProgress<String>> arenaJobs,
            TaskExecutor tasks,
            Supplier<String> target,
            Runnable made) {
        this.next = next;
        this.endpointService = endpoints;
        this.runs = runs;
        this.arenaJobs = arenaJobs;
        this.tasks = tasks;
        this.target = target;
        this.made = made;
        this.changed = tasks.debounce(QUIET, this::replan);
        endpoint.addListener((obs, o, n) -> changed());
        reuseSeeds.addListener((obs, o, n) -> changed());
        resume.addListener((obs, o, n) -> changed());
        note.addListener((obs, o, n) -> changed());
    }

    private void changed() {
        if (!applying) {
            changed.trigger();
        }
    }

    /**
     * Reads the endpoints and the run endpoint to propose (the newest run's, else the first), then works out the
     * plan; the pool and the judges start as the plan takes them from the previous iteration.
     */
    public void open() {
        if (running.get()) {
            return;
        }
        tasks.wrap(() -> new Known(endpointService.list(), newestRunEndpoint()))
                .onSuccess(k -> {
                    applying = true;
                    try {
                        List<String> names =
                                k.endpoints().stream().map(Endpoint::name).toList();
                        endpoints.setAll(names);
                        List<EndpointChoice> rows = new ArrayList<>();
                        for (Endpoint e : k.endpoints()) {
                            EndpointChoice c = new EndpointChoice(e.name(), e.model());
                            c.answers().addListener((obs, o, n) -> ticked(true));
                            c.judges().addListener((obs, o, n) -> ticked(false));
                            rows.add(c);
                        }
                        choices.setAll(rows);
                        poolChosen = false;
                        judgesChosen = false;
                        String keep = endpoint.get();
                        endpoint.set(
                                keep != null && names.contains(keep)
                                        ? keep
                                        : k.runEndpoint() != null && names.contains(k.runEndpoint())
                                                ? k.runEndpoint()
                                                : names.isEmpty() ? null : names.get(0));
                    } finally {
                        applying = false;
                    }
                    replan();
                })
                .onFailure(e -> problem.set("Could not read the endpoints: " + e.getMessage()))
                .start();
    }

    private record Known(List<Endpoint> endpoints, String runEndpoint) {}

    private String newestRunEndpoint() {
        return runs.list().stream()
                .max(Comparator.comparingLong(RunSummary::id))
                .map(r -> r.config().endpoint())
                .orElse(null);
    }

    private void ticked(boolean pool) {
        if (applying) {
            return;
        }
        if (pool) {
            poolChosen = true;
        } else {
            judgesChosen = true;
        }
        changed.trigger();
    }

    /** The curator's choices as a request to {@link NextIteration#plan}. */
    Request request() {
        Request r = Request.of(endpoint.get() == null ? "" : endpoint.get())
                .withTarget(target.get())
                .withReuseSeeds(reuseSeeds.get())
                .withNote(
                        note.get() == null || note.get().isBlank()
                                ? null
                                : note.get().strip());
        if (poolChosen) {
            r = r.withAnswerEndpoints(choices.stream()
                    .filter(c -> c.answers().get())
                    .map(EndpointChoice::name)
                    .toList());
        }
        if (judgesChosen) {
            r = r.withJudges(choices.stream()
                    .filter(c -> c.judges().get())
                    .map(EndpointChoice::name)
                    .toList());
        }
        return resume.get() ? r.resuming() : r;
    }

    /** Works out the plan for the choices now (in the background); a refusal is shown as its sentence. */
    public void replan() {
        if (running.get()) {
            return;
        }
        if (endpoint.get() == null) {
            plan.set(null);
            estimate.set("");
            problem.set("No endpoint to run on: add one in Endpoints first.");
            return;
        }
        Request request = request();
        problem.set("");
        estimate.set("Working out the plan and its estimate…");
        tasks.wrap(() -> next.plan(request))
                .latestOnly(planRead)
                .onSuccess(p -> {
                    plan.set(p);
                    estimate.set(String.join("\n", describe(p)));
                    applying = true;
                    try {
                        for (EndpointChoice c : choices) {
                            if (!poolChosen) {
                                c.answers().set(p.answer().endpoints().contains(c.name()));
                            }
                            if (!judgesChosen) {
                                c.judges().set(p.judge().judges().contains(c.name()));
                            }
                        }
                    } finally {
                        applying = false;
                    }
                })
                .onFailure(e -> {
                    plan.set(null);
                    estimate.set("");
                    problem.set(
                            e instanceof IllegalArgumentException
                                    ? e.getMessage()
                                    : "Could not work out the plan: " + e.getMessage());
                })
                .start();
    }

    /**
     * Runs the chain of the plan shown, as one background task in the status bar; when it ends the dashboard is read
     * again and the outcome said in words (a stage that stopped: which, and how to continue).
     */
    public void start() {
        Plan p = plan.get();
        if (p == null || running.get()) {
            return;
        }
        // the choices as they are now (a note typed a moment ago included), planned again as the chain starts
        Request request = request();
        running.set(true);
        outcomeFailed.set(false);
        outcome.set((p.resuming() ? "Continuing iteration " : "Making iteration ") + p.iteration() + "…");
        chain = tasks.<Outcome>wrap(
                        (p.resuming() ? "Continuing iteration " : "Iteration ") + p.iteration(),
                        (progress, cancel) -> execute(next.plan(request), progress, cancel))
                .onSuccess(o -> {
                    running.set(false);
                    outcomeFailed.set(!o.completed());
                    outcome.set(said(o));
                    if (!o.completed()) {
                        applying = true;
                        resume.set(true);
                        applying = false;
                    } else {
                        resume.set(false);
                        note.set("");
                    }
                    made.run();
                    replan();
                })
                .onFailure(e -> {
                    running.set(false);
                    outcomeFailed.set(true);
                    outcome.set("Iteration " + p.iteration() + " stopped: " + e.getMessage()
                            + ". What was made is kept; tick “Continue the stopped iteration” and Start to go on.");
                    made.run();
                    resume.set(true);
                })
                .start();
    }

    /** Stops the chain at the job running now (what it finished is kept). */
    public void cancel() {
        chain.cancel();
    }

    /**
     * The chain on this (background) thread, stage by stage as {@link NextIteration#execute} runs it, so that the
     * chain knows its own jobs: their progress moves the task's, and once Cancel is asked the job running is
     * cancelled at its next event (another job running meanwhile, say a run started in Runs, is left alone); a
     * stage not started yet is not started.
     */
    private Outcome execute(Plan p, ProgressListener progress, Cancellation cancel) throws Exception {
        Iteration iteration = next.begin(p);
        Long continued = p.runId();
        if (cancel.isCancelled()) {
            return new Outcome(iteration, Step.RUN, RunStatus.CANCELLED, continued, null, null, null);
        }
        RunHandle run = next.run(p);
        long runId = run == null ? continued : run.runId();
        int runCalls = p.runEstimate() == null ? 0 : p.runEstimate().calls();
        if (run != null) {
            run.onProgress(r -> {
                if (cancel.isCancelled()) {
                    run.cancel();
                } else {
                    report(p, progress, 0, r.calls(), runCalls, "stage 1 of 4, run " + runId);
                }
            });
            RunStatus status = run.run();
            if (status != RunStatus.COMPLETED) {
                return new Outcome(iteration, Step.RUN, status, runId, null, null, null);
            }
        }
        if (cancel.isCancelled()) {
            return new Outcome(iteration, Step.ANSWER, RunStatus.CANCELLED, runId, null, null, null);
        }
        ArenaJobExecution answering = next.answer(p, runId);
        int answerCalls = p.answerEstimate().calls();
        RunStatus answered = watched(
                answering,
                cancel,
                calls -> report(
                        p, progress, runCalls, calls, answerCalls, "stage 2 of 4, answering job " + answering.jobId()));
        if (answered != RunStatus.COMPLETED) {
            return new Outcome(iteration, Step.ANSWER, answered, runId, answering.jobId(), null, null);
        }
        progress.progress(runCalls + answerCalls, p.calls(), "stage 3 of 4, battles");
        BattleService.Creation made = next.battles(p, runId);
        if (cancel.isCancelled()) {
            return new Outcome(iteration, Step.JUDGE, RunStatus.CANCELLED, runId, answering.jobId(), made, null);
        }
        ArenaJobExecution judging = next.judge(p, runId);
        RunStatus judged = watched(
                judging,
                cancel,
                calls -> report(
                        p,
                        progress,
                        runCalls + answerCalls,
                        calls,
                        p.judgeEstimate().calls(),
                        "stage 4 of 4, judging job " + judging.jobId()));
        return new Outcome(iteration, Step.JUDGE, judged, runId, answering.jobId(), made, judging.jobId());
    }

    /** Runs an arena job, following its events in the arena registry (its own only). */
    private RunStatus watched(ArenaJobExecution job, Cancellation cancel, IntConsumer calls) throws Exception {
        long id = job.jobId();
        try (AutoCloseable events = arenaJobs.subscribe(e -> {
            if (e.jobId() != id || e instanceof JobEvent.Finished<JobProgress<String>>) {
                return;
            }
            if (cancel.isCancelled()) {
                job.cancel();
            } else if (e instanceof JobEvent.Progressed<JobProgress<String>> p) {
                calls.accept(p.progress().calls());
            }
        })) {
            return job.run();
        }
    }

    /** The task's progress: the calls made over the calls the plan foresaw, the stage's own in words. */
    private static void report(Plan p, ProgressListener progress, int before, int calls, int planned, String what) {
        long total = p.calls();
        long done = Math.min(total, before + Math.min(calls, planned));
        progress.progress(done, total, what + ": " + calls + " of about " + planned + " calls");
    }

    /** The outcome in words: what was made, or the stage that stopped and how to go on. */
    static String said(Outcome o) {
        if (o.completed()) {
            return "Iteration " + o.iteration().number() + " is made: run " + o.runId() + ", answering job "
                    + o.answerJob() + ", " + count(o.battles().created(), "battles") + " made"
                    + (o.battles().existing() == 0 ? "" : " (" + o.battles().existing() + " existing)")
                    + ", judged by judging job " + o.judgeJob() + ". See what they propose under Proposals.";
        }
        int number = o.reached().ordinal() + 1;
        String kept = "iteration " + o.iteration().number()
                + (o.runId() == null ? "" : ", what run " + o.runId() + " made")
                + (o.reached() == Step.JUDGE ? ", its answers and battles" : "")
                + (o.reached() == Step.ANSWER ? " and the answers made" : "");
        return "Stage " + number + " of 4 (" + o.reached().id() + ") stopped: " + status(o.status()) + ". Kept: "
                + kept + ". To go on, keep “Continue the stopped iteration” ticked and Start again: each stage"
                + " takes up what is stored.";
    }

    private static String status(RunStatus s) {
        return switch (s) {
            case CANCELLED -> "cancelled";
            case INCOMPLETE -> "some items failed (they keep their reason)";
            default -> s.id();
        };
    }

    /** The plan in lines: what each stage does with its estimate, and the whole chain's calls and cost. */
    static List<String> describe(Plan plan) {
        List<String> lines = new ArrayList<>();
        RunConfig c = plan.run();
        lines.add((plan.resuming() ? "Continuing iteration " : "Iteration ") + plan.iteration() + ", target "
                + plan.target() + (plan.note() == null ? "" : " (" + plan.note() + ")") + ":");
        RunEstimate r = plan.runEstimate();
        if (r == null) {
            lines.add("1. Run " + plan.runId() + " (" + String.join(", ", c.skills()) + ") continues where it stopped,"
                    + " if it did.");
        } else {
            lines.add("1. Run " + String.join(", ", c.skills()) + " on " + c.endpoint() + ": "
                    + count(r.seeds(), "seeds")
                    + " (" + (c.seeds().kind() == SeedSelection.Kind.UNUSED ? "not used before" : "all, asked afresh")
                    + "), " + c.perSeed() + " per seed with the accepted weights and rounds: "
                    + count(r.instructions(), "instructions") + ", " + calls(r.calls(), r.cost(), r.costComplete())
                    + ".");
        }
        Estimate a = plan.answerEstimate();
        lines.add("2. Answer with " + String.join(", ", plan.answer().endpoints()) + ": "
                + calls(a.calls(), a.cost(), a.costComplete()) + ".");
        lines.add("3. Battles " + plan.strategy().id() + " (" + plan.strategyFrom() + "): about "
                + count(plan.battleCount(), "battles") + ", no calls.");
        Estimate j = plan.judgeEstimate();
        lines.add("4. Judge with " + String.join(", ", plan.judge().judges()) + " (" + plan.judgesFrom() + "; "
                + plan.judge().prompt() + ", " + count(plan.judge().games(), "games") + "): "
                + calls(j.calls(), j.cost(), j.costComplete()) + ".");
        lines.add("In all: " + count(plan.calls(), "calls") + ", " + cost(plan.cost(), plan.costComplete())
                + "; the call ledger may answer some.");
        return lines;
    }

    /** The calls with their cost; a stage without a price says nothing of it (the whole chain's line does). */
    private static String calls(int calls, BigDecimal cost, boolean complete) {
        return count(calls, "calls") + (cost == null ? "" : ", " + cost(cost, complete));
    }

    private static String cost(BigDecimal cost, boolean complete) {
        if (cost == null) {
            return "cost unknown (no price for these models)";
        }
        return (complete ? "cost " : "cost at least ")
                + cost.stripTrailingZeros().toPlainString();
    }

    private static String count(long n, String plural) {
        return n + " " + (n == 1 ? plural.substring(0, plural.length() - 1) : plural);
    }

    /** Stops the pending re-planning; called when the area closes. */
    public void close() {
        changed.stop();
        planRead.invalidate();
    }

    public ObservableList<String> endpoints() {
        return endpoints;
    }

    public StringProperty endpoint() {
        return endpoint;
    }

    public ObservableList<EndpointChoice> choices() {
        return choices;
    }

    public BooleanProperty reuseSeeds() {
        return reuseSeeds;
    }

    public BooleanProperty resume() {
        return resume;
    }

    public StringProperty note() {
        return note;
    }

    public ReadOnlyObjectProperty<Plan> plan() {
        return plan.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty estimate() {
        return estimate.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty problem() {
        return problem.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty outcome() {
        return outcome.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty outcomeFailed() {
        return outcomeFailed.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty running() {
        return running.getReadOnlyProperty();
    }
}
