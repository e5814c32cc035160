package io.arenainstruct.studio.service.llm;

import java.time.Duration;
import java.util.concurrent.CancellationException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

import io.arenainstruct.studio.domain.llm.Endpoint;
import io.arenainstruct.studio.service.task.Cancellation;

/**
 * Keeps one endpoint within its limits: requests in flight, requests and tokens per minute, and a
 * pause for every caller after the server said "too many requests".
 */
final class EndpointLimiter {
    private final Semaphore inFlight;
    private final RateBucket requests;
    private final RateBucket tokens;
    private final RetryBudget retryBudget = new RetryBudget();
    private volatile long pausedUntil = System.nanoTime();

    EndpointLimiter(Endpoint endpoint) {
        this.inFlight = new Semaphore(endpoint.maxConcurrent(), true);
        this.requests = endpoint.requestsPerMinute() > 0 ? new RateBucket(endpoint.requestsPerMinute()) : null;
        this.tokens = endpoint.tokensPerMinute() > 0 ? new RateBucket(endpoint.tokensPerMinute()) : null;
    }

    RetryBudget retryBudget() {
        return retryBudget;
    }

    /** Waits for a slot; the caller must {@link #release} it. */
    void acquire(int estimatedTokens, Cancellation cancellation) {
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
            while (!inFlight.tryAcquire(50, TimeUnit.MILLISECONDS)) {
                if (cancellation.isCancelled()) {
                    throw new CancellationException("cancelled while waiting for a free slot on the endpoint");
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CancellationException("interrupted");
        }
    }

    /** Frees the slot and settles the token estimate against what the call really used. */
    void release(int estimatedTokens, int usedTokens) {
        inFlight.release();
        if (tokens != null) {
            tokens.adjust(usedTokens - estimatedTokens);
        }
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
