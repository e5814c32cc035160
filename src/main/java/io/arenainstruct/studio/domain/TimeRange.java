package io.arenainstruct.studio.domain;

import java.time.Instant;

/**
 * A stretch of time: from {@code from} (inclusive) to {@code until} (exclusive); a null end is open, so
 * {@code new TimeRange(null, null)} is all time. An iteration's records are those created in its range (decision 0017).
 */
public record TimeRange(Instant from, Instant until) {
    public static final TimeRange ALL = new TimeRange(null, null);

    public TimeRange {
        if (from != null && until != null && !from.isBefore(until)) {
            throw new IllegalArgumentException("a time range must start before it ends: " + from + " to " + until);
        }
    }

    /** Whether {@code at} falls in the range. */
    public boolean contains(Instant at) {
        return (from == null || !at.isBefore(from)) && (until == null || at.isBefore(until));
    }
}
