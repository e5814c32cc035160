package io.arenainstruct.studio.domain.run;

/**
 * Filters of the Instructions area and {@code instructions list}; null or blank means "any".
 *
 * @param status    pending, complete, failed, accepted or rejected
 * @param hasAnswer null: any; true: with a response; false: without
 */
public record InstructionFilter(Long runId, String skill, String category, String status, Boolean hasAnswer) {
    public static final InstructionFilter ALL = new InstructionFilter(null, null, null, null, null);

    public static InstructionFilter ofRun(long runId) {
        return new InstructionFilter(runId, null, null, null, null);
    }
}
