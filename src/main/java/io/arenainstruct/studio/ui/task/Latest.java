package io.arenainstruct.studio.ui.task;

import java.util.concurrent.atomic.AtomicLong;

/**
 * A key for {@link BackgroundCall#latestOnly}: of the calls started with the same key, only the newest one's
 * result (or failure) is delivered; an older one that finishes late is dropped. A view model holds one per kind
 * of read (the list, the detail pane), in place of hand-written "ignore stale results" counters.
 */
public final class Latest {
    private final AtomicLong generation = new AtomicLong();

    long next() {
        return generation.incrementAndGet();
    }

    long now() {
        return generation.get();
    }

    boolean isCurrent(long ticket) {
        return generation.get() == ticket;
    }

    /** Drops the results of every call started so far (the thing they were for is gone). */
    public void invalidate() {
        generation.incrementAndGet();
    }
}
