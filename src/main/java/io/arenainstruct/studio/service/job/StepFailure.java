package io.arenainstruct.studio.service.job;

import io.arenainstruct.studio.domain.provenance.Failure;

/**
 * Why one unit of a stage did not finish. A cancelled step is not a failure of the item: the item stays as the
 * store holds it and a resume continues there.
 */
public final class StepFailure extends RuntimeException {
    private static final long serialVersionUID = 1L;
    /** The reason's class as failures are grouped by (e.g. an {@code ErrorClass} name, or {@code SEED_MISSING}). */
    private final String errorClass;
    /** The ledger call that failed; 0 when no call was made. */
    private final long callId;

    private final boolean cancelled;

    public StepFailure(String errorClass, String message, long callId, boolean cancelled, Throwable cause) {
        super(message, cause);
        this.errorClass = errorClass;
        this.callId = callId;
        this.cancelled = cancelled;
    }

    public static StepFailure failed(String errorClass, String message) {
        return new StepFailure(errorClass, message, 0, false, null);
    }

    public static StepFailure cancelledStep() {
        return new StepFailure("CANCELLED", "the job was cancelled", 0, true, null);
    }

    public String errorClass() {
        return errorClass;
    }

    public long callId() {
        return callId;
    }

    public boolean cancelled() {
        return cancelled;
    }

    /** This failure as an item records it: at that stage, with its class and message. */
    public <S> Failure<S> at(S stage) {
        return new Failure<>(stage, errorClass, getMessage());
    }
}
