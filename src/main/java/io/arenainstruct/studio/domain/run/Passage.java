package io.arenainstruct.studio.domain.run;

/** A seed after one transformation agent: the text instructions are generated from. */
public record Passage(
        long id,
        long runId,
        String skill,
        long seedId,
        String agentId,
        int promptVersion,
        String text,
        boolean failed,
        String errorClass,
        String errorMessage,
        long callId,
        String endpoint,
        String model) {}
