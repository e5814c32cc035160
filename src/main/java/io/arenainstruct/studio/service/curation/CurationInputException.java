package io.arenainstruct.studio.service.curation;

/** A request about reference sets or keep decisions that cannot be done; the message is a sentence for the user. */
public final class CurationInputException extends Exception {
    public CurationInputException(String message) {
        super(message, null, false, false);
    }
}
