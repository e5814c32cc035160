package io.arenainstruct.studio.domain.run;

import java.util.Locale;

/** The curator's decision on an instruction. */
public enum Review {
    NONE,
    ACCEPTED,
    REJECTED;

    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Review of(String id) {
        return id == null ? NONE : valueOf(id.toUpperCase(Locale.ROOT));
    }
}
