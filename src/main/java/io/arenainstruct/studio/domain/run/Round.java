package io.arenainstruct.studio.domain.run;

/**
 * One suggester–editor step of an instruction. {@code edited} is null while the editor has not answered yet.
 * Round 0 is not stored here: it is the generated instruction.
 */
public record Round(
        int round,
        String suggestion,
        String edited,
        String editedInput,
        String suggesterAgent,
        int suggesterVersion,
        long suggesterCallId,
        String editorAgent,
        int editorVersion,
        long editorCallId) {}
