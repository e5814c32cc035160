package io.arenainstruct.studio.service.loop;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;

import io.arenainstruct.studio.domain.TimeRange;
import io.arenainstruct.studio.domain.arena.ArenaJob;
import io.arenainstruct.studio.domain.arena.InstructionSelection;
import io.arenainstruct.studio.domain.iteration.Iteration;
import io.arenainstruct.studio.domain.llm.Endpoint;
import io.arenainstruct.studio.domain.run.RunConfig;
import io.arenainstruct.studio.domain.run.RunEstimate;
import io.arenainstruct.studio.domain.run.RunStatus;
import io.arenainstruct.studio.domain.run.RunSummary;
import io.arenainstruct.studio.domain.run.SeedSelection;
import io.arenainstruct.studio.domain.run.Stage;
import io.arenainstruct.studio.service.arena.ArenaJobExecution;
import io.arenainstruct.studio.service.arena.ArenaJobService;
import io.arenainstruct.studio.service.arena.ArenaJobService.AnswerRequest;
import io.arenainstruct.studio.service.arena.ArenaJobService.Estimate;
import io.arenainstruct.studio.service.arena.ArenaJobService.JudgeRequest;
import io.arenainstruct.studio.service.arena.BattleService;
import io.arenainstruct.studio.service.arena.PairingStrategy;
import io.arenainstruct.studio.service.iteration.IterationService;
import io.arenainstruct.studio.service.llm.EndpointService;
import io.arenainstruct.studio.service.run.RunHandle;
import io.arenainstruct.studio.service.run.RunService;
import io.arenainstruct.studio.store.IterationRepository;

/**
 * The next iteration of the loop in one step (decision 0020): start it, run AgentInstruct with the accepted taxonomy
 * weights and refinement rounds (what the store holds now) on seeds no run used, answer the run's instructions with
 * the pool, pair the answers into battles as the previous iteration did, and judge them. {@link #plan} works out
 * every setting and the estimate of each stage before anything runs; the stages then run one after the other as
 * jobs on the job runtime. Every stage can be repeated without asking again what is stored (a run resumes, answers
 * and games held are skipped, battles existing are kept), which is how {@link Request#resume()} continues a chain
 * that stopped.
 */
public final class NextIteration {
    /** Rough tokens of one generated instruction with its input, for the answer and judge estimates. */
    static final long INSTRUCTION_TOKENS = 400;
    /** Rough tokens of one answer, for the judge estimate (the answer estimate's own typical reply). */
    static final long ANSWER_TOKENS = 600;

    private final IterationService iterations;
    private final IterationRepository iterationRepository;
    private final RunService runs;
    private final ArenaJobService arena;
    private final BattleService battles;
    private final EndpointService endpoints;

    public NextIteration(
            IterationService iterations,
            IterationRepository iterationRepository,
            RunService runs,
            ArenaJobService arena,
            BattleService battles,
            EndpointService endpoints) {
        this.iterations = iterations;
        this.iterationRepository = iterationRepository;
        this.runs = runs;
        this.arena = arena;
        this.battles = battles;
        this.endpoints = endpoints;
    }

    /**
     * What the curator asks for; empty lists and nulls take the previous iteration's choices.
     *
     * @param endpoint        the run's endpoint (required)
     * @param answerEndpoints the pool; empty: the endpoints of the previous iteration's answering jobs
     * @param judges          the judges; empty: those of the previous iteration's newest judging job
     * @param target          the model being trained; null: the one the newest iteration names
     * @param skills          the skills to run; empty: those of the previous iteration's runs
     * @param perSeed         instructions per passage; null: as the previous iteration's newest run
     * @param reuseSeeds      true: every seed (and fresh samples, so reused seeds give new instructions)
     * @param resume          true: continue the newest iteration's chain instead of starting one
     */
    public record Request(
            String endpoint,
            List<String> answerEndpoints,
            List<String> judges,
            String target,
            List<String> skills,
            Integer perSeed,
            boolean reuseSeeds,
            String note,
            boolean resume) {
        public Request {
            answerEndpoints = List.copyOf(answerEndpoints);
            judges = List.copyOf(judges);
            skills = List.copyOf(skills);
        }

        public static Request of(String endpoint) {
            return new Request(endpoint, List.of(), List.of(), null, List.of(), null, false, null, false);
        }

        public Request withAnswerEndpoints(List<String> names) {
            return new Request(endpoint, names, judges, target, skills, perSeed, reuseSeeds, note, resume);
        }

        public Request withJudges(List<String> names) {
            return new Request(endpoint, answerEndpoints, names, target, skills, perSeed, reuseSeeds, note, resume);
        }

        public Request withTarget(String model) {
            return new Request(endpoint, answerEndpoints, judges, model, skills, perSeed, reuseSeeds, note, resume);
        }

        public Request withSkills(List<String> ids) {
            return new Request(endpoint, answerEndpoints, judges, target, ids, perSeed, reuseSeeds, note, resume);
        }

        public Request withPerSeed(Integer n) {
            return new Request(endpoint, answerEndpoints, judges, target, skills, n, reuseSeeds, note, resume);
        }

        public Request withReuseSeeds(boolean reuse) {
            return new Request(endpoint, answerEndpoints, judges, target, skills, perSeed, reuse, note, resume);
        }

        public Request withNote(String text) {
            return new Request(endpoint, answerEndpoints, judges, target, skills, perSeed, reuseSeeds, text, resume);
        }

        public Request resuming() {
            return new Request(endpoint, answerEndpoints, judges, target, skills, perSeed, reuseSeeds, note, true);
        }
    }

    /** The four stages, in order. */
    public enum Step {
        RUN("run"),
        ANSWER("answer"),
        BATTLES("battles"),
        JUDGE("judge");

        private final String id;

        Step(String id) {
            this.id = id;
        }

        public String id() {
            return id;
        }
    }

    /**
     * Everything the chain will do, worked out before it starts.
     *
     * @param iteration     the number of the iteration the chain makes (or continues, when resuming)
     * @param runId         the run being continued; null when the chain starts a run
     * @param runLeft       the continued run stopped before it completed: resuming it makes calls its estimate
     *                      ({@code runEstimate} null) does not count
     * @param run           the run's settings (its seeds resolved as it starts)
     * @param runEstimate   the run's estimate; null when continuing a run
     * @param answer        the pool and the answers per model ({@link #answerRequest} names the run's instructions)
     * @param poolModels    the models of the answer endpoints, in their order
     * @param instructions  the instructions the run makes (or made), which answering and battles start from
     * @param battleCount   battles foreseen: the instructions × the strategy's pairs among the pool's models
     * @param judge         the judges, prompt, pool and games ({@link #judgeRequest} names the run's battles)
     */
    public record Plan(
            int iteration,
            boolean resuming,
            Long runId,
            boolean runLeft,
            String target,
            String note,
            RunConfig run,
            RunEstimate runEstimate,
            AnswerRequest answer,
            Estimate answerEstimate,
            List<String> poolModels,
            PairingStrategy strategy,
            String strategyFrom,
            int instructions,
            int battleCount,
            JudgeRequest judge,
            String judgesFrom,
            Estimate judgeEstimate) {
        public Plan {
            poolModels = List.copyOf(poolModels);
        }

        /** Model calls the whole chain will make (the ledger may answer some), but a continued run's own. */
        public int calls() {
            return (runEstimate == null ? 0 : runEstimate.calls()) + answerEstimate.calls() + judgeEstimate.calls();
        }

        /** The chain's cost; null when no model involved has a price. */
        public BigDecimal cost() {
            BigDecimal sum = null;
            for (BigDecimal c : new BigDecimal[] {
                runEstimate == null ? null : runEstimate.cost(), answerEstimate.cost(), judgeEstimate.cost()
            }) {
                if (c != null) {
                    sum = sum == null ? c : sum.add(c);
                }
            }
            return sum;
        }

        /** Whether every model involved has a price. */
        public boolean costComplete() {
            return (runEstimate == null || runEstimate.costComplete())
                    && answerEstimate.costComplete()
                    && judgeEstimate.costComplete();
        }
    }

    /**
     * How a chain ended.
     *
     * @param reached  the last stage that ran (the one that stopped it when not completed)
     * @param status   that stage's status
     * @param battles  the battles stage's outcome; null when it did not run
     */
    public record Outcome(
            Iteration iteration,
            Step reached,
            RunStatus status,
            Long runId,
            Long answerJob,
            BattleService.Creation battles,
            Long judgeJob) {
        public boolean completed() {
            return reached == Step.JUDGE && status == RunStatus.COMPLETED;
        }
    }

    /**
     * Works out the chain for {@code request} and estimates it; nothing is stored or sent.
     *
     * @throws IllegalArgumentException a setting that cannot be worked out or is wrong, in a sentence that says
     *                                  what to do (an unknown endpoint, no seeds left, no pool or judges known)
     */
    public Plan plan(Request request) {
        Objects.requireNonNull(request, "request");
        List<Iteration> all = iterations.iterations();
        Iteration latest = all.get(all.size() - 1);
        // the iteration whose choices the chain repeats: the newest, or the one before it when continuing the newest
        int previous = request.resume() ? latest.number() - 1 : latest.number();
        TimeRange before = previous >= 1 ? iterations.range(previous) : null;
        RunSummary continued = null;
        if (request.resume()) {
            if (latest.number() == 1) {
                // the first iteration is what was made before the loop: no stage of it is loop next's to continue
                throw new IllegalArgumentException("Iteration 1 holds what was made before the loop, no chain of loop"
                        + " next to continue; start the next iteration with loop next (without --resume).");
            }
            TimeRange current = iterations.range(latest.number());
            continued = runs.list().stream()
                    .filter(r -> current.contains(r.createdAt()))
                    .max(Comparator.comparingLong(RunSummary::id))
                    .orElse(null);
            // an iteration loop next started and stopped before its run was made gets its run now (below)
        }
        String target = request.target() != null && !request.target().isBlank()
                ? request.target().strip()
                : request.resume() && latest.targetModel() != null
                        ? latest.targetModel()
                        : iterations
                                .defaultTarget()
                                .orElseThrow(() -> new IllegalArgumentException(
                                        "No iteration names the model being trained yet; name it with --target."));
        List<Endpoint> pool = pool(request, before);
        List<String> poolModels = pool.stream().map(Endpoint::model).distinct().toList();
        if (!poolModels.contains(target)) {
            throw new IllegalArgumentException("No answer endpoint answers as the target " + target + " (the pool: "
                    + describe(pool) + "); add the target's endpoint to --answer-endpoints.");
        }
        Chosen<PairingStrategy> pairing = strategy(previous, target);
        PairingStrategy strategy = pairing.value();
        if (strategy.model() != null && !poolModels.contains(strategy.model())) {
            throw new IllegalArgumentException("The battles pair by " + strategy.id() + " (" + pairing.from()
                    + "), but no answer endpoint answers as " + strategy.model() + " (the pool: " + describe(pool)
                    + "); add its endpoint to --answer-endpoints.");
        }
        Chosen<JudgeRequest> judging = judges(request, before);
        JudgeRequest judge = judging.value();

        RunConfig config;
        RunEstimate runEstimate = null;
        int instructions;
        int iteration;
        if (continued != null) {
            iteration = latest.number();
            config = continued.config();
            instructions = continued.status() == RunStatus.COMPLETED
                    ? continued.instructions()
                    // resuming retries failed items: every passage the run planned, each with its instructions
                    : runs.progress(continued.id())
                            .map(p -> p.stage(Stage.TRANSFORMATION).planned() * config.perSeed())
                            .orElse(continued.instructions());
        } else {
            iteration = request.resume() ? latest.number() : latest.number() + 1;
            config = runConfig(request, before, iteration);
            runEstimate = runs.estimate(config);
            if (!request.reuseSeeds() && runEstimate.seeds() == 0) {
                throw new IllegalArgumentException("Every seed was used by an earlier run; import new seeds, or add"
                        + " --reuse-seeds to run on all seeds again (with fresh samples).");
            }
            List<String> problems = runs.check(config);
            if (!problems.isEmpty()) {
                throw new IllegalArgumentException(problems.stream()
                        .map(p -> p.endsWith(".") ? p : p + ".")
                        .map(p -> Character.toUpperCase(p.charAt(0)) + p.substring(1))
                        .reduce((a, b) -> a + " " + b)
                        .orElseThrow());
            }
            instructions = runEstimate.instructions();
        }
        // the instructions are named once the run exists (answerRequest)
        AnswerRequest answer =
                new AnswerRequest(pool.stream().map(Endpoint::name).toList(), "", 1);
        int battleCount = instructions * strategy.pairs(poolModels).size();
        Estimate answerEstimate = arena.foresee(answer, instructions, INSTRUCTION_TOKENS);
        Estimate judgeEstimate = arena.foresee(judge, battleCount, INSTRUCTION_TOKENS + 2 * ANSWER_TOKENS);
        if (continued != null) {
            // what the continued run made so far is in the store: those answers and games are counted as held
            long runId = continued.id();
            Estimate heldAnswers = held(() -> arena.estimate(withInstructions(answer, runId)), null);
            if (heldAnswers != null) {
                // a run that stopped makes the rest of its instructions as it resumes: foreseen, as none are held
                int made = heldAnswers.items() / (answer.endpoints().size() * answer.perModel());
                answerEstimate = made >= instructions
                        ? heldAnswers
                        : heldAnswers.plus(arena.foresee(answer, instructions - made, INSTRUCTION_TOKENS));
            }
            if (arena.battleIds("run:" + runId).size() >= battleCount) {
                judgeEstimate = held(() -> arena.estimate(withBattles(judge, runId)), judgeEstimate);
            }
        }
        return new Plan(
                iteration,
                request.resume(),
                continued == null ? null : continued.id(),
                continued != null && continued.status() != RunStatus.COMPLETED,
                target,
                request.note(),
                config,
                runEstimate,
                answer,
                answerEstimate,
                poolModels,
                strategy,
                pairing.from(),
                instructions,
                battleCount,
                judge,
                judging.from(),
                judgeEstimate);
    }

    private static String describe(List<Endpoint> pool) {
        return String.join(
                ", ", pool.stream().map(e -> e.name() + " as " + e.model()).toList());
    }

    /** The answer endpoints asked for, or those of the previous iteration's answering jobs (else of any). */
    private List<Endpoint> pool(Request request, TimeRange before) {
        List<String> names = request.answerEndpoints();
        if (names.isEmpty()) {
            names = earlierJobs(ArenaJob.Kind.ANSWER, before).stream()
                    .flatMap(j -> arena.answerRequest(j).stream())
                    .filter(a -> !handPicked(a.instructions()) && a.answerPrompt() == 0)
                    .findFirst()
                    .map(AnswerRequest::endpoints)
                    .orElseThrow(() -> new IllegalArgumentException("No answer endpoints known: no answering job ran"
                            + " before; name the pool with --answer-endpoints A,B."));
        }
        return requireEndpoints(names, "answer endpoint");
    }

    /** A setting worked out for the plan and where it came from, in words ("as judging job 2 did"). */
    private record Chosen<T>(T value, String from) {}

    /** An estimate of what the store holds now, or {@code otherwise} when it cannot be made (nothing selected yet). */
    private static Estimate held(Supplier<Estimate> exact, Estimate otherwise) {
        try {
            return exact.get();
        } catch (IllegalArgumentException nothingYet) {
            return otherwise;
        }
    }

    /** The judging request of the previous iteration's newest judging job (else any), with the judges asked for. */
    private Chosen<JudgeRequest> judges(Request request, TimeRange before) {
        Optional<ArenaJob> job = earlierJobs(ArenaJob.Kind.JUDGE, before).stream()
                .filter(j -> arena.judgeRequest(j)
                        .filter(r -> !handPicked(r.battles()))
                        .isPresent())
                .findFirst();
        Optional<JudgeRequest> earlier = job.flatMap(arena::judgeRequest);
        List<String> names = request.judges();
        String from = "as asked";
        if (names.isEmpty()) {
            names = earlier.map(JudgeRequest::judges)
                    .orElseThrow(() -> new IllegalArgumentException(
                            "No judges known: no judging job ran before; name them with --judges J."));
            from = "as judging job " + job.get().id() + " did";
        }
        requireEndpoints(names, "judge endpoint");
        JudgeRequest judge = new JudgeRequest(
                names,
                earlier.map(JudgeRequest::prompt).orElse("graded"),
                earlier.map(JudgeRequest::pool).orElse("majority"),
                "", // the battles are named once they exist (judgeRequest)
                earlier.map(JudgeRequest::games).orElse(2));
        return new Chosen<>(judge, from);
    }

    /**
     * Whether a job's selection names its items one by one ({@code ids:}): a regeneration's jobs (decision 0019),
     * whose few endpoints, answerer prompt and judging redo some battles, not what an iteration pairs and judges.
     */
    private static boolean handPicked(String selection) {
        return selection != null && selection.strip().startsWith("ids:");
    }

    /** Jobs of a kind, newest first: those made in {@code range} first, then the rest. */
    private List<ArenaJob> earlierJobs(ArenaJob.Kind kind, TimeRange range) {
        List<ArenaJob> in = new ArrayList<>();
        List<ArenaJob> rest = new ArrayList<>();
        arena.list().stream()
                .filter(j -> j.kind() == kind)
                .sorted((a, b) -> Long.compare(b.id(), a.id()))
                .forEach(j -> (range != null && range.contains(j.createdAt()) ? in : rest).add(j));
        in.addAll(rest);
        return in;
    }

    private List<Endpoint> requireEndpoints(List<String> names, String what) {
        List<Endpoint> out = new ArrayList<>();
        List<String> unknown = new ArrayList<>();
        for (String n : new LinkedHashSet<>(names)) {
            endpoints.find(n.strip()).ifPresentOrElse(out::add, () -> unknown.add(n.strip()));
        }
        if (!unknown.isEmpty()) {
            throw new IllegalArgumentException(unknownEndpoints(unknown, what));
        }
        return out;
    }

    private String unknownEndpoints(List<String> unknown, String what) {
        List<String> known = endpoints.list().stream().map(Endpoint::name).toList();
        return "There is no " + what + " named " + String.join(", ", unknown) + "; the endpoints are "
                + (known.isEmpty() ? "none yet (add one with models add)" : String.join(", ", known)) + ".";
    }

    /**
     * The strategy most used by the previous iteration's battles (by the newest earlier one that made battles, when it
     * made none, as the pool and judges are taken from earlier jobs), else the target against the pool.
     */
    private Chosen<PairingStrategy> strategy(int previous, String target) {
        for (int n = previous; n >= 1; n--) {
            Map<String, Long> used = iterationRepository.battleStrategies(iterations.range(n));
            for (Map.Entry<String, Long> e : used.entrySet()) {
                try {
                    return new Chosen<>(
                            PairingStrategy.parse(e.getKey()),
                            "as " + e.getValue() + " of iteration " + n + "'s battles did");
                } catch (IllegalArgumentException imported) {
                    // a strategy an imported battle file names, or regenerated: not one to pair by
                }
            }
        }
        return new Chosen<>(
                PairingStrategy.parse("target:" + target),
                "the target against each other model: "
                        + (previous <= 1
                                ? "iteration 1 made no battles"
                                : "iterations 1 to " + previous + " made none"));
    }

    /** The run of iteration {@code number}: the accepted weights and rounds are the store's taxonomies and flows. */
    private RunConfig runConfig(Request request, TimeRange before, int number) {
        if (endpoints.find(request.endpoint()).isEmpty()) {
            throw new IllegalArgumentException(unknownEndpoints(List.of(request.endpoint()), "endpoint"));
        }
        List<RunSummary> earlier = runs.list().stream()
                .sorted((a, b) -> Long.compare(b.id(), a.id()))
                .toList();
        Optional<RunSummary> last = earlier.stream()
                .filter(r -> before != null && before.contains(r.createdAt()))
                .findFirst()
                .or(() -> earlier.stream().findFirst());
        List<String> skills = request.skills();
        if (skills.isEmpty()) {
            Set<String> fromRuns = new LinkedHashSet<>();
            earlier.stream()
                    .filter(r -> before != null && before.contains(r.createdAt()))
                    .forEach(r -> fromRuns.addAll(r.config().skills()));
            if (fromRuns.isEmpty()) {
                last.ifPresent(r -> fromRuns.addAll(r.config().skills()));
            }
            if (fromRuns.isEmpty()) {
                throw new IllegalArgumentException(
                        "No run was made before to take the skills from; name them with" + " --skill.");
            }
            skills = List.copyOf(fromRuns);
        }
        int perSeed = request.perSeed() != null
                ? request.perSeed()
                : last.map(r -> r.config().perSeed()).orElse(1);
        SeedSelection seeds = request.reuseSeeds() ? SeedSelection.all() : SeedSelection.unused();
        // the iteration's number seeds the choices: each iteration samples afresh, a resumed run the same again;
        // reused seeds ask the models again, or the ledger would give the earlier instructions back
        return new RunConfig(skills, seeds, request.endpoint(), Map.of(), null, perSeed, request.reuseSeeds(), number);
    }

    // --- the stages, one by one (what the command line drives, printing each job's progress) ---

    /** Starts the iteration the plan makes; continuing, the newest one. */
    public Iteration begin(Plan plan) {
        if (plan.resuming()) {
            List<Iteration> all = iterations.iterations();
            return all.get(all.size() - 1);
        }
        return iterations.start(plan.target(), plan.note());
    }

    /**
     * The run of the chain: started, resumed when it stopped, or null when the continued run completed already.
     */
    public RunHandle run(Plan plan) {
        if (plan.runId() == null) {
            return runs.start(plan.run());
        }
        RunStatus status = runs.find(plan.runId()).map(RunSummary::status).orElse(RunStatus.COMPLETED);
        return status == RunStatus.COMPLETED ? null : runs.resume(plan.runId());
    }

    /** The answering job over the run's instructions (answers held are not asked again). */
    public ArenaJobExecution answer(Plan plan, long runId) {
        return arena.answer(answerRequest(plan, runId));
    }

    /** What the answering stage asks, for its estimate once the run's instructions exist. */
    public AnswerRequest answerRequest(Plan plan, long runId) {
        return withInstructions(plan.answer(), runId);
    }

    private static AnswerRequest withInstructions(AnswerRequest a, long runId) {
        return new AnswerRequest(a.endpoints(), "run:" + runId, a.perModel());
    }

    /** Pairs the run's answers as the plan says (battles existing are kept). */
    public BattleService.Creation battles(Plan plan, long runId) {
        return battles.create(plan.strategy(), InstructionSelection.run(runId), plan.poolModels());
    }

    /** The judging job over the battles on the run's instructions (games held are not asked again). */
    public ArenaJobExecution judge(Plan plan, long runId) {
        return arena.judge(judgeRequest(plan, runId));
    }

    /** What the judging stage asks, for its estimate once the battles exist. */
    public JudgeRequest judgeRequest(Plan plan, long runId) {
        return withBattles(plan.judge(), runId);
    }

    private static JudgeRequest withBattles(JudgeRequest j, long runId) {
        return new JudgeRequest(j.judges(), j.prompt(), j.pool(), "run:" + runId, j.games());
    }

    /**
     * Runs the whole chain on the calling thread (the app calls this off the FX thread), stage after stage, each job
     * registered in the workspace's registries so its progress is seen there; stops at the first stage that does not
     * complete.
     */
    public Outcome execute(Plan plan) {
        Iteration iteration = begin(plan);
        RunHandle run = run(plan);
        long runId = run == null ? plan.runId() : run.runId();
        if (run != null) {
            RunStatus status = run.run();
            if (status != RunStatus.COMPLETED) {
                return new Outcome(iteration, Step.RUN, status, runId, null, null, null);
            }
        }
        ArenaJobExecution answering = answer(plan, runId);
        RunStatus answered = answering.run();
        if (answered != RunStatus.COMPLETED) {
            return new Outcome(iteration, Step.ANSWER, answered, runId, answering.jobId(), null, null);
        }
        BattleService.Creation made = battles(plan, runId);
        ArenaJobExecution judging = judge(plan, runId);
        RunStatus judged = judging.run();
        return new Outcome(iteration, Step.JUDGE, judged, runId, answering.jobId(), made, judging.jobId());
    }
}
