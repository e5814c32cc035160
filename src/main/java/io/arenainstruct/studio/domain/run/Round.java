package io.arenainstruct.studio.domain.run;

import io.arenainstruct.studio.domain.provenance.AgentCall;

/**
 * One suggester–editor step of an instruction. {@code edited} is null while the editor has not answered yet.
 * Round 0 is not stored here: it is the generated instruction.
 *
 * @param editor {@link AgentCall#NONE} while the editor has not answered
 */
public record Round(
        int round, String suggestion, String edited, String editedInput, AgentCall suggester, AgentCall editor) {
    public Round {
        editor = editor == null ? AgentCall.NONE : editor;
    }

    /** A round whose suggester answered and whose editor has not yet. */
    public static Round suggested(int round, String suggestion, AgentCall suggester) {
        return new Round(round, suggestion, null, null, suggester, AgentCall.NONE);
    }

    /** This round with the editor's rewrite. */
    public Round editedBy(AgentCall by, String text, String input) {
        return new Round(round, suggestion, text, input, suggester, by);
    }
}
