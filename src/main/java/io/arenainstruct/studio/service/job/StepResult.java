package io.arenainstruct.studio.service.job;

import io.arenainstruct.studio.domain.llm.Endpoint;
import io.arenainstruct.studio.domain.provenance.AgentCall;

/**
 * One finished agent step.
 *
 * @param text          the role's output field
 * @param input         the input a generator or editor wrote along with its text; null when none
 * @param callId        the ledger call that answered
 * @param agentId       the agent that answered
 * @param promptVersion the version of the agent's prompt the request was rendered from
 */
public record StepResult(String text, String input, long callId, String agentId, int promptVersion) {
    /** The call as the item records it, without the endpoint and model. */
    public AgentCall call() {
        return AgentCall.of(agentId, promptVersion, callId);
    }

    /** The call as the item records it, with the endpoint it went to and its model. */
    public AgentCall call(Endpoint endpoint) {
        return new AgentCall(agentId, promptVersion, callId, endpoint.name(), endpoint.model());
    }
}
