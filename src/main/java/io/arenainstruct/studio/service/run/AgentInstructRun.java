package io.arenainstruct.studio.service.run;

import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.logging.Logger;

import io.arenainstruct.studio.domain.Seed;
import io.arenainstruct.studio.domain.Taxonomy;
import io.arenainstruct.studio.domain.flow.Agent;
import io.arenainstruct.studio.domain.flow.Flow;
import io.arenainstruct.studio.domain.llm.ModelPrice;
import io.arenainstruct.studio.domain.provenance.AgentCall;
import io.arenainstruct.studio.domain.run.Instruction;
import io.arenainstruct.studio.domain.run.InstructionStatus;
import io.arenainstruct.studio.domain.run.Passage;
import io.arenainstruct.studio.domain.run.RunConfig;
import io.arenainstruct.studio.domain.run.RunProgress;
import io.arenainstruct.studio.domain.run.RunStatus;
import io.arenainstruct.studio.domain.run.Stage;
import io.arenainstruct.studio.service.job.AgentStep;
import io.arenainstruct.studio.service.job.JobOutcome;
import io.arenainstruct.studio.service.job.JobProgress;
import io.arenainstruct.studio.service.job.JobRunner;
import io.arenainstruct.studio.service.job.JobRunner.ItemOutcome;
import io.arenainstruct.studio.service.job.JobStage;
import io.arenainstruct.studio.service.job.ProgressCounter;
import io.arenainstruct.studio.service.llm.ModelGateway;
import io.arenainstruct.studio.store.InstructionRepository;
import io.arenainstruct.studio.store.RunRepository;
import io.arenainstruct.studio.store.SeedRepository;

/**
 * The AgentInstruct flow as a job: each (skill, seed, transformation agent) chain goes through the transformation
 * stage, then each of its instruction slots through generation, refinement rounds and answer, as tasks on the
 * {@link JobRunner}. What a stage does is its own class; this class only declares them and plans the run from
 * what the store holds, so a resume (after a cancel or a kill) continues from there and the call ledger answers
 * the requests it already holds.
 */
final class AgentInstructRun implements RunHandle {
    private static final Logger LOG = Logger.getLogger(AgentInstructRun.class.getName());
    /** What the figures say while the store's server is away (a restart): the run continues when it is back. */
    static final String WAITING_FOR_STORE = "waiting for the store: its server does not answer; reconnecting";

    private final long runId;
    private final RunConfig config;
    private final FrozenRun frozen;
    private final ModelGateway gateway;
    private final RunRepository runs;
    private final InstructionRepository instructions;
    private final SeedRepository seeds;
    /** Only these instructions / passages (retry of single items); null: everything. */
    private final Set<Long> onlyInstructions;

    private final Set<Long> onlyPassages;

    private final JobRunner<Stage> runner;
    private final RunSteps steps;
    private final List<JobStage<ChainWork, Stage>> chainStages;
    private final List<JobStage<InstructionWork, Stage>> instructionStages;

    AgentInstructRun(
            long runId,
            RunConfig config,
            FrozenRun frozen,
            ModelGateway gateway,
            RunRepository runs,
            InstructionRepository instructions,
            SeedRepository seeds,
            Map<String, ModelPrice> prices,
            Set<Long> onlyInstructions,
            Set<Long> onlyPassages) {
        this.runId = runId;
        this.config = config;
        this.frozen = frozen;
        this.gateway = gateway;
        this.runs = runs;
        this.instructions = instructions;
        this.seeds = seeds;
        this.onlyInstructions = onlyInstructions;
        this.onlyPassages = onlyPassages;
        int capacity = frozen.endpoints().stream()
                .mapToInt(FrozenRun.FrozenEndpoint::maxConcurrent)
                .sum();
        ProgressCounter<Stage> counter = new ProgressCounter<>(RunFigures.pricing(prices), Clock.systemUTC());
        this.runner = new JobRunner<>(
                "arenainstruct-run-" + runId, JobRunner.workersFor(capacity), counter, Clock.systemUTC());
        this.steps =
                new RunSteps(runId, config, frozen, runs, instructions, new AgentStep(gateway::call, runner, runId));
        // The run's stages, in order: a new stage is one class and one line here.
        this.chainStages = List.of(new TransformationStage(steps));
        this.instructionStages =
                List.of(new GenerationStage(steps), new RefinementRoundStage(steps), new AnswerStage(steps));
        counter.declare(chainStages).declare(instructionStages);
        runner.onPauseOrResume(state -> runs.setStatus(runId, RunFigures.status(state), null));
    }

    /** Starts the figures from what earlier executions of this run left in the ledger (before {@link #run()}). */
    void countEarlier(int earlierCallCount, int earlierCacheHits, Map<String, long[]> earlierTokensByModel) {
        runner.counter().countEarlier(earlierCallCount, earlierCacheHits, earlierTokensByModel);
    }

    @Override
    public long runId() {
        return runId;
    }

    @Override
    public void onProgress(Consumer<RunProgress> listener) {
        runner.onProgress(p -> listener.accept(runProgress(p)));
    }

    @Override
    public void onInstruction(Consumer<Instruction> listener) {
        steps.onInstruction(listener);
    }

    @Override
    public void onPassage(Consumer<Passage> listener) {
        steps.onPassage(listener);
    }

    @Override
    public void pause() {
        runner.pause();
    }

    @Override
    public void resume() {
        runner.resume();
    }

    @Override
    public void cancel() {
        runner.cancel();
    }

    @Override
    public boolean isPaused() {
        return runner.isPaused();
    }

    @Override
    public RunProgress progress() {
        return runProgress(runner.progress());
    }

    /** Runs to the end (or until cancelled) on the calling thread's behalf; returns the final status. */
    @Override
    public RunStatus run() {
        runs.setStatus(runId, RunStatus.RUNNING, null);
        JobOutcome outcome;
        // While a team store's server is away the steps wait in their writes; the figures say why nothing moves.
        Runnable unsubscribe = runs.onWaitingForStore(w -> runner.publish());
        // Taken for dead (no heartbeat for longer than the stale time) and taken over elsewhere: stop here.
        Runnable unwatch = runs.watchOwnership(runId, owner -> {
            LOG.warning("run " + runId + " was taken over by " + owner + "; it stops here");
            runner.cancel();
        });
        try {
            outcome = runner.run(this::start);
        } finally {
            unwatch.run();
            unsubscribe.run();
        }
        String message = outcome.error() != null
                ? outcome.error()
                : outcome.failed() > 0
                        ? outcome.failed() + " item" + (outcome.failed() == 1 ? "" : "s")
                                + " failed; resume the run to retry them"
                        : null;
        RunStatus status = RunFigures.status(outcome.state());
        runs.setStatus(runId, status, message);
        runner.publish();
        return status;
    }

    /** Plans every chain from what the store holds and queues them. */
    private void start() {
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
                    runner.plan(chainStages, null, 1);
                    runner.plan(instructionStages, InstructionWork.planned(rounds), config.perSeed());
                    chains.add(() -> chain(flow, taxonomy, rounds, seedId, t, p, existing));
                }
            }
        }
        runner.publish();
        chains.forEach(runner::submit);
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

    private void chain(
            Flow flow,
            Taxonomy taxonomy,
            int rounds,
            long seedId,
            Agent transformer,
            Passage known,
            Map<String, Instruction> existing) {
        Seed seed = seeds.find(seedId).orElse(null);
        String seedText = seed == null ? null : seeds.content(seedId).orElse(null);
        ChainWork chain = new ChainWork(flow, taxonomy, rounds, seedId, transformer, seed, seedText, known);
        ItemOutcome outcome = runner.process(chain, chainStages);
        InstructionWork planned = InstructionWork.planned(rounds);
        if (outcome == ItemOutcome.FAILED) {
            // Nothing downstream can happen for this chain.
            runner.plan(instructionStages, planned, -config.perSeed());
        }
        if (outcome != ItemOutcome.DONE) {
            return;
        }
        Passage passage = chain.passage;
        for (int slot = 0; slot < config.perSeed(); slot++) {
            Instruction prior = existing.get(passage.id() + "/" + slot);
            if (onlyInstructions != null
                    && (prior == null || !onlyInstructions.contains(prior.id()))
                    && (onlyPassages == null || !onlyPassages.contains(passage.id()))) {
                runner.plan(instructionStages, planned, -1);
                continue;
            }
            Map<String, String> vars = new HashMap<>(chain.vars);
            vars.put("passage", passage.text());
            int s = slot;
            runner.submit(() -> instruction(flow, taxonomy, rounds, passage, s, prior, vars));
        }
    }

    private void instruction(
            Flow flow,
            Taxonomy taxonomy,
            int rounds,
            Passage passage,
            int slot,
            Instruction prior,
            Map<String, String> vars) {
        Instruction inst = prior;
        if (inst == null) {
            RunPlanner.Choice choice =
                    RunPlanner.choose(flow, taxonomy, config.randomSeed(), passage.seedId(), passage.agentId(), slot);
            inst = steps.save(Instruction.planned(
                    runId,
                    flow.skill(),
                    passage.seedId(),
                    passage.id(),
                    slot,
                    choice.category().name(),
                    choice.subcategory() == null ? null : choice.subcategory().name(),
                    AgentCall.chosen(choice.generator().id(), choice.generator().version()),
                    rounds));
        } else if (inst.status() == InstructionStatus.FAILED) {
            // Tried again (resume or retry): it is pending until a step fails anew.
            inst = steps.save(inst.pending());
        }
        InstructionWork work = new InstructionWork(flow, taxonomy, passage, slot, rounds, vars, inst);
        // A stored instruction keeps the rounds it was planned with.
        runner.plan(instructionStages, work, 1);
        runner.plan(instructionStages, InstructionWork.planned(rounds), -1);
        RunVariables.putCategory(vars, taxonomy, inst.category(), inst.subcategory());
        runner.process(work, instructionStages);
    }

    private static String chainKey(String skill, long seedId, String agentId) {
        return skill + "/" + seedId + "/" + agentId;
    }

    private RunProgress runProgress(JobProgress<Stage> p) {
        RunStatus status = RunFigures.status(p.state());
        return RunFigures.runProgress(
                runId,
                status,
                p,
                status != RunStatus.RUNNING
                        ? null
                        : runs.waitingForStore() ? WAITING_FOR_STORE : RunFigures.throttle(gateway, frozen));
    }
}
