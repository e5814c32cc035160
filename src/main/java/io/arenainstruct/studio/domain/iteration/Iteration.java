package io.arenainstruct.studio.domain.iteration;

import java.time.Instant;

/**
 * One numbered iteration of the ArenaInstruct loop (decision 0017): it holds what was made from its start until the
 * next iteration's start (the first one also everything before its start).
 *
 * @param number      1, 2, …
 * @param targetModel the model being trained, whose rating and win rate the loop follows; null when none was named
 * @param note        the curator's words about it; null for none
 */
public record Iteration(int number, Instant startedAt, String targetModel, String note) {
    public Iteration {
        if (number < 1) {
            throw new IllegalArgumentException("iterations are numbered from 1, not " + number);
        }
        if (startedAt == null) {
            throw new IllegalArgumentException("an iteration needs its start");
        }
    }
}
