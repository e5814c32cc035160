package io.arenainstruct.studio.service.run;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Function;

import io.arenainstruct.studio.domain.Seed;
import io.arenainstruct.studio.domain.SeedFilter;
import io.arenainstruct.studio.domain.Taxonomy;
import io.arenainstruct.studio.domain.flow.Agent;
import io.arenainstruct.studio.domain.flow.AgentRole;
import io.arenainstruct.studio.domain.flow.Flow;
import io.arenainstruct.studio.domain.flow.Prompt;
import io.arenainstruct.studio.domain.flow.Template;
import io.arenainstruct.studio.domain.llm.Endpoint;
import io.arenainstruct.studio.domain.llm.Message;
import io.arenainstruct.studio.domain.llm.ModelPrice;
import io.arenainstruct.studio.domain.llm.ModelRequest;
import io.arenainstruct.studio.domain.provenance.Failure;
import io.arenainstruct.studio.domain.run.FailureReason;
import io.arenainstruct.studio.domain.run.InstructionCounts;
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
import io.arenainstruct.studio.service.flow.FlowService;
import io.arenainstruct.studio.service.flow.FlowYaml;
import io.arenainstruct.studio.service.job.AgentStep;
import io.arenainstruct.studio.service.job.JobRegistry;
import io.arenainstruct.studio.service.job.ProgressCounter;
import io.arenainstruct.studio.service.llm.EndpointService;
import io.arenainstruct.studio.service.llm.ModelGateway;
import io.arenainstruct.studio.service.taxonomy.TaxonomyService;
import io.arenainstruct.studio.store.CallLedgerRepository;
import io.arenainstruct.studio.store.InstructionRepository;
import io.arenainstruct.studio.store.RunRepository;
import io.arenainstruct.studio.store.SeedRepository;

/** Starting, resuming and listing runs; what the Runs area and the {@code run} commands use. */
public final class RunService {
    /** Typical reply lengths in tokens per role, for estimates (capped by an agent's max tokens). */
    private static final Map<AgentRole, Integer> TYPICAL_REPLY =
            Map.of(AgentRole.GENERATOR, 150, AgentRole.SUGGESTER, 200, AgentRole.EDITOR, 170, AgentRole.ANSWERER, 400);

    private final FlowService flows;
    private final TaxonomyService taxonomies;
    private final EndpointService endpoints;
    private final SeedRepository seeds;
    private final RunRepository runs;
    private final InstructionRepository instructions;
    private final ModelGateway gateway;
    private final CallLedgerRepository ledger;
    private final List<InterruptedRun> interruptedAtOpen;
    /** Who executes the runs this service starts or resumes; the command line says so when it opens a store. */
    private volatile RunOrigin origin = RunOrigin.APP;

    private final Function<String, Optional<Taxonomy>> shippedTaxonomy;
    private final JobRegistry<RunProgress> jobs;

    /**
     * @param shippedTaxonomy the taxonomy shipped for a skill, added to a store that has the skill's flow but no
     *                        taxonomy of it yet (a store made on the command line starts without taxonomies)
     * @param jobs            where the runs this service hands out are listed while they execute
     */
    public RunService(
            FlowService flows,
            TaxonomyService taxonomies,
            EndpointService endpoints,
            SeedRepository seeds,
            RunRepository runs,
            InstructionRepository instructions,
            ModelGateway gateway,
            CallLedgerRepository ledger,
            Function<String, Optional<Taxonomy>> shippedTaxonomy,
            JobRegistry<RunProgress> jobs) {
        this.jobs = jobs;
        this.shippedTaxonomy = shippedTaxonomy;
        this.flows = flows;
        this.taxonomies = taxonomies;
        this.endpoints = endpoints;
        this.seeds = seeds;
        this.runs = runs;
        this.instructions = instructions;
        this.gateway = gateway;
        this.ledger = ledger;
        // Only one process opens a store, so runs still marked running were stopped by a crash or kill.
        this.interruptedAtOpen = runs.markInterrupted().stream()
                .map(e -> new InterruptedRun(e.getKey(), RunOrigin.of(e.getValue())))
                .toList();
    }

    /** A run configuration that cannot start, with every reason. */
    public static final class RunRefused extends IllegalArgumentException {
        private final transient List<String> problems;

        RunRefused(List<String> problems) {
            super(String.join("\n", problems));
            this.problems = List.copyOf(problems);
        }

        public List<String> problems() {
            return problems;
        }
    }

    /** Runs that were interrupted (crash, kill) when this store was last open; the app offers to resume them. */
    public List<Long> interruptedAtOpen() {
        return interruptedAtOpen.stream().map(InterruptedRun::runId).toList();
    }

    /** The interrupted runs with who ran them, so an offer to resume can say what stopped them. */
    public List<InterruptedRun> interruptedRuns() {
        return interruptedAtOpen;
    }

    /**
     * Every run still marked interrupted, also those found by another process that opened the store first (a
     * command such as {@code runs list} marks them as it opens).
     */
    public List<InterruptedRun> stillInterrupted() {
        return runs.interrupted().stream()
                .map(e -> new InterruptedRun(e.getKey(), RunOrigin.of(e.getValue())))
                .toList();
    }

    /** Says who executes the runs started or resumed from now on (recorded with each run). */
    public void ranBy(RunOrigin newOrigin) {
        this.origin = Objects.requireNonNull(newOrigin);
    }

    private Optional<Taxonomy> taxonomy(String skill) {
        Optional<Taxonomy> stored = taxonomies.find(skill);
        if (stored.isPresent()) {
            return stored;
        }
        Optional<Taxonomy> shipped = shippedTaxonomy.apply(skill);
        shipped.ifPresent(taxonomies::save);
        return shipped;
    }

    /**
     * What in a flow does not fit its skill's taxonomy and would refuse a run: generators bound to categories the
     * taxonomy lacks, or no category a generator could write for. The flow need not be stored yet.
     */
    public List<String> taxonomyProblems(Flow flow) {
        return taxonomy(flow.skill())
                .map(t -> taxonomyProblems(flow, t))
                .orElse(List.of("skill " + flow.skill() + " has no taxonomy"));
    }

    private static List<String> taxonomyProblems(Flow flow, Taxonomy taxonomy) {
        List<String> problems = new ArrayList<>(FlowYaml.taxonomyProblems(flow, taxonomy));
        if (RunPlanner.categories(flow, taxonomy).isEmpty()) {
            problems.add("no enabled category with a weight above 0 has a generation agent");
        }
        return problems;
    }

    /** Everything that would stop this configuration from running; empty when it can start. */
    public List<String> check(RunConfig config) {
        List<String> problems = new ArrayList<>();
        Set<String> endpointNames = new LinkedHashSet<>();
        endpointNames.add(config.endpoint());
        endpointNames.addAll(config.roleEndpoints().values());
        for (String skill : config.skills()) {
            Optional<Flow> flow = flows.find(skill);
            Optional<Taxonomy> taxonomy = taxonomy(skill);
            if (flow.isEmpty()) {
                problems.add("skill " + skill + " has no flow");
                continue;
            }
            if (taxonomy.isEmpty()) {
                problems.add("skill " + skill + " has no taxonomy");
                continue;
            }
            for (Agent a : flow.get().agents()) {
                if (a.endpoint() != null) {
                    endpointNames.add(a.endpoint());
                }
            }
            problems.addAll(FlowYaml.runProblems(flow.get()));
            taxonomyProblems(flow.get(), taxonomy.get()).forEach(p -> problems.add(skill + ": " + p));
        }
        for (String name : endpointNames) {
            if (endpoints.find(name).isEmpty()) {
                problems.add("there is no endpoint named " + name + " (add it in Endpoints or with models add)");
            }
        }
        try {
            if (resolveSeeds(config.seeds()).isEmpty()) {
                problems.add("the seed selection " + config.seeds() + " matches no seeds");
            }
        } catch (IllegalArgumentException e) {
            problems.add(e.getMessage());
        }
        return problems;
    }

    /** Calls, tokens and cost this configuration would take (cache hits not foreseen). */
    public RunEstimate estimate(RunConfig config) {
        List<Seed> chosen = seedsOf(config.seeds());
        long seedChars = chosen.stream().mapToLong(Seed::chars).sum();
        int passages = 0;
        int instructionCount = 0;
        int calls = 0;
        long in = 0;
        long out = 0;
        Map<String, ModelPrice> prices = endpoints.prices();
        BigDecimal cost = null;
        boolean costComplete = true;
        for (String skill : config.skills()) {
            Flow flow = flows.find(skill).orElse(null);
            if (flow == null) {
                continue;
            }
            int perSeedPassages =
                    flow.pick() == Flow.Pick.ALL ? flow.transformers().size() : 1;
            int p = chosen.size() * perSeedPassages;
            int rounds = config.rounds() != null ? config.rounds() : flow.rounds();
            int n = p * config.perSeed();
            passages += p;
            instructionCount += n;
            calls += p + n * (2 + 2 * rounds);
            // Per role: prompt tokens (template + seed or passage) and reply tokens.
            long avgSeedTokens = chosen.isEmpty() ? 0 : seedChars / chosen.size() / 4;
            Agent t = flow.transformers().get(0);
            Agent g = flow.generators().get(0);
            long r = (long) n * rounds;
            // Per agent: prompt tokens (templates + seed or passage and earlier texts) and reply tokens.
            Map<Agent, long[]> parts = new LinkedHashMap<>();
            parts.put(t, new long[] {p * (tokens(t) + avgSeedTokens), p * cap(t, avgSeedTokens)});
            parts.put(g, new long[] {
                n * (tokens(g) + 2 * avgSeedTokens), n * cap(g, TYPICAL_REPLY.get(AgentRole.GENERATOR))
            });
            parts.put(flow.suggester(), new long[] {
                r * (tokens(flow.suggester()) + 2 * avgSeedTokens),
                r * cap(flow.suggester(), TYPICAL_REPLY.get(AgentRole.SUGGESTER))
            });
            parts.put(flow.editor(), new long[] {
                r * (tokens(flow.editor()) + 2 * avgSeedTokens),
                r * cap(flow.editor(), TYPICAL_REPLY.get(AgentRole.EDITOR))
            });
            parts.put(flow.answerer(), new long[] {
                n * (tokens(flow.answerer()) + avgSeedTokens),
                n * cap(flow.answerer(), TYPICAL_REPLY.get(AgentRole.ANSWERER))
            });
            for (Map.Entry<Agent, long[]> part : parts.entrySet()) {
                Agent agent = part.getKey();
                long partIn = part.getValue()[0];
                long partOut = part.getValue()[1];
                in += partIn;
                out += partOut;
                // Priced by the model of the endpoint this agent will use.
                String name = agent.endpoint() != null ? agent.endpoint() : config.endpointFor(agent.role());
                Endpoint e = endpoints.find(name).orElse(null);
                ModelPrice price = e == null ? null : prices.get(e.model());
                if (price == null) {
                    costComplete = false;
                } else {
                    BigDecimal c = price.cost(partIn, partOut);
                    cost = cost == null ? c : cost.add(c);
                }
            }
        }
        Long repeats = repeatedRun(config).orElse(null);
        int answered = repeats != null ? calls : transformationsAnswered(config, chosen);
        return new RunEstimate(
                chosen.size(), passages, instructionCount, calls, in, out, cost, costComplete, answered, repeats);
    }

    /** Seeds beyond this many are not looked up for an estimate's ledger count (one store read each). */
    private static final int LEDGER_LOOKUPS = 2_000;

    /**
     * How many transformation calls the ledger already answers: a transformation request depends only on the
     * seed, the prompt and the model, so it is rebuilt here and looked up. Later stages depend on model replies
     * and are not counted. 0 for fresh samples or very large selections.
     */
    private int transformationsAnswered(RunConfig config, List<Seed> chosen) {
        if (config.freshSamples() || chosen.size() * config.skills().size() > LEDGER_LOOKUPS) {
            return 0;
        }
        int answered = 0;
        try {
            for (String skill : config.skills()) {
                Flow flow = flows.find(skill).orElse(null);
                Taxonomy taxonomy = flow == null ? null : taxonomy(skill).orElse(null);
                if (taxonomy == null) {
                    continue;
                }
                for (Seed seed : chosen) {
                    String text = seeds.content(seed.id()).orElse(null);
                    if (text == null) {
                        continue;
                    }
                    Map<String, String> vars = RunVariables.base(flow, taxonomy, seed, text);
                    for (Agent t : RunPlanner.transformers(flow, config.randomSeed(), seed.id())) {
                        String name = t.endpoint() != null ? t.endpoint() : config.endpointFor(t.role());
                        Optional<Endpoint> endpoint = endpoints.find(name);
                        if (endpoint.isPresent()
                                && gateway.ledgerAnswers(endpoint.get(), AgentStep.request(t, vars, 0))) {
                            answered++;
                        }
                    }
                }
            }
        } catch (RuntimeException e) {
            return 0; // a form the check refuses: it says why
        }
        return answered;
    }

    private static long tokens(Agent a) {
        return (a.prompt().system().length() + a.prompt().user().length()) / 4L;
    }

    private static long cap(Agent a, long typical) {
        return a.maxTokens() == null ? typical : Math.min(typical, a.maxTokens());
    }

    /** Freezes what the run uses and stores it; {@link RunHandle#run()} then executes it. */
    public RunHandle start(RunConfig config) {
        List<String> problems = check(config);
        if (!problems.isEmpty()) {
            throw new RunRefused(problems);
        }
        FrozenRun frozen = freeze(config);
        long runId = runs.create(FrozenRun.write(config), frozen.toJson());
        return engine(runId, config, frozen, null, null, false);
    }

    /** What a run of this (checked) configuration would freeze now. */
    private FrozenRun freeze(RunConfig config) {
        List<Flow> used = new ArrayList<>();
        List<Taxonomy> usedTaxonomies = new ArrayList<>();
        Set<String> endpointNames = new LinkedHashSet<>();
        endpointNames.add(config.endpoint());
        endpointNames.addAll(config.roleEndpoints().values());
        for (String skill : config.skills()) {
            Flow flow = flows.find(skill).orElseThrow();
            used.add(flow);
            usedTaxonomies.add(taxonomy(skill).orElseThrow());
            flow.agents().stream().map(Agent::endpoint).filter(Objects::nonNull).forEach(endpointNames::add);
        }
        List<Endpoint> usedEndpoints =
                endpointNames.stream().map(endpoints::require).toList();
        return FrozenRun.of(used, usedTaxonomies, usedEndpoints, resolveSeeds(config.seeds()));
    }

    /**
     * The newest completed run that a run of this configuration would repeat request for request, so that the
     * call ledger answers every call and the new run only copies its instructions: same skills, seeds, rounds,
     * instructions per seed, random seed, prompts and taxonomies, and the same models and model settings per
     * agent. Never for fresh samples (they ask the models again), nor for a run that asked for fresh samples.
     */
    public Optional<Long> repeatedRun(RunConfig config) {
        if (config.freshSamples()) {
            return Optional.empty();
        }
        String mine;
        try {
            if (!check(config).isEmpty()) {
                return Optional.empty();
            }
            mine = requestsKey(config, freeze(config));
        } catch (RuntimeException e) {
            return Optional.empty();
        }
        for (RunRepository.RunRow row : runs.list()) {
            if (row.status() != RunStatus.COMPLETED) {
                continue;
            }
            try {
                RunConfig earlier = FrozenRun.config(row.config());
                // cheap comparisons first; the frozen texts only for a likely match
                if (earlier.freshSamples()
                        || earlier.perSeed() != config.perSeed()
                        || earlier.randomSeed() != config.randomSeed()
                        || !new HashSet<>(earlier.skills()).equals(new HashSet<>(config.skills()))) {
                    continue;
                }
                Optional<String> frozen = runs.frozen(row.id());
                if (frozen.isPresent() && mine.equals(requestsKey(earlier, FrozenRun.fromJson(frozen.get())))) {
                    return Optional.of(row.id());
                }
            } catch (RuntimeException unreadable) {
                // a run stored by an older version that cannot be read is no repeat
            }
        }
        return Optional.empty();
    }

    /** Everything the requests of a run depend on, as one text (endpoints by model and settings, not by name). */
    private static String requestsKey(RunConfig config, FrozenRun frozen) {
        Map<String, Object> key = new LinkedHashMap<>();
        // sets: the same seeds or skills in another order make the same requests
        key.put("skills", new TreeSet<>(config.skills()));
        key.put("seeds", new TreeSet<>(frozen.seedIds()));
        key.put("perSeed", config.perSeed());
        key.put("randomSeed", config.randomSeed());
        key.put("taxonomies", new TreeMap<>(frozen.taxonomies()));
        Map<String, Object> perSkill = new TreeMap<>();
        for (String skill : config.skills()) {
            Flow flow = frozen.flow(skill).orElseThrow();
            Map<String, Object> agents = new LinkedHashMap<>();
            for (Agent a : flow.agents()) {
                String name = a.endpoint() != null ? a.endpoint() : config.endpointFor(a.role());
                FrozenRun.FrozenEndpoint e = frozen.endpoints().stream()
                        .filter(f -> f.name().equals(name))
                        .findFirst()
                        .orElseThrow();
                agents.put(
                        a.id(),
                        List.of(
                                e.provider().id(),
                                e.model(),
                                String.valueOf(e.temperature()),
                                String.valueOf(e.maxTokens()),
                                String.valueOf(e.seed())));
            }
            Map<String, Object> part = new LinkedHashMap<>();
            part.put("flow", flow);
            part.put("rounds", config.rounds() != null ? config.rounds() : flow.rounds());
            part.put("models", agents);
            perSkill.put(skill, part);
        }
        key.put("flows", perSkill);
        return FrozenRun.write(key);
    }

    /** Continues a run that was cancelled, interrupted or ended with failures, with what it froze at its start. */
    public RunHandle resume(long runId) {
        RunRepository.RunRow row =
                runs.find(runId).orElseThrow(() -> new IllegalArgumentException("there is no run " + runId));
        if (!row.status().resumable()) {
            throw new IllegalArgumentException("run " + runId + " is "
                    + row.status().id() + (row.owner() == null || jobs.isRunning(runId) ? "" : " in " + row.owner())
                    + "; only cancelled, interrupted or incomplete runs can be resumed");
        }
        return engine(runId, FrozenRun.config(row.config()), frozen(runId), null, null, true);
    }

    /** A run frozen before flows were checked for outside input is refused rather than sent. */
    private static FrozenRun sendable(FrozenRun frozen) {
        List<String> problems = frozen.flows().stream()
                .flatMap(f -> FlowYaml.runProblems(f).stream())
                .toList();
        if (!problems.isEmpty()) {
            throw new RunRefused(problems);
        }
        return frozen;
    }

    /** Retries only the given failed instructions and passages of a run. */
    public RunHandle retry(long runId, Set<Long> instructionIds, Set<Long> passageIds) {
        RunRepository.RunRow row =
                runs.find(runId).orElseThrow(() -> new IllegalArgumentException("there is no run " + runId));
        if (!row.status().resumable()) {
            throw new IllegalArgumentException(
                    "run " + runId + " is still " + row.status().id());
        }
        return engine(
                runId,
                FrozenRun.config(row.config()),
                frozen(runId),
                Set.copyOf(instructionIds),
                Set.copyOf(passageIds),
                true);
    }

    private FrozenRun frozen(long runId) {
        return sendable(FrozenRun.fromJson(runs.frozen(runId).orElseThrow()).withCurrentConnections(endpoints::find));
    }

    private RunHandle engine(
            long runId,
            RunConfig config,
            FrozenRun frozen,
            Set<Long> onlyInstructions,
            Set<Long> onlyPassages,
            boolean takeOver) {
        runs.setRanBy(runId, origin.id());
        AgentInstructRun run = new AgentInstructRun(
                runId,
                config,
                frozen,
                gateway,
                runs,
                instructions,
                seeds,
                endpoints.prices(),
                onlyInstructions,
                onlyPassages);
        // A resumed run's figures are the whole run's, as its stage bars are.
        LedgerFigures earlier = ledgerFigures(runId);
        run.countEarlier(earlier.calls(), earlier.cacheHits(), earlier.tokensByModel());
        // Of processes sharing a team store, the one whose takeover lands resumes it (decision 0024).
        if (takeOver) {
            runs.takeOver(runId).ifPresent(owner -> {
                throw new IllegalArgumentException("run " + runId + " is already being resumed by " + owner);
            });
        }
        return new RegisteredRun(run, jobs);
    }

    /** A rendered agent, ready to send: what "Try on a seed" shows and streams. */
    public record Trial(ModelRequest request, Map<String, String> variables) {}

    /**
     * Renders one agent (with a prompt as edited, saved or not) on one seed. Variables later steps would get
     * from earlier ones are filled with the seed itself (passage) or marked examples (instruction,
     * suggestions), and the category is the first one the run would sample for this seed.
     */
    public Trial trial(String skill, String agentId, Prompt prompt, long seedId) {
        Flow flow = flows.find(skill).orElseThrow(() -> new IllegalArgumentException("no flow for skill " + skill));
        Agent agent =
                flow.agent(agentId).orElseThrow(() -> new IllegalArgumentException(skill + " has no agent " + agentId));
        Taxonomy taxonomy =
                taxonomy(skill).orElseThrow(() -> new IllegalArgumentException("skill " + skill + " has no taxonomy"));
        Seed seed = seeds.find(seedId).orElseThrow(() -> new IllegalArgumentException("there is no seed " + seedId));
        String text = seeds.content(seedId).orElse("");
        Map<String, String> vars = RunVariables.base(flow, taxonomy, seed, text);
        vars.put("passage", text);
        if (!RunPlanner.categories(flow, taxonomy).isEmpty()) {
            RunPlanner.Choice c = RunPlanner.choose(
                    flow, taxonomy, 1L, seedId, flow.transformers().get(0).id(), 0);
            RunVariables.putCategory(
                    vars,
                    taxonomy,
                    c.category().name(),
                    c.subcategory() == null ? null : c.subcategory().name());
        }
        vars.put("instruction", "(example instruction: an earlier step writes it during a run)");
        vars.put("input", "");
        vars.put("suggestions", "(example suggestions: the suggester writes them during a run)");
        vars.put("round", "1");
        vars.put("rounds", String.valueOf(flow.rounds()));
        vars.put("goals", RunVariables.goals(flow));
        ModelRequest request = ModelRequest.of(List.of(
                        Message.system(Template.render(prompt.system(), vars)),
                        Message.user(Template.render(prompt.user(), vars))))
                .withSchema(agent.jsonSchema())
                .withSettings(agent.temperature(), agent.maxTokens(), null)
                .withProvenance(null, "try " + skill + "/" + agentId);
        return new Trial(request, vars);
    }

    /**
     * A run's progress worked out from the store (for a run that is not executing in this process): what its
     * stages planned and finished, and the calls, tokens and cost the ledger holds for it.
     */
    public Optional<RunProgress> progress(long runId) {
        Optional<RunRepository.RunRow> row = runs.find(runId);
        if (row.isEmpty()) {
            return Optional.empty();
        }
        RunConfig config = FrozenRun.config(row.get().config());
        FrozenRun frozen = FrozenRun.fromJson(runs.frozen(runId).orElseThrow());
        List<Passage> passages = runs.passages(runId);
        int chains = 0;
        int refinementPlanned = 0;
        int failedPassages = (int) passages.stream().filter(Passage::failed).count();
        for (String skill : config.skills()) {
            Flow flow = frozen.flow(skill).orElseThrow();
            int perSeed = flow.pick() == Flow.Pick.ALL ? flow.transformers().size() : 1;
            int skillChains = frozen.seedIds().size() * perSeed;
            int skillFailed = (int) passages.stream()
                    .filter(p -> p.failed() && p.skill().equals(skill))
                    .count();
            int rounds = config.rounds() != null ? config.rounds() : flow.rounds();
            chains += skillChains;
            refinementPlanned += (skillChains - skillFailed) * config.perSeed() * rounds;
        }
        int instructionsPlanned = (chains - failedPassages) * config.perSeed();
        InstructionCounts c = instructions.counts(runId);
        List<FailureReason> reasons = failureReasons(runId, passages);
        ProgressCounter<Stage> counter = new ProgressCounter<Stage>(
                RunFigures.pricing(endpoints.prices()), Clock.fixed(row.get().updatedAt(), ZoneOffset.UTC));
        for (Stage s : Stage.values()) {
            counter.declare(s, 1);
        }
        counter.counted(
                Stage.TRANSFORMATION,
                chains,
                passages.size() - failedPassages,
                FailureReason.failed(reasons, Stage.TRANSFORMATION));
        counter.counted(
                Stage.GENERATION, instructionsPlanned, c.generated(), FailureReason.failed(reasons, Stage.GENERATION));
        counter.counted(
                Stage.REFINEMENT, refinementPlanned, c.roundsDone(), FailureReason.failed(reasons, Stage.REFINEMENT));
        counter.counted(Stage.ANSWER, instructionsPlanned, c.answered(), FailureReason.failed(reasons, Stage.ANSWER));
        LedgerFigures f = ledgerFigures(runId);
        counter.countEarlier(f.calls(), f.cacheHits(), f.tokensByModel());
        // every call is an earlier one: no rate, no time left
        counter.start(row.get().createdAt());
        RunStatus status = row.get().status();
        return Optional.of(RunFigures.runProgress(runId, status, counter.snapshot(RunFigures.jobState(status)), null));
    }

    /** The calls the ledger holds for a run, with the tokens per model that were paid for. */
    record LedgerFigures(int calls, int cacheHits, Map<String, long[]> tokensByModel) {}

    private LedgerFigures ledgerFigures(long runId) {
        int calls = 0;
        int hits = 0;
        Map<String, long[]> byModel = new LinkedHashMap<>();
        for (CallLedgerRepository.ModelTotals t : ledger.totalsByModel(runId)) {
            // sent counts the failed calls already
            calls += t.sent() + t.cacheHits() + t.dryRuns();
            hits += t.cacheHits();
            byModel.put(t.model(), new long[] {t.tokensIn(), t.tokensOut()});
        }
        return new LedgerFigures(calls, hits, byModel);
    }

    public List<RunSummary> list() {
        return runs.list().stream().map(RunService::summary).toList();
    }

    /** What the New run form offers: the flows (their skills and names), the seeds' tags, the endpoints' names. */
    public record FormChoices(List<Flow> flows, List<String> seedTags, List<String> endpointNames) {}

    /** The New run form's choices, read in one call so the form needs no other service. */
    public FormChoices formChoices() {
        return new FormChoices(
                flows.all(),
                seeds.allTags(),
                endpoints.list().stream().map(Endpoint::name).toList());
    }

    /** The names of the seeds asked for, by id; a seed that no longer exists is left out. */
    public Map<Long, String> seedNames(List<Long> ids) {
        Map<Long, String> out = new LinkedHashMap<>();
        for (long id : ids) {
            seeds.find(id).ifPresent(s -> out.put(id, s.name()));
        }
        return out;
    }

    public Optional<RunSummary> find(long runId) {
        return runs.find(runId).map(RunService::summary);
    }

    /** The failed passages of a run (the seed could not be transformed), with their reasons. */
    public List<Passage> failedPassages(long runId) {
        return runs.passages(runId).stream().filter(Passage::failed).toList();
    }

    /** Why a run's items failed: seeds that could not be transformed and failed instructions, by reason, most first. */
    public List<FailureReason> failureReasons(long runId) {
        return failureReasons(runId, runs.passages(runId));
    }

    /** The one count of what failed: progress sums these per stage. */
    private List<FailureReason> failureReasons(long runId, List<Passage> runPassages) {
        Map<Failure<Stage>, Integer> passages = new LinkedHashMap<>();
        for (Passage p : runPassages) {
            if (p.failed()) {
                passages.merge(p.failure(), 1, Integer::sum);
            }
        }
        List<FailureReason> out = new ArrayList<>();
        passages.forEach((f, n) -> out.add(new FailureReason(f, n)));
        out.addAll(instructions.failureReasons(runId));
        out.sort(Comparator.comparingInt(FailureReason::count).reversed());
        return out;
    }

    /** The seed a run's passage came from (gone when the curator deleted it since). */
    public Optional<Seed> seed(long seedId) {
        return seeds.find(seedId);
    }

    /** The full text of a seed a run used; empty when it was deleted since. */
    public Optional<String> seedText(long seedId) {
        return seeds.content(seedId);
    }

    /** The skill's name as its flow gives it; the id when the flow has none or is gone. */
    public String skillName(String skill) {
        return flows.find(skill).map(Flow::name).filter(n -> !n.isBlank()).orElse(skill);
    }

    public Optional<Passage> passage(long passageId) {
        return runs.passage(passageId);
    }

    private static RunSummary summary(RunRepository.RunRow r) {
        return new RunSummary(
                r.id(),
                r.status(),
                FrozenRun.config(r.config()),
                r.createdAt(),
                r.updatedAt(),
                r.instructions(),
                r.complete(),
                r.failed() + r.passagesFailed(),
                r.message());
    }

    private List<Long> resolveSeeds(SeedSelection selection) {
        return seedsOf(selection).stream().map(Seed::id).toList();
    }

    private List<Seed> seedsOf(SeedSelection selection) {
        return switch (selection.kind()) {
            case ALL -> seeds.list(SeedFilter.ALL);
            case UNUSED -> seeds.listUnused();
            case TAG -> seeds.list(new SeedFilter("", selection.tag()));
            case IDS -> {
                List<Seed> out = new ArrayList<>();
                for (long id : selection.ids()) {
                    out.add(seeds.find(id).orElseThrow(() -> new IllegalArgumentException("there is no seed " + id)));
                }
                yield out;
            }
        };
    }
}
