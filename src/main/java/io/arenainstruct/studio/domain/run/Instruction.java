package io.arenainstruct.studio.domain.run;

import java.time.Instant;
import java.util.List;

/**
 * A generated task with its provenance: the seed and passage it came from, the taxonomy category, the agents
 * and prompt versions, the endpoint and model, the ledger calls, the run; its refinement rounds; the answer.
 *
 * @param generated      round 0: the instruction as the generator wrote it
 * @param instruction    the model's latest instruction (the last edited round, or round 0)
 * @param roundsPlanned  rounds the run asked for
 * @param acceptedRound  the round the curator accepted as final (0 = as generated), or null
 */
public record Instruction(
        long id,
        long runId,
        String skill,
        long seedId,
        long passageId,
        int slot,
        String category,
        String subcategory,
        String generatorAgent,
        int generatorVersion,
        long generationCallId,
        String endpoint,
        String model,
        String generated,
        String generatedInput,
        int roundsPlanned,
        String instruction,
        String input,
        String response,
        String answererAgent,
        int answererVersion,
        long answerCallId,
        InstructionStatus status,
        Stage failedStage,
        String errorClass,
        String errorMessage,
        Review review,
        Integer acceptedRound,
        String reviewedBy,
        Instant reviewedAt,
        Instant createdAt,
        List<Round> rounds) {
    public Instruction {
        rounds = rounds == null ? List.of() : List.copyOf(rounds);
        review = review == null ? Review.NONE : review;
    }

    /** Rounds with both a suggestion and an edit. */
    public int roundsDone() {
        return (int) rounds.stream().filter(r -> r.edited() != null).count();
    }

    /** The status a list shows: the curator's review when there is one, else the models' progress. */
    public String displayStatus() {
        return review != Review.NONE ? review.id() : status.id();
    }

    /** The instruction text of a round (0 = generated); null when that round has no edit yet. */
    public String instructionAt(int round) {
        if (round == 0) {
            return generated;
        }
        // A round whose editor has not answered yet has no edited text: null, not a NullPointerException.
        return rounds.stream()
                .filter(r -> r.round() == round)
                .findFirst()
                .map(Round::edited)
                .orElse(null);
    }

    public Instruction withRounds(List<Round> newRounds) {
        return new Instruction(
                id,
                runId,
                skill,
                seedId,
                passageId,
                slot,
                category,
                subcategory,
                generatorAgent,
                generatorVersion,
                generationCallId,
                endpoint,
                model,
                generated,
                generatedInput,
                roundsPlanned,
                instruction,
                input,
                response,
                answererAgent,
                answererVersion,
                answerCallId,
                status,
                failedStage,
                errorClass,
                errorMessage,
                review,
                acceptedRound,
                reviewedBy,
                reviewedAt,
                createdAt,
                newRounds);
    }
}
