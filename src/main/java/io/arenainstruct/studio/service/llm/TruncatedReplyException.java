package io.arenainstruct.studio.service.llm;

/** A stream that ended before the server said it was done. */
final class TruncatedReplyException extends RuntimeException {
    TruncatedReplyException() {
        super("the stream ended before the model finished its reply");
    }
}
