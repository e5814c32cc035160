package io.arenainstruct.studio.domain.run;

import java.util.Locale;

/** Where a run stands. Only a running or paused run has a live engine; the others can be resumed. */
public enum RunStatus {
    RUNNING,
    PAUSED,
    /** Stopped by the curator; what finished is kept. */
    CANCELLED,
    /** The app or process ended while it ran (crash, kill, power); found when the store was opened again. */
    INTERRUPTED,
    /** Every item finished. */
    COMPLETED,
    /** Ended with failed items; they keep their reason and can be retried. */
    INCOMPLETE;

    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static RunStatus of(String id) {
        return valueOf(id.toUpperCase(Locale.ROOT));
    }

    /** Whether resuming makes sense. */
    public boolean resumable() {
        return this == CANCELLED || this == INTERRUPTED || this == INCOMPLETE;
    }
}
