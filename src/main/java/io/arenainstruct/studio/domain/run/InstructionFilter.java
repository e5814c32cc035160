package io.arenainstruct.studio.domain.run;

/**
 * Filters of the Instructions area and {@code instructions list}; null or blank means "any".
 *
 * @param status    pending, complete, failed, accepted or rejected
 * @param hasAnswer null: any; true: with a response; false: without
 * @param edited    null: any; true: with a hand edit of any of its texts; false: without
 */
public record InstructionFilter(
        Long runId, String skill, String category, String status, Boolean hasAnswer, Boolean edited) {
    public static final InstructionFilter ALL = new InstructionFilter(null, null, null, null, null, null);

    public InstructionFilter(Long runId, String skill, String category, String status, Boolean hasAnswer) {
        this(runId, skill, category, status, hasAnswer, null);
    }

    public static InstructionFilter ofRun(long runId) {
        return new InstructionFilter(runId, null, null, null, null, null);
    }

    public InstructionFilter withEdited(Boolean onlyEdited) {
        return new InstructionFilter(runId, skill, category, status, hasAnswer, onlyEdited);
    }
}
