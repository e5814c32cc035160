package io.arenainstruct.studio.service.run;

import io.arenainstruct.studio.domain.flow.Agent;
import io.arenainstruct.studio.domain.llm.Endpoint;
import io.arenainstruct.studio.domain.provenance.AgentCall;
import io.arenainstruct.studio.domain.run.Passage;
import io.arenainstruct.studio.domain.run.Stage;
import io.arenainstruct.studio.service.job.JobStage;
import io.arenainstruct.studio.service.job.StepFailure;
import io.arenainstruct.studio.service.job.StepResult;

/** A seed through a transformation agent: the passage instructions are generated from. */
final class TransformationStage implements JobStage<ChainWork, Stage> {
    private final RunSteps steps;

    TransformationStage(RunSteps steps) {
        this.steps = steps;
    }

    @Override
    public Stage stage() {
        return Stage.TRANSFORMATION;
    }

    @Override
    public boolean holds(ChainWork chain, int unit) {
        return chain.passage != null && !chain.passage.failed();
    }

    @Override
    public void run(ChainWork chain, int unit) {
        if (chain.seed == null || chain.seedText == null) {
            throw StepFailure.failed("SEED_MISSING", "seed " + chain.seedId + " was deleted after the run started");
        }
        Agent agent = chain.transformer;
        Endpoint endpoint = steps.endpointFor(agent);
        StepResult step = steps.call(agent, chain.vars, 0, "transformation " + agent.id());
        chain.passage = steps.savePassage(
                Passage.transformed(steps.runId, chain.flow.skill(), chain.seedId, step.call(endpoint), step.text()));
    }

    @Override
    public void fail(ChainWork chain, int unit, StepFailure failure) {
        Agent agent = chain.transformer;
        Endpoint endpoint = chain.seed == null || chain.seedText == null ? null : steps.endpointFor(agent);
        AgentCall call = new AgentCall(
                agent.id(),
                agent.version(),
                failure.callId(),
                endpoint == null ? null : endpoint.name(),
                endpoint == null ? null : endpoint.model());
        chain.passage = steps.savePassage(
                Passage.failed(steps.runId, chain.flow.skill(), chain.seedId, call, failure.at(stage())));
    }
}
