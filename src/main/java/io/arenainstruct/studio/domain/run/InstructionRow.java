package io.arenainstruct.studio.domain.run;

/** One line of the Instructions table: what it shows, without the long texts (the instruction is cut). */
public record InstructionRow(
        long id,
        long runId,
        String skill,
        String category,
        String subcategory,
        long seedId,
        String status,
        int roundsDone,
        boolean hasAnswer,
        String instructionStart) {}
