package io.arenainstruct.studio.domain;

import java.util.Locale;
import java.util.Optional;

/**
 * A committed change to the store that views showing it may read again: what kind of record changed and which one
 * (0 when the change names none). Announced by the writing process; {@code elsewhere} says whether another client
 * (another process, or another store opened in this one) made it. On the wire it is only the kind, the id and the
 * writer's origin number: never text from outside.
 */
public record StoreChange(Kind kind, long id, boolean elsewhere) {
    /** What changed. */
    public enum Kind {
        /** A person's vote or a judge's verdict on a battle (id: the battle). */
        VERDICT,
        /** Battles were made or answered (id: a battle, or 0). */
        BATTLE,
        /** A run's progress or state (id: the run). */
        RUN,
        /** A taxonomy was saved (id: 0; the skill is not sent, it is text). */
        TAXONOMY,
        /** Something may have changed unseen (the listener reconnected after a drop): read everything again. */
        ANY
    }

    public StoreChange {
        if (kind == null) {
            throw new IllegalArgumentException("a change needs a kind");
        }
    }

    /** "Something may have changed": told after notifications may have been missed. */
    public static StoreChange anything() {
        return new StoreChange(Kind.ANY, 0, true);
    }

    /** The notification's text: {@code kind:id:origin}, e.g. {@code verdict:42:7301}. */
    public static String payload(Kind kind, long id, long origin) {
        return kind.name().toLowerCase(Locale.ROOT) + ":" + id + ":" + origin;
    }

    /**
     * Reads a notification's text; empty when it is not one this app sends (a payload is checked like any input).
     *
     * @param ownOrigin the reader's origin number: a change with it was made by the reader itself
     */
    public static Optional<StoreChange> parse(String payload, long ownOrigin) {
        if (payload == null || payload.length() > 80) {
            return Optional.empty();
        }
        String[] parts = payload.split(":", -1);
        if (parts.length != 3) {
            return Optional.empty();
        }
        try {
            Kind kind = Kind.valueOf(parts[0].toUpperCase(Locale.ROOT));
            long id = Long.parseLong(parts[1]);
            long origin = Long.parseLong(parts[2]);
            if (!parts[0].equals(parts[0].toLowerCase(Locale.ROOT)) || id < 0) {
                return Optional.empty();
            }
            return Optional.of(new StoreChange(kind, id, origin != ownOrigin));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
