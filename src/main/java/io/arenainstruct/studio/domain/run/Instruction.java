package io.arenainstruct.studio.domain.run;

import java.time.Instant;
import java.util.Comparator;
import java.util.List;

import io.arenainstruct.studio.domain.provenance.AgentCall;
import io.arenainstruct.studio.domain.provenance.Failure;

/**
 * A generated task with its provenance: the seed and passage it came from, the taxonomy category, the agent calls
 * (with the generation's endpoint and model), the run; its refinement rounds; the answer; the curator's review.
 * Changed only through the withers below, each one step of a run.
 *
 * @param generator     the generation agent: chosen when the instruction is planned, called when it is generated
 * @param generated     round 0: the instruction as the generator wrote it
 * @param roundsPlanned rounds the run asked for
 * @param answerer      {@link AgentCall#NONE} until answered
 * @param failure       why the last step failed; null unless the status is failed
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
        AgentCall generator,
        String generated,
        String generatedInput,
        int roundsPlanned,
        String response,
        AgentCall answerer,
        InstructionStatus status,
        Failure<Stage> failure,
        CuratorReview review,
        Instant createdAt,
        List<Round> rounds) {
    public Instruction {
        generator = generator == null ? AgentCall.NONE : generator;
        answerer = answerer == null ? AgentCall.NONE : answerer;
        review = review == null ? CuratorReview.NONE : review;
        rounds = rounds == null ? List.of() : List.copyOf(rounds);
    }

    /** A new instruction of a run, before any model wrote it: pending, its generator chosen. */
    public static Instruction planned(
            long runId,
            String skill,
            long seedId,
            long passageId,
            int slot,
            String category,
            String subcategory,
            AgentCall generator,
            int roundsPlanned) {
        return new Instruction(
                0,
                runId,
                skill,
                seedId,
                passageId,
                slot,
                category,
                subcategory,
                generator,
                null,
                null,
                roundsPlanned,
                null,
                AgentCall.NONE,
                InstructionStatus.PENDING,
                null,
                CuratorReview.NONE,
                Instant.now(),
                List.of());
    }

    /** Rounds with both a suggestion and an edit. */
    public int roundsDone() {
        return (int) rounds.stream().filter(r -> r.edited() != null).count();
    }

    /** The model's latest instruction: the last edited round's, else the generated one (null before generation). */
    public String instruction() {
        Round last = lastEdited();
        return last == null ? generated : last.edited();
    }

    /** The input of {@link #instruction()}: the last edited round's, else the generated one; null when none. */
    public String input() {
        // an edited round without an input has none, whatever round 0 had
        Round last = lastEdited();
        return last == null ? generatedInput : last.editedInput();
    }

    private Round lastEdited() {
        return rounds.stream()
                .filter(r -> r.edited() != null)
                .max(Comparator.comparingInt(Round::round))
                .orElse(null);
    }

    /** The status a list shows: the curator's review when there is one, else the models' progress. */
    public String displayStatus() {
        return review.reviewed() ? review.decision().id() : status.id();
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

    public Instruction withId(long newId) {
        return new Instruction(
                newId,
                runId,
                skill,
                seedId,
                passageId,
                slot,
                category,
                subcategory,
                generator,
                generated,
                generatedInput,
                roundsPlanned,
                response,
                answerer,
                status,
                failure,
                review,
                createdAt,
                rounds);
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
                generator,
                generated,
                generatedInput,
                roundsPlanned,
                response,
                answerer,
                status,
                failure,
                review,
                createdAt,
                newRounds);
    }

    /** Written by the generator's call: round 0, pending until a later step fails or it is answered. */
    public Instruction generatedBy(AgentCall call, String text, String input) {
        return new Instruction(
                id,
                runId,
                skill,
                seedId,
                passageId,
                slot,
                category,
                subcategory,
                call,
                text,
                input,
                roundsPlanned,
                response,
                answerer,
                InstructionStatus.PENDING,
                null,
                review,
                createdAt,
                rounds);
    }

    /** Answered by the answerer's call: complete. */
    public Instruction answeredBy(AgentCall call, String text) {
        return new Instruction(
                id,
                runId,
                skill,
                seedId,
                passageId,
                slot,
                category,
                subcategory,
                generator,
                generated,
                generatedInput,
                roundsPlanned,
                text,
                call,
                InstructionStatus.COMPLETE,
                null,
                review,
                createdAt,
                rounds);
    }

    /** Failed at a step, with the reason. */
    public Instruction failedWith(Failure<Stage> why) {
        return withStatus(InstructionStatus.FAILED, why);
    }

    /** Tried again: pending until a step fails anew (the failure is cleared). */
    public Instruction pending() {
        return withStatus(InstructionStatus.PENDING, null);
    }

    /** Every step done (the answer was stored before). */
    public Instruction complete() {
        return withStatus(InstructionStatus.COMPLETE, null);
    }

    private Instruction withStatus(InstructionStatus newStatus, Failure<Stage> newFailure) {
        return new Instruction(
                id,
                runId,
                skill,
                seedId,
                passageId,
                slot,
                category,
                subcategory,
                generator,
                generated,
                generatedInput,
                roundsPlanned,
                response,
                answerer,
                newStatus,
                newFailure,
                review,
                createdAt,
                rounds);
    }
}
