package io.arenainstruct.studio.service.run;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingDeque;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.logging.Level;
import java.util.logging.Logger;

import com.fasterxml.jackson.databind.JsonNode;

import io.arenainstruct.studio.domain.Seed;
import io.arenainstruct.studio.domain.Taxonomy;
import io.arenainstruct.studio.domain.TaxonomyNode;
import io.arenainstruct.studio.domain.flow.Agent;
import io.arenainstruct.studio.domain.flow.AgentRole;
import io.arenainstruct.studio.domain.flow.Flow;
import io.arenainstruct.studio.domain.flow.Template;
import io.arenainstruct.studio.domain.llm.Endpoint;
import io.arenainstruct.studio.domain.llm.ErrorClass;
import io.arenainstruct.studio.domain.llm.Message;
import io.arenainstruct.studio.domain.llm.ModelCallException;
import io.arenainstruct.studio.domain.llm.ModelReply;
import io.arenainstruct.studio.domain.llm.ModelRequest;
import io.arenainstruct.studio.domain.run.Instruction;
import io.arenainstruct.studio.domain.run.InstructionStatus;
import io.arenainstruct.studio.domain.run.Passage;
import io.arenainstruct.studio.domain.run.Review;
import io.arenainstruct.studio.domain.run.Round;
import io.arenainstruct.studio.domain.run.RunConfig;
import io.arenainstruct.studio.domain.run.RunProgress;
import io.arenainstruct.studio.domain.run.RunStatus;
import io.arenainstruct.studio.domain.run.Stage;
import io.arenainstruct.studio.domain.run.StageProgress;
import io.arenainstruct.studio.service.llm.ModelGateway;
import io.arenainstruct.studio.store.EndpointRepository;
import io.arenainstruct.studio.store.InstructionRepository;
import io.arenainstruct.studio.store.RunRepository;
import io.arenainstruct.studio.store.SeedRepository;

/**
 * Executes (or resumes) one run. Every (skill, seed, transformation agent) chain and every instruction is a
 * task on a pool sized to the endpoints' limits, so the endpoints stay busy; the gateway's limiter keeps each
 * within its own. Each step's result is stored in its own transaction as soon as its call returns, and the
 * requests are rebuilt from stored state, so after a crash the same requests are made again and the call
 * ledger answers those it already holds.
 */
final class RunEngine implements RunHandle {
    private static final Logger LOG = Logger.getLogger(RunEngine.class.getName());

    private final long runId;
    private final RunConfig config;
    private final FrozenRun frozen;
    private final ModelGateway gateway;
    private final RunRepository runs;
    private final InstructionRepository instructions;
    private final SeedRepository seeds;
    private final Map<String, EndpointRepository.Price> prices;
    /** Only these instructions / passages (retry of single items); null: everything. */
    private final Set<Long> onlyInstructions;
    private final Set<Long> onlyPassages;

    private final Map<Stage, AtomicInteger> planned = new EnumMap<>(Stage.class);
    private final Map<Stage, AtomicInteger> done = new EnumMap<>(Stage.class);
    private final Map<Stage, AtomicInteger> failed = new EnumMap<>(Stage.class);
    private final AtomicInteger calls = new AtomicInteger();
    private final AtomicInteger cacheHits = new AtomicInteger();
    private final AtomicLong tokensIn = new AtomicLong();
    private final AtomicLong tokensOut = new AtomicLong();
    private final Map<String, long[]> tokensByModel = new HashMap<>();
    /** Calls earlier executions of this run made: counted in the figures, not in this execution's rate. */
    private volatile int earlierCalls;
    private final Object pauseLock = new Object();
    private volatile boolean paused;
    private volatile boolean cancelled;
    private volatile RunStatus status = RunStatus.RUNNING;
    private volatile Instant startedAt;
    private final List<Consumer<RunProgress>> listeners = new CopyOnWriteArrayList<>();
    private final List<Consumer<Instruction>> instructionListeners = new CopyOnWriteArrayList<>();

    // Work accounting: tasks queued or running; the run ends when it reaches 0.
    private final AtomicInteger outstanding = new AtomicInteger();
    private final Object idle = new Object();
    private ExecutorService pool;

    RunEngine(long runId, RunConfig config, FrozenRun frozen, ModelGateway gateway, RunRepository runs,
              InstructionRepository instructions, SeedRepository seeds, Map<String, EndpointRepository.Price> prices,
              Set<Long> onlyInstructions, Set<Long> onlyPassages) {
        this.runId = runId;
        this.config = config;
        this.frozen = frozen;
        this.gateway = gateway;
        this.runs = runs;
        this.instructions = instructions;
        this.seeds = seeds;
        this.prices = prices;
        this.onlyInstructions = onlyInstructions;
        this.onlyPassages = onlyPassages;
        for (Stage s : Stage.values()) {
            planned.put(s, new AtomicInteger());
            done.put(s, new AtomicInteger());
            failed.put(s, new AtomicInteger());
        }
    }

    /** Starts the figures from what earlier executions of this run left in the ledger (before {@link #run()}). */
    void countEarlier(int earlierCallCount, int earlierCacheHits, Map<String, long[]> earlierTokensByModel) {
        earlierCalls = earlierCallCount;
        calls.addAndGet(earlierCallCount);
        cacheHits.addAndGet(earlierCacheHits);
        synchronized (tokensByModel) {
            earlierTokensByModel.forEach((model, t) -> {
                long[] mine = tokensByModel.computeIfAbsent(model, k -> new long[2]);
                mine[0] += t[0];
                mine[1] += t[1];
                tokensIn.addAndGet(t[0]);
                tokensOut.addAndGet(t[1]);
            });
        }
    }

    @Override
    public long runId() {
        return runId;
    }

    @Override
    public void onProgress(Consumer<RunProgress> listener) {
        listeners.add(listener);
    }

    @Override
    public void onInstruction(Consumer<Instruction> listener) {
        instructionListeners.add(listener);
    }

    @Override
    public void pause() {
        if (status == RunStatus.RUNNING) {
            paused = true;
            status = RunStatus.PAUSED;
            runs.setStatus(runId, RunStatus.PAUSED, null);
            publish();
        }
    }

    @Override
    public void resume() {
        synchronized (pauseLock) {
            if (paused) {
                paused = false;
                status = RunStatus.RUNNING;
                runs.setStatus(runId, RunStatus.RUNNING, null);
                pauseLock.notifyAll();
            }
        }
        publish();
    }

    @Override
    public void cancel() {
        cancelled = true;
        synchronized (pauseLock) {
            pauseLock.notifyAll();
        }
    }

    @Override
    public boolean isPaused() {
        return paused;
    }

    /** Runs to the end (or until cancelled) on the calling thread's behalf; returns the final status. */
    @Override
    public RunStatus run() {
        startedAt = Instant.now();
        runs.setStatus(runId, RunStatus.RUNNING, null);
        int workers = workers();
        ThreadPoolExecutor executor = new ThreadPoolExecutor(workers, workers, 30, TimeUnit.SECONDS,
                new LinkedBlockingDeque<>(), new NamedThreads("arenainstruct-run-" + runId));
        pool = executor;
        String failure = null;
        try {
            Map<String, Passage> passages = new HashMap<>();
            for (Passage p : runs.passages(runId)) {
                passages.put(chainKey(p.skill(), p.seedId(), p.agentId()), p);
            }
            Map<String, Instruction> existing = new HashMap<>();
            for (Instruction i : instructions.ofRun(runId)) {
                existing.put(i.passageId() + "/" + i.slot(), i);
            }
            List<Runnable> chains = new ArrayList<>();
            for (String skill : config.skills()) {
                Flow flow = frozen.flow(skill).orElseThrow();
                Taxonomy taxonomy = frozen.taxonomy(skill);
                int rounds = config.rounds() != null ? config.rounds() : flow.rounds();
                for (long seedId : frozen.seedIds()) {
                    for (Agent t : RunPlanner.transformers(flow, config.randomSeed(), seedId)) {
                        Passage p = passages.get(chainKey(skill, seedId, t.id()));
                        if (!selected(p)) {
                            continue;
                        }
                        addPlanned(Stage.TRANSFORMATION, 1);
                        addPlanned(Stage.GENERATION, config.perSeed());
                        addPlanned(Stage.REFINEMENT, config.perSeed() * rounds);
                        addPlanned(Stage.ANSWER, config.perSeed());
                        chains.add(() -> chain(flow, taxonomy, rounds, seedId, t, p, existing));
                    }
                }
            }
            publish();
            for (Runnable chain : chains) {
                submit(chain);
            }
            awaitIdle();
        } catch (RuntimeException e) {
            failure = e.getMessage();
            LOG.log(Level.WARNING, "run " + runId + " stopped", e);
            cancelled = true;
            awaitIdle();
        } finally {
            executor.shutdownNow();
        }
        int failures = failed.values().stream().mapToInt(AtomicInteger::get).sum();
        if (failure != null) {
            status = RunStatus.INCOMPLETE;
        } else if (cancelled) {
            status = RunStatus.CANCELLED;
        } else {
            status = failures > 0 ? RunStatus.INCOMPLETE : RunStatus.COMPLETED;
        }
        String message = failure != null ? failure
                : failures > 0 ? failures + " item" + (failures == 1 ? "" : "s") + " failed; resume the run to retry them"
                : null;
        runs.setStatus(runId, status, message);
        publish();
        return status;
    }

    private boolean selected(Passage p) {
        if (onlyInstructions == null && onlyPassages == null) {
            return true;
        }
        if (p == null) {
            return false;
        }
        if (onlyPassages != null && onlyPassages.contains(p.id())) {
            return true;
        }
        return onlyInstructions != null && !p.failed();
    }

    private int workers() {
        // Enough callers to keep every endpoint the run uses at its limit, with some to spare for store writes.
        int capacity = frozen.endpoints().stream().mapToInt(FrozenRun.FrozenEndpoint::maxConcurrent).sum();
        return Math.max(2, Math.min(128, capacity * 2 + 2));
    }

    private void chain(Flow flow, Taxonomy taxonomy, int rounds, long seedId, Agent transformer, Passage known,
                       Map<String, Instruction> existing) {
        Passage passage = known;
        Seed seed = seeds.find(seedId).orElse(null);
        String seedText = seed == null ? null : seeds.content(seedId).orElse(null);
        if (passage == null || passage.failed()) {
            if (seed == null || seedText == null) {
                passage = runs.savePassage(new Passage(0, runId, flow.skill(), seedId, transformer.id(),
                        transformer.version(), null, true, "SEED_MISSING", "seed " + seedId
                        + " was deleted after the run started", 0, null, null));
            } else {
                Map<String, String> vars = baseVariables(flow, taxonomy, seed, seedText);
                passage = transform(flow, transformer, seedId, vars);
                if (passage == null) {
                    return;
                }
            }
        }
        if (passage.failed()) {
            count(failed, Stage.TRANSFORMATION);
            // Nothing downstream can happen for this chain.
            addPlanned(Stage.GENERATION, -config.perSeed());
            addPlanned(Stage.REFINEMENT, -config.perSeed() * rounds);
            addPlanned(Stage.ANSWER, -config.perSeed());
            return;
        }
        count(done, Stage.TRANSFORMATION);
        Map<String, String> vars = baseVariables(flow, taxonomy, seed, seedText);
        vars.put("passage", passage.text());
        for (int slot = 0; slot < config.perSeed(); slot++) {
            Instruction prior = existing.get(passage.id() + "/" + slot);
            if (onlyInstructions != null && (prior == null || !onlyInstructions.contains(prior.id()))
                    && (onlyPassages == null || !onlyPassages.contains(passage.id()))) {
                addPlanned(Stage.GENERATION, -1);
                addPlanned(Stage.REFINEMENT, -rounds);
                addPlanned(Stage.ANSWER, -1);
                continue;
            }
            Passage p = passage;
            int s = slot;
            submit(() -> instruction(flow, taxonomy, rounds, p, s, prior, new HashMap<>(vars)));
        }
    }

    private Passage transform(Flow flow, Agent agent, long seedId, Map<String, String> vars) {
        Endpoint endpoint = endpointFor(agent);
        try {
            Step step = call(agent, endpoint, vars, 0, "transformation " + agent.id());
            return runs.savePassage(new Passage(0, runId, flow.skill(), seedId, agent.id(), agent.version(), step.text,
                    false, null, null, step.callId, endpoint.name(), endpoint.model()));
        } catch (ModelCallException e) {
            if (e.errorClass() == ErrorClass.CANCELLED || cancelled) {
                return null; // not a failure: a resume transforms this seed
            }
            return runs.savePassage(new Passage(0, runId, flow.skill(), seedId, agent.id(), agent.version(), null, true,
                    e.errorClass().name(), e.getMessage(), e.callId(), endpoint.name(), endpoint.model()));
        }
    }

    private void instruction(Flow flow, Taxonomy taxonomy, int rounds, Passage passage, int slot, Instruction prior,
                             Map<String, String> vars) {
        Instruction inst = prior;
        if (inst == null) {
            RunPlanner.Choice choice = RunPlanner.choose(flow, taxonomy, config.randomSeed(), passage.seedId(),
                    passage.agentId(), slot);
            inst = instructions.save(new Instruction(0, runId, flow.skill(), passage.seedId(), passage.id(), slot,
                    choice.category().name(), choice.subcategory() == null ? null : choice.subcategory().name(),
                    choice.generator().id(), choice.generator().version(), 0, null, null, null, null, rounds, null, null,
                    null, null, 0, 0, InstructionStatus.PENDING, null, null, null, Review.NONE, null, null, null,
                    Instant.now(), List.of()));
        }
        if (inst.status() == InstructionStatus.COMPLETE) {
            count(done, Stage.GENERATION);
            addDone(Stage.REFINEMENT, inst.roundsPlanned());
            addPlanned(Stage.REFINEMENT, inst.roundsPlanned() - rounds);
            count(done, Stage.ANSWER);
            return;
        }
        if (inst.status() == InstructionStatus.FAILED) {
            // Tried again (resume or retry): it is pending until a step fails anew.
            inst = saveInstruction(copy(inst, b -> {
                b.status = InstructionStatus.PENDING;
                b.failedStage = null;
                b.errorClass = null;
                b.errorMessage = null;
            }));
        }
        putCategory(vars, taxonomy, inst.category(), inst.subcategory());
        Stage stage = Stage.GENERATION;
        try {
            if (inst.generated() == null) {
                Agent generator = flow.agent(inst.generatorAgent()).orElseGet(() -> flow.generators().get(0));
                Endpoint endpoint = endpointFor(generator);
                Step step = call(generator, endpoint, vars, slot, "generation " + generator.id());
                inst = saveInstruction(copy(inst, b -> {
                    b.generatorAgent = generator.id();
                    b.generatorVersion = generator.version();
                    b.generationCallId = step.callId;
                    b.endpoint = endpoint.name();
                    b.model = endpoint.model();
                    b.generated = step.text;
                    b.generatedInput = step.input;
                    b.instruction = step.text;
                    b.input = step.input;
                    b.status = InstructionStatus.PENDING;
                    b.failedStage = null;
                    b.errorClass = null;
                    b.errorMessage = null;
                }));
            }
            count(done, Stage.GENERATION);
            stage = Stage.REFINEMENT;
            List<Round> soFar = new ArrayList<>(inst.rounds());
            String current = inst.generated();
            String currentInput = inst.generatedInput();
            for (int r = 1; r <= inst.roundsPlanned(); r++) {
                int round = r;
                Round existing = soFar.stream().filter(x -> x.round() == round).findFirst().orElse(null);
                vars.put("instruction", current);
                vars.put("input", currentInput == null ? "" : currentInput);
                vars.put("round", String.valueOf(r));
                vars.put("rounds", String.valueOf(inst.roundsPlanned()));
                vars.put("goals", goals(flow));
                if (existing == null) {
                    Step s = call(flow.suggester(), endpointFor(flow.suggester()), vars, slot, "suggestion round " + r);
                    existing = new Round(r, s.text, null, null, flow.suggester().id(), flow.suggester().version(),
                            s.callId, null, 0, 0);
                    soFar.add(existing);
                    inst = saveInstruction(inst.withRounds(soFar));
                }
                if (existing.edited() == null) {
                    vars.put("suggestions", existing.suggestion());
                    Step e = call(flow.editor(), endpointFor(flow.editor()), vars, slot, "edit round " + r);
                    Round complete = new Round(r, existing.suggestion(), e.text,
                            e.input != null ? e.input : currentInput, existing.suggesterAgent(),
                            existing.suggesterVersion(), existing.suggesterCallId(), flow.editor().id(),
                            flow.editor().version(), e.callId);
                    soFar.set(soFar.indexOf(existing), complete);
                    String edited = e.text;
                    String editedInput = complete.editedInput();
                    inst = saveInstruction(copy(inst.withRounds(soFar), b -> {
                        b.instruction = edited;
                        b.input = editedInput;
                    }));
                    existing = complete;
                }
                current = existing.edited();
                currentInput = existing.editedInput();
                count(done, Stage.REFINEMENT);
            }
            stage = Stage.ANSWER;
            if (inst.response() == null) {
                vars.put("instruction", inst.instruction());
                vars.put("input", inst.input() == null ? "" : inst.input());
                Agent answerer = flow.answerer();
                Step a = call(answerer, endpointFor(answerer), vars, slot, "answer");
                inst = saveInstruction(copy(inst, b -> {
                    b.response = a.text;
                    b.answererAgent = answerer.id();
                    b.answererVersion = answerer.version();
                    b.answerCallId = a.callId;
                    b.status = InstructionStatus.COMPLETE;
                }));
            } else if (inst.status() != InstructionStatus.COMPLETE) {
                inst = saveInstruction(copy(inst, b -> b.status = InstructionStatus.COMPLETE));
            }
            count(done, Stage.ANSWER);
        } catch (ModelCallException e) {
            if (e.errorClass() == ErrorClass.CANCELLED || cancelled) {
                return; // stays pending; a resume continues here
            }
            Stage failedAt = stage;
            inst = saveInstruction(copy(inst, b -> {
                b.status = InstructionStatus.FAILED;
                b.failedStage = failedAt;
                b.errorClass = e.errorClass().name();
                b.errorMessage = e.getMessage();
            }));
            count(failed, failedAt);
            // What this instruction can no longer do is no longer planned.
            if (failedAt == Stage.GENERATION) {
                addPlanned(Stage.REFINEMENT, -inst.roundsPlanned());
                addPlanned(Stage.ANSWER, -1);
            } else if (failedAt == Stage.REFINEMENT) {
                addPlanned(Stage.REFINEMENT, -(inst.roundsPlanned() - inst.roundsDone() - 1));
                addPlanned(Stage.ANSWER, -1);
            }
        }
    }

    private Instruction saveInstruction(Instruction i) {
        Instruction saved = instructions.save(i);
        instructionListeners.forEach(l -> l.accept(saved));
        return saved;
    }

    /** One finished model step: the role's output field, the optional input, the ledger call. */
    private record Step(String text, String input, long callId) {
    }

    private Step call(Agent agent, Endpoint endpoint, Map<String, String> vars, int slot, String step) {
        awaitNotPaused();
        if (cancelled) {
            throw new ModelCallException(ErrorClass.CANCELLED, "the run was cancelled", 0, 0, null);
        }
        int salt = config.freshSamples() ? (int) (runId % 100_000) : 0;
        ModelRequest request = request(agent, vars, salt * 1_000 + slot).withProvenance(runId, step);
        ModelReply reply = send(endpoint, request);
        if (reply.dryRun()) {
            return new Step(reply.text(), null, reply.callId());
        }
        try {
            return step(agent, reply);
        } catch (ModelCallException unusable) {
            if (!reply.fromCache()) {
                throw unusable;
            }
            // The ledger's answer passed the schema but cannot be used (a blank field): ask the model again
            // rather than failing this step the same way on every resume.
            return step(agent, send(endpoint, request.asFresh()));
        }
    }

    private ModelReply send(Endpoint endpoint, ModelRequest request) {
        ModelReply reply;
        try {
            reply = gateway.call(endpoint, request, () -> cancelled);
        } catch (ModelCallException failed) {
            if (failed.callId() != 0) {
                // a failed call is in the ledger too: count it, as the figures read from the store do
                calls.incrementAndGet();
                publishThrottled();
            }
            throw failed;
        }
        calls.incrementAndGet();
        if (reply.fromCache()) {
            // the ledger answered: nothing was paid, as the ledger's own figures say
            cacheHits.incrementAndGet();
            publishThrottled();
            return reply;
        }
        tokensIn.addAndGet(reply.tokensIn());
        tokensOut.addAndGet(reply.tokensOut());
        synchronized (tokensByModel) {
            long[] t = tokensByModel.computeIfAbsent(endpoint.model(), k -> new long[2]);
            t[0] += reply.tokensIn();
            t[1] += reply.tokensOut();
        }
        publishThrottled();
        return reply;
    }

    /** The role's text (and a generator's or editor's input) from a reply; a reply without it fails the step. */
    private static Step step(Agent agent, ModelReply reply) {
        try {
            JsonNode json = FrozenRun.JSON.readTree(reply.text());
            String text = json.path(agent.role().outputField()).asText(null);
            if (text == null || text.isBlank()) {
                throw new ModelCallException(ErrorClass.SCHEMA_MISMATCH, "the reply has no \""
                        + agent.role().outputField() + "\"", reply.callId(), reply.attempts(), null);
            }
            JsonNode input = json.get("input");
            boolean takesInput = agent.role() == AgentRole.GENERATOR || agent.role() == AgentRole.EDITOR;
            return new Step(text, takesInput && input != null && input.isTextual() && !input.asText().isBlank()
                    ? input.asText() : null, reply.callId());
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new ModelCallException(ErrorClass.MALFORMED_REPLY, e.getOriginalMessage(), reply.callId(),
                    reply.attempts(), e);
        }
    }

    private Endpoint endpointFor(Agent agent) {
        String name = agent.endpoint() != null ? agent.endpoint() : config.endpointFor(agent.role());
        return frozen.endpoint(name).orElseThrow(() -> new IllegalStateException("endpoint " + name
                + " is not part of this run"));
    }

    private void awaitNotPaused() {
        synchronized (pauseLock) {
            while (paused && !cancelled) {
                try {
                    pauseLock.wait();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    cancelled = true;
                }
            }
        }
    }

    /** An agent's request with these variables: what the ledger's answer is keyed by (estimates rebuild it too). */
    static ModelRequest request(Agent agent, Map<String, String> vars, int sample) {
        return ModelRequest.of(List.of(Message.system(Template.render(agent.prompt().system(), vars)),
                        Message.user(Template.render(agent.prompt().user(), vars))))
                .withSchema(agent.jsonSchema())
                .withSettings(agent.temperature(), agent.maxTokens(), null)
                .withSample(sample);
    }

    static Map<String, String> baseVariables(Flow flow, Taxonomy taxonomy, Seed seed, String seedText) {
        Map<String, String> vars = new HashMap<>();
        vars.put("skill", flow.skill());
        vars.put("skill_name", taxonomy.name());
        vars.put("skill_description", taxonomy.description());
        if (seed != null) {
            vars.put("seed", seedText);
            vars.put("seed_name", seed.name());
            vars.put("seed_kind", seed.kind().name().toLowerCase(Locale.ROOT));
            vars.put("seed_language", seed.language() == null ? "" : seed.language());
        }
        return vars;
    }

    static void putCategory(Map<String, String> vars, Taxonomy taxonomy, String category, String subcategory) {
        TaxonomyNode c = taxonomy.categories().stream().filter(n -> n.name().equals(category)).findFirst().orElse(null);
        TaxonomyNode s = c == null || subcategory == null ? null
                : c.children().stream().filter(n -> n.name().equals(subcategory)).findFirst().orElse(null);
        vars.put("category", category);
        vars.put("category_description", c == null ? "" : c.description());
        vars.put("subcategory", subcategory == null ? "" : subcategory);
        vars.put("subcategory_description", s == null ? "" : s.description());
        vars.put("instruction_type", subcategory != null ? subcategory : category);
        vars.put("instruction_type_description", s != null ? s.description() : c == null ? "" : c.description());
    }

    static String goals(Flow flow) {
        StringBuilder out = new StringBuilder();
        for (String g : flow.goals()) {
            out.append("- ").append(g).append('\n');
        }
        return out.toString().strip();
    }

    private static String chainKey(String skill, long seedId, String agentId) {
        return skill + "/" + seedId + "/" + agentId;
    }

    // ---- task accounting ----

    private void submit(Runnable task) {
        outstanding.incrementAndGet();
        try {
            pool.execute(() -> {
                try {
                    if (!cancelled) {
                        task.run();
                    }
                } catch (RuntimeException e) {
                    LOG.log(Level.WARNING, "a step of run " + runId + " failed unexpectedly", e);
                } finally {
                    if (outstanding.decrementAndGet() == 0) {
                        synchronized (idle) {
                            idle.notifyAll();
                        }
                    }
                }
            });
        } catch (RejectedExecutionException e) {
            outstanding.decrementAndGet();
        }
    }

    private void awaitIdle() {
        synchronized (idle) {
            while (outstanding.get() > 0) {
                try {
                    idle.wait(250);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    cancel();
                }
            }
        }
    }

    // ---- progress ----

    private void addPlanned(Stage s, int n) {
        planned.get(s).addAndGet(n);
    }

    private void addDone(Stage s, int n) {
        done.get(s).addAndGet(n);
    }

    private void count(Map<Stage, AtomicInteger> counter, Stage s) {
        counter.get(s).incrementAndGet();
        publishThrottled();
    }

    private final AtomicLong lastPublish = new AtomicLong();

    private void publishThrottled() {
        long now = System.nanoTime();
        long last = lastPublish.get();
        if (now - last > 100_000_000L && lastPublish.compareAndSet(last, now)) {
            publish();
        }
    }

    private void publish() {
        if (listeners.isEmpty()) {
            return;
        }
        RunProgress p = progress();
        listeners.forEach(l -> l.accept(p));
    }

    @Override
    public RunProgress progress() {
        List<StageProgress> stages = new ArrayList<>();
        int remainingCalls = 0;
        for (Stage s : Stage.values()) {
            StageProgress sp = new StageProgress(s, planned.get(s).get(), done.get(s).get(), failed.get(s).get());
            stages.add(sp);
            remainingCalls += sp.remaining() * (s == Stage.REFINEMENT ? 2 : 1);
        }
        Duration elapsed = startedAt == null ? Duration.ZERO : Duration.between(startedAt, Instant.now());
        double seconds = elapsed.toMillis() / 1000.0;
        double rate = seconds > 0.5 ? (calls.get() - earlierCalls) / seconds : 0;
        Duration eta = rate > 0 && status == RunStatus.RUNNING ? Duration.ofSeconds((long) Math.ceil(remainingCalls / rate))
                : null;
        return new RunProgress(runId, status, stages, calls.get(), cacheHits.get(), tokensIn.get(), tokensOut.get(),
                cost(), elapsed, rate, eta, status == RunStatus.RUNNING ? throttle() : null);
    }

    /** The run's endpoints that the gateway holds below their limit after 429s, in words; null when none. */
    private String throttle() {
        Map<String, Integer> throttled = gateway.throttled();
        if (throttled.isEmpty()) {
            return null;
        }
        List<String> parts = new ArrayList<>();
        for (FrozenRun.FrozenEndpoint e : frozen.endpoints()) {
            Integer level = throttled.get(e.name());
            if (level != null) {
                parts.add(e.name() + " throttled to " + level + " in flight (server answered 429)");
            }
        }
        return parts.isEmpty() ? null : String.join("; ", parts);
    }

    private BigDecimal cost() {
        BigDecimal total = null;
        synchronized (tokensByModel) {
            for (Map.Entry<String, long[]> e : tokensByModel.entrySet()) {
                EndpointRepository.Price price = prices.get(e.getKey());
                if (price == null) {
                    continue;
                }
                BigDecimal c = price.inputPerMillion().multiply(BigDecimal.valueOf(e.getValue()[0]))
                        .add(price.outputPerMillion().multiply(BigDecimal.valueOf(e.getValue()[1])))
                        .divide(BigDecimal.valueOf(1_000_000), 6, RoundingMode.HALF_UP);
                total = total == null ? c : total.add(c);
            }
        }
        return total;
    }

    // ---- instruction copies ----

    /** A mutable copy of an instruction's model-side fields, for the few changes a step makes. */
    private static final class Builder {
        String generatorAgent;
        int generatorVersion;
        long generationCallId;
        String endpoint;
        String model;
        String generated;
        String generatedInput;
        String instruction;
        String input;
        String response;
        String answererAgent;
        int answererVersion;
        long answerCallId;
        InstructionStatus status;
        Stage failedStage;
        String errorClass;
        String errorMessage;
    }

    private static Instruction copy(Instruction i, Consumer<Builder> change) {
        Builder b = new Builder();
        b.generatorAgent = i.generatorAgent();
        b.generatorVersion = i.generatorVersion();
        b.generationCallId = i.generationCallId();
        b.endpoint = i.endpoint();
        b.model = i.model();
        b.generated = i.generated();
        b.generatedInput = i.generatedInput();
        b.instruction = i.instruction();
        b.input = i.input();
        b.response = i.response();
        b.answererAgent = i.answererAgent();
        b.answererVersion = i.answererVersion();
        b.answerCallId = i.answerCallId();
        b.status = i.status();
        b.failedStage = i.failedStage();
        b.errorClass = i.errorClass();
        b.errorMessage = i.errorMessage();
        change.accept(b);
        return new Instruction(i.id(), i.runId(), i.skill(), i.seedId(), i.passageId(), i.slot(), i.category(),
                i.subcategory(), b.generatorAgent, b.generatorVersion, b.generationCallId, b.endpoint, b.model,
                b.generated, b.generatedInput, i.roundsPlanned(), b.instruction, b.input, b.response, b.answererAgent,
                b.answererVersion, b.answerCallId, b.status, b.failedStage, b.errorClass, b.errorMessage, i.review(),
                i.acceptedRound(), i.reviewedBy(), i.reviewedAt(), i.createdAt(), i.rounds());
    }

    /** Daemon worker threads named after the run, as the rest of the app names its threads. */
    private static final class NamedThreads implements ThreadFactory {
        private final String prefix;
        private final AtomicInteger n = new AtomicInteger();

        NamedThreads(String prefix) {
            this.prefix = prefix;
        }

        @Override
        public Thread newThread(Runnable r) {
            Thread t = new Thread(r, prefix + "-worker-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        }
    }
}
