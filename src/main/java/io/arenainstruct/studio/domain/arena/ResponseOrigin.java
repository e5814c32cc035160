package io.arenainstruct.studio.domain.arena;

import java.util.Locale;

/** Where a response came from. */
public enum ResponseOrigin {
    /** Read from a file (a dataset's assistant message, an Arena-Hard answer, a battle row's conversation). */
    IMPORTED,
    /** Asked of an endpoint's model through the gateway. */
    GENERATED,
    /** Written by a person from another response, which stays as it was. */
    EDITED;

    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static ResponseOrigin of(String id) {
        return valueOf(id.trim().toUpperCase(Locale.ROOT));
    }
}
