package io.arenainstruct.studio.service.llm;

import java.util.concurrent.CancellationException;

import io.arenainstruct.studio.service.task.Cancellation;

/** A token bucket refilled evenly over a minute: requests per minute or tokens per minute. */
final class RateBucket {
    private final double capacity;
    private final double perNano;
    private double available;
    private long last = System.nanoTime();

    RateBucket(int perMinute) {
        this.capacity = perMinute;
        this.perNano = perMinute / 60e9;
        this.available = perMinute;
    }

    /** Waits until {@code amount} (at most the capacity) is available and takes it. */
    void acquire(double amount, Cancellation cancellation) {
        double want = Math.min(amount, capacity);
        while (true) {
            long waitNanos;
            synchronized (this) {
                refill();
                if (available >= want) {
                    available -= want;
                    return;
                }
                waitNanos = (long) ((want - available) / perNano);
            }
            if (cancellation.isCancelled()) {
                throw new CancellationException("cancelled while waiting for the endpoint's rate limit");
            }
            Pause.nanos(Math.min(waitNanos, 50_000_000L), cancellation);
        }
    }

    /** Takes (or, when negative, gives back) tokens after the fact, e.g. real usage versus the estimate. */
    synchronized void adjust(double amount) {
        refill();
        available = Math.min(capacity, available - amount);
    }

    private void refill() {
        long now = System.nanoTime();
        available = Math.min(capacity, available + (now - last) * perNano);
        last = now;
    }
}
