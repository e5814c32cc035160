package io.arenainstruct.studio.service.run;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

import io.arenainstruct.studio.domain.flow.Agent;
import io.arenainstruct.studio.domain.llm.Endpoint;
import io.arenainstruct.studio.domain.run.Instruction;
import io.arenainstruct.studio.domain.run.RunConfig;
import io.arenainstruct.studio.service.job.AgentStep;
import io.arenainstruct.studio.service.job.StepResult;
import io.arenainstruct.studio.store.InstructionRepository;
import io.arenainstruct.studio.store.RunRepository;

/** What the stages of one run share: its settings, the store, and the agent step its calls go through. */
final class RunSteps {
    final long runId;
    final RunConfig config;
    final FrozenRun frozen;
    final RunRepository runs;
    final InstructionRepository instructions;
    private final AgentStep agents;
    private final List<Consumer<Instruction>> instructionListeners = new CopyOnWriteArrayList<>();

    RunSteps(
            long runId,
            RunConfig config,
            FrozenRun frozen,
            RunRepository runs,
            InstructionRepository instructions,
            AgentStep agents) {
        this.runId = runId;
        this.config = config;
        this.frozen = frozen;
        this.runs = runs;
        this.instructions = instructions;
        this.agents = agents;
    }

    void onInstruction(Consumer<Instruction> listener) {
        instructionListeners.add(listener);
    }

    /** Calls an agent for an instruction slot; fresh samples differ per run, the others are shared via the ledger. */
    StepResult call(Agent agent, Map<String, String> vars, int slot, String stepName) {
        int salt = config.freshSamples() ? (int) (runId % 100_000) : 0;
        return agents.call(agent, endpointFor(agent), vars, salt * 1_000 + slot, stepName);
    }

    Endpoint endpointFor(Agent agent) {
        String name = agent.endpoint() != null ? agent.endpoint() : config.endpointFor(agent.role());
        return frozen.endpoint(name)
                .orElseThrow(() -> new IllegalStateException("endpoint " + name + " is not part of this run"));
    }

    /** Stores an instruction and tells the listeners. */
    Instruction save(Instruction i) {
        Instruction saved = instructions.save(i);
        instructionListeners.forEach(l -> l.accept(saved));
        return saved;
    }
}
