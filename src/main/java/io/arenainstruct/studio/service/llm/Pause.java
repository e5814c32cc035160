package io.arenainstruct.studio.service.llm;

import java.time.Duration;
import java.util.concurrent.CancellationException;
import java.util.concurrent.locks.LockSupport;

import io.arenainstruct.studio.service.task.Cancellation;

/** Waiting that a cancel cuts short (backoff, rate limits, a server's Retry-After). */
final class Pause {
    private Pause() {}

    static void of(Duration duration, Cancellation cancellation) {
        nanos(duration.toNanos(), cancellation);
    }

    static void nanos(long nanos, Cancellation cancellation) {
        long end = System.nanoTime() + nanos;
        for (long left = nanos; left > 0; left = end - System.nanoTime()) {
            if (cancellation.isCancelled()) {
                throw new CancellationException("cancelled");
            }
            LockSupport.parkNanos(Math.min(left, 20_000_000L));
            if (Thread.interrupted()) {
                Thread.currentThread().interrupt();
                throw new CancellationException("interrupted");
            }
        }
    }
}
