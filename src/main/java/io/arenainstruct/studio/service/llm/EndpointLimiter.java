package io.arenainstruct.studio.service.llm;

import java.time.Duration;
import java.util.concurrent.CancellationException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

import io.arenainstruct.studio.domain.llm.Endpoint;
import io.arenainstruct.studio.service.task.Cancellation;

/**
 * Keeps one endpoint within its limits: requests in flight, requests and tokens per minute, and a
 * pause for every caller after the server said "too many requests". The requests in flight adapt (AIMD): a
 * 429 halves them, answers let them grow back to the configured maximum, so a limit set above what the
 * server can serve slows a run down instead of failing it.
 */
final class EndpointLimiter {
    /** After a decrease, the limit stays down this long before it grows again. */
    private static final long HOLD_NANOS = 5_000_000_000L;

    /** What a caller holds while its request is in flight: the limit and its generation when it was sent. */
    record Permit(int limit, long generation) {}

    private final int max;
    private final ReentrantLock lock = new ReentrantLock(true);
    private final Condition slotFreed = lock.newCondition();
    private int inFlight; // guarded by lock
    private double limit; // guarded by lock: the effective concurrency, 1..max
    private long generation; // guarded by lock: counts decreases
    private long loweredAt; // guarded by lock
    private volatile int effective; // (int) limit, for readers
    private final RateBucket requests;
    private final RateBucket tokens;
    private final RetryBudget retryBudget = new RetryBudget();
    private volatile long pausedUntil = System.nanoTime();

    EndpointLimiter(Endpoint endpoint) {
        this.max = endpoint.maxConcurrent();
        this.limit = max;
        this.effective = max;
        this.requests = endpoint.requestsPerMinute() > 0 ? new RateBucket(endpoint.requestsPerMinute()) : null;
        this.tokens = endpoint.tokensPerMinute() > 0 ? new RateBucket(endpoint.tokensPerMinute()) : null;
    }

    RetryBudget retryBudget() {
        return retryBudget;
    }

    /** Waits for a slot; the caller must {@link #release} it. */
    Permit acquire(int estimatedTokens, Cancellation cancellation) {
        long pause = pausedUntil - System.nanoTime();
        if (pause > 0) {
            Pause.nanos(pause, cancellation);
        }
        if (requests != null) {
            requests.acquire(1, cancellation);
        }
        if (tokens != null) {
            tokens.acquire(estimatedTokens, cancellation);
        }
        try {
            lock.lockInterruptibly();
            try {
                while (inFlight >= (int) limit) {
                    if (cancellation.isCancelled()) {
                        throw new CancellationException("cancelled while waiting for a free slot on the endpoint");
                    }
                    slotFreed.await(50, TimeUnit.MILLISECONDS);
                }
                inFlight++;
                return new Permit((int) limit, generation);
            } finally {
                lock.unlock();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CancellationException("interrupted");
        }
    }

    /** Frees the slot and settles the token estimate against what the call really used. */
    void release(int estimatedTokens, int usedTokens) {
        lock.lock();
        try {
            inFlight--;
            slotFreed.signalAll();
        } finally {
            lock.unlock();
        }
        if (tokens != null) {
            tokens.adjust(usedTokens - estimatedTokens);
        }
    }

    /**
     * The server answered: additive increase. Once the hold after a decrease is over, the limit grows by one per
     * limit's worth of answers, up to the configured maximum.
     */
    void answered() {
        if (effective >= max) {
            return;
        }
        lock.lock();
        try {
            if (limit < max && System.nanoTime() - loweredAt > HOLD_NANOS) {
                limit = Math.min(max, limit + 1 / limit);
                effective = (int) limit;
                slotFreed.signalAll();
            }
        } finally {
            lock.unlock();
        }
    }

    /**
     * The server said "too many requests" to a call sent with this permit: multiplicative decrease (halved, at
     * least 1), once per generation, so a burst of refusals of calls sent together lowers the limit once. Returns
     * whether the call was sent while more than one could be in flight, i.e. the refusal may be about
     * concurrency, so that a retry at the lower limit can succeed.
     */
    boolean tooManyRequests(Permit permit) {
        lock.lock();
        try {
            if (permit.generation() == generation && limit > 1) {
                limit = Math.max(1, Math.floor(Math.min(limit, permit.limit()) / 2));
                effective = (int) limit;
                generation++;
                loweredAt = System.nanoTime();
            }
            return permit.limit() > 1;
        } finally {
            lock.unlock();
        }
    }

    /** The requests allowed in flight now: the configured maximum, or less after the server refused some. */
    int effectiveLimit() {
        return effective;
    }

    int configuredLimit() {
        return max;
    }

    /** Every caller of this endpoint waits at least this long (after a 429 with or without Retry-After). */
    void pauseFor(Duration duration) {
        long until = System.nanoTime() + duration.toNanos();
        if (until - pausedUntil > 0) {
            pausedUntil = until;
        }
    }

    /** Retries may be at most about a fifth of the calls (plus a small reserve), so a sick server is not hammered. */
    static final class RetryBudget {
        private static final double MAX = 20;
        private double tokens = 10;

        synchronized void deposit() {
            tokens = Math.min(MAX, tokens + 0.2);
        }

        synchronized boolean tryWithdraw() {
            if (tokens >= 1) {
                tokens -= 1;
                return true;
            }
            return false;
        }
    }
}
