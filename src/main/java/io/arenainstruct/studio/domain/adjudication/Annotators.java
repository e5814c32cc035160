package io.arenainstruct.studio.domain.adjudication;

import java.util.Optional;

import io.arenainstruct.studio.domain.PostgresqlLocation;
import io.arenainstruct.studio.domain.StoreLocation;

/** An annotator's name: what every human verdict carries. */
public final class Annotators {
    public static final int MAX_LENGTH = 100;

    private Annotators() {}

    /**
     * The name trimmed.
     *
     * @throws IllegalArgumentException for an empty name, one over {@value #MAX_LENGTH} characters or one with
     *                                  control characters (it is shown in lists and files)
     */
    public static String require(String name) {
        String n = name == null ? "" : name.strip();
        if (n.isEmpty()) {
            throw new IllegalArgumentException("the annotator's name is empty: every verdict says who gave it");
        }
        if (n.length() > MAX_LENGTH) {
            throw new IllegalArgumentException("the annotator's name is longer than " + MAX_LENGTH + " characters");
        }
        if (n.codePoints().anyMatch(Character::isISOControl)) {
            throw new IllegalArgumentException("the annotator's name has control characters");
        }
        return n;
    }

    /**
     * Who votes: the name the annotator gave on this machine, else the database user of a PostgreSQL store (each
     * team member logs in as themselves); empty when neither says (a folder store asks for a name).
     */
    public static Optional<String> effective(String given, StoreLocation store) {
        if (given != null && !given.isBlank()) {
            return Optional.of(given.strip());
        }
        if (store instanceof PostgresqlLocation pg
                && pg.user() != null
                && !pg.user().isBlank()) {
            return Optional.of(pg.user());
        }
        return Optional.empty();
    }
}
