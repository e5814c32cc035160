package io.arenainstruct.studio.domain.run;

import io.arenainstruct.studio.domain.provenance.AgentCall;
import io.arenainstruct.studio.domain.provenance.Failure;

/**
 * A seed after one transformation agent: the text instructions are generated from.
 *
 * @param transformer the transformation agent's call (with the endpoint and model when the call was made)
 * @param text        null when the transformation failed
 * @param failure     why it failed (at {@link Stage#TRANSFORMATION}); null when it did not
 */
public record Passage(
        long id, long runId, String skill, long seedId, AgentCall transformer, String text, Failure<Stage> failure) {

    /** A passage the transformer wrote, not yet stored. */
    public static Passage transformed(long runId, String skill, long seedId, AgentCall transformer, String text) {
        return new Passage(0, runId, skill, seedId, transformer, text, null);
    }

    /** A seed the transformer could not transform, not yet stored. */
    public static Passage failed(long runId, String skill, long seedId, AgentCall transformer, Failure<Stage> why) {
        return new Passage(0, runId, skill, seedId, transformer, null, why);
    }

    public boolean failed() {
        return failure != null;
    }

    /** The transformation agent's id. */
    public String agentId() {
        return transformer.agent();
    }

    public Passage withId(long newId) {
        return new Passage(newId, runId, skill, seedId, transformer, text, failure);
    }
}
