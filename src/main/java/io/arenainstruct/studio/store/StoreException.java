package io.arenainstruct.studio.store;

/** A store operation failed; the message is written for a curator and names the store. */
public class StoreException extends RuntimeException {
    public StoreException(String message, Throwable cause) {
        super(message, cause);
    }

    public StoreException(String message) {
        super(message);
    }
}
