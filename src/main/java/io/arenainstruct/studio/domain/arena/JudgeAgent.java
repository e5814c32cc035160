package io.arenainstruct.studio.domain.arena;

import java.util.Objects;

import io.arenainstruct.studio.domain.flow.Prompt;

/**
 * A judge: an agent whose prompt compares two answers. Its prompt is data (shipped in {@code arena/judges.yaml},
 * versioned in the store under {@link #key()}), edited and tried like any agent's.
 *
 * @param style        how it gives its verdict
 * @param useReference whether it is shown the instruction's reference answer when there is one
 * @param structured   whether requests carry a JSON schema for the verdict (null: auto)
 * @param temperature  null: the endpoint's default
 * @param maxTokens    null: the endpoint's default
 * @param version      the prompt version {@code prompt} is
 */
public record JudgeAgent(
        String id,
        String name,
        String description,
        JudgeStyle style,
        boolean useReference,
        StructuredOutput structured,
        Double temperature,
        Integer maxTokens,
        Prompt prompt,
        int version) {
    /** Judges' prompts are stored under this "skill". */
    public static final String GROUP = "arena";

    public JudgeAgent {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(style, "style");
        Objects.requireNonNull(prompt, "prompt");
        name = name == null || name.isBlank() ? id : name;
        description = description == null ? "" : description;
        structured = structured == null ? StructuredOutput.AUTO : structured;
    }

    /** The agent's key in the store, e.g. {@code arena/graded}. */
    public String key() {
        return GROUP + "/" + id;
    }

    public JudgeAgent withPrompt(Prompt newPrompt, int newVersion) {
        return new JudgeAgent(
                id, name, description, style, useReference, structured, temperature, maxTokens, newPrompt, newVersion);
    }
}
