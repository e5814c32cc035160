package io.arenainstruct.studio.domain.provenance;

/**
 * One model call made for a named agent: which agent, from which version of its prompt, and the call-ledger
 * entry that answered. Where the store records it, also the endpoint and model the call went to (null when not
 * recorded). Generation, refinement, answers and, next, the arena's answers and judgements all name their calls
 * this way.
 *
 * @param agent         the agent's id; null only in {@link #NONE}
 * @param promptVersion the version of the agent's prompt the request was rendered from; 0 when not known
 * @param callId        the call-ledger entry; 0 while no call answered (the agent is chosen but not yet called)
 */
public record AgentCall(String agent, int promptVersion, long callId, String endpoint, String model) {
    /** No agent and no call yet (e.g. an instruction nobody answered). */
    public static final AgentCall NONE = new AgentCall(null, 0, 0, null, null);

    /** A call whose endpoint and model are not recorded with it. */
    public static AgentCall of(String agent, int promptVersion, long callId) {
        return new AgentCall(agent, promptVersion, callId, null, null);
    }

    /** An agent chosen for a step it has not made yet: no call. */
    public static AgentCall chosen(String agent, int promptVersion) {
        return of(agent, promptVersion, 0);
    }

    /** Whether a ledger call answered. */
    public boolean called() {
        return callId != 0;
    }

    /** For a curator: the agent and prompt version, and the ledger call when one answered ("editor v2 (call #7)"). */
    public String label() {
        return agent + " v" + promptVersion + (called() ? " (call #" + callId + ")" : "");
    }

    /** Whether an agent is named (chosen or called). */
    public boolean present() {
        return agent != null;
    }
}
