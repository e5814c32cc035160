package io.arenainstruct.studio.domain;

import java.nio.file.Path;

/**
 * Where a workspace lives: a folder holding an embedded H2 store (the default, one person), or a database on a
 * PostgreSQL server (a team store, many processes at once; decision 0022).
 */
public sealed interface StoreLocation permits StoreLocation.Folder, PostgresqlLocation {

    /** What a curator sees for this store (title bar, status bar, messages); never a password. */
    String display();

    /** The store a {@code --store} argument names: a {@code postgresql://} address, else a folder. */
    static StoreLocation parse(String text) {
        if (PostgresqlLocation.isAddress(text)) {
            return PostgresqlLocation.parse(text);
        }
        return new Folder(Path.of(text));
    }

    /** An embedded H2 store in a folder of its own. */
    record Folder(Path dir) implements StoreLocation {
        public Folder {
            dir = dir.toAbsolutePath().normalize();
        }

        @Override
        public String display() {
            return dir.toString();
        }
    }
}
