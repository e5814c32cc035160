package io.arenainstruct.studio.domain.arena;

import java.util.Locale;

/**
 * What a verdict says about a battle, in the battle's orientation. Both-bad is not a tie: neither answer does
 * what the instruction asks. Unparsable: the judge replied but no verdict could be read (kept, never guessed);
 * error: the judge could not be asked or its file row said so.
 */
public enum Outcome {
    A,
    B,
    TIE,
    BOTH_BAD,
    UNPARSABLE,
    ERROR;

    public String id() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /** Whether the verdict decides anything (a winner, a tie or both-bad). */
    public boolean decided() {
        return this != UNPARSABLE && this != ERROR;
    }

    /** The same outcome with the two positions exchanged. */
    public Outcome swapped() {
        return switch (this) {
            case A -> B;
            case B -> A;
            default -> this;
        };
    }

    public static Outcome of(String id) {
        for (Outcome o : values()) {
            if (o.id().equalsIgnoreCase(id.trim())) {
                return o;
            }
        }
        throw new IllegalArgumentException("unknown outcome '" + id + "'");
    }
}
