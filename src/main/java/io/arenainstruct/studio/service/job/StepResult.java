package io.arenainstruct.studio.service.job;

/**
 * One finished agent step.
 *
 * @param text          the role's output field
 * @param input         the input a generator or editor wrote along with its text; null when none
 * @param callId        the ledger call that answered
 * @param agentId       the agent that answered
 * @param promptVersion the version of the agent's prompt the request was rendered from
 */
public record StepResult(String text, String input, long callId, String agentId, int promptVersion) {}
