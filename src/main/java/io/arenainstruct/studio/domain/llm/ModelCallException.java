package io.arenainstruct.studio.domain.llm;

/** A model call that failed for good (after retries); it is in the ledger as {@code callId}. */
public class ModelCallException extends RuntimeException {
    private final ErrorClass errorClass;
    private final long callId;
    private final int attempts;

    public ModelCallException(ErrorClass errorClass, String detail, long callId, int attempts, Throwable cause) {
        super(errorClass.explanation() + (detail == null || detail.isBlank() ? "" : " (" + detail + ")"), cause);
        this.errorClass = errorClass;
        this.callId = callId;
        this.attempts = attempts;
    }

    public ErrorClass errorClass() {
        return errorClass;
    }

    public long callId() {
        return callId;
    }

    public int attempts() {
        return attempts;
    }
}
