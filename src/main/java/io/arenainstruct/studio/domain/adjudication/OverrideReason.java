package io.arenainstruct.studio.domain.adjudication;

import java.util.Locale;
import java.util.Optional;

/** Why a person's verdict differs from the judges', each chosen by one key in the chooser. */
public enum OverrideReason {
    WRONG_FACT("wrong fact", "F"),
    INSTRUCTION_NOT_FOLLOWED("instruction not followed", "I"),
    UNSAFE("unsafe", "U"),
    TOO_VERBOSE("too verbose", "V"),
    FORMAT("format", "M"),
    OTHER("other", "O");

    private final String words;
    private final String key;

    OverrideReason(String words, String key) {
        this.words = words;
        this.key = key;
    }

    public String id() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /** The reason in plain words. */
    public String words() {
        return words;
    }

    /** The key that chooses it (a letter that votes nothing). */
    public String key() {
        return key;
    }

    public static OverrideReason of(String id) {
        for (OverrideReason r : values()) {
            if (r.id().equalsIgnoreCase(id.trim())) {
                return r;
            }
        }
        throw new IllegalArgumentException("unknown override reason '" + id + "'");
    }

    /** The reason a key chooses. */
    public static Optional<OverrideReason> byKey(String key) {
        for (OverrideReason r : values()) {
            if (r.key.equalsIgnoreCase(key)) {
                return Optional.of(r);
            }
        }
        return Optional.empty();
    }
}
