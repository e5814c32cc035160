package io.arenainstruct.studio.service.run;

import java.util.function.Consumer;

import io.arenainstruct.studio.domain.run.Instruction;
import io.arenainstruct.studio.domain.run.InstructionStatus;
import io.arenainstruct.studio.domain.run.Stage;

/** A mutable copy of an instruction's model-side fields, for the few changes a run's step makes. */
final class InstructionCopy {
    String generatorAgent;
    int generatorVersion;
    long generationCallId;
    String endpoint;
    String model;
    String generated;
    String generatedInput;
    String instruction;
    String input;
    String response;
    String answererAgent;
    int answererVersion;
    long answerCallId;
    InstructionStatus status;
    Stage failedStage;
    String errorClass;
    String errorMessage;

    private InstructionCopy() {}

    static Instruction copy(Instruction i, Consumer<InstructionCopy> change) {
        InstructionCopy b = new InstructionCopy();
        b.generatorAgent = i.generatorAgent();
        b.generatorVersion = i.generatorVersion();
        b.generationCallId = i.generationCallId();
        b.endpoint = i.endpoint();
        b.model = i.model();
        b.generated = i.generated();
        b.generatedInput = i.generatedInput();
        b.instruction = i.instruction();
        b.input = i.input();
        b.response = i.response();
        b.answererAgent = i.answererAgent();
        b.answererVersion = i.answererVersion();
        b.answerCallId = i.answerCallId();
        b.status = i.status();
        b.failedStage = i.failedStage();
        b.errorClass = i.errorClass();
        b.errorMessage = i.errorMessage();
        change.accept(b);
        return new Instruction(
                i.id(),
                i.runId(),
                i.skill(),
                i.seedId(),
                i.passageId(),
                i.slot(),
                i.category(),
                i.subcategory(),
                b.generatorAgent,
                b.generatorVersion,
                b.generationCallId,
                b.endpoint,
                b.model,
                b.generated,
                b.generatedInput,
                i.roundsPlanned(),
                b.instruction,
                b.input,
                b.response,
                b.answererAgent,
                b.answererVersion,
                b.answerCallId,
                b.status,
                b.failedStage,
                b.errorClass,
                b.errorMessage,
                i.review(),
                i.acceptedRound(),
                i.reviewedBy(),
                i.reviewedAt(),
                i.createdAt(),
                i.rounds());
    }

    /** Clears a failure: the instruction is pending until a step fails anew. */
    void pending() {
        status = InstructionStatus.PENDING;
        failedStage = null;
        errorClass = null;
        errorMessage = null;
    }
}
