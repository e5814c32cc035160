package io.arenainstruct.studio.store;

import java.nio.file.Path;

/** Another process (usually another window of the app) holds the store's file lock. */
public class StoreInUseException extends StoreException {
    public StoreInUseException(Path dir, Throwable cause) {
        super(
                "this store is open in another window or process: " + dir
                        + " (close it there, or open a different store)",
                cause);
    }
}
