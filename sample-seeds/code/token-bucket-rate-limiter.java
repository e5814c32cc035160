package com.example.ratelimit;

import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * A per-client rate limiter based on the token bucket algorithm.
 *
 * <p>Each client (identified by a string key such as an API key or an IP
 * address) owns a bucket that holds at most {@code capacity} tokens. Tokens
 * are added continuously at {@code refillPerSecond}. Every request consumes
 * one or more tokens; if the bucket does not hold enough tokens, the request
 * is rejected.
 *
 * <p>The bucket capacity controls how large a burst is allowed, while the
 * refill rate controls the sustained request rate. For example, a capacity of
 * 20 with a refill rate of 5 per second lets a client send 20 requests at once
 * and then roughly 5 per second afterwards.
 *
 * <p>This class is thread-safe. Buckets are created lazily and individual
 * buckets are synchronized, so contention only occurs between requests from
 * the same client.
 */
final class TokenBucketRateLimiter {

    /** Result of a call to {@link #tryAcquire(String, int)}. */
    public record Decision(boolean allowed, double remainingTokens, long retryAfterMillis) {
    }

    private final long capacity;
    private final double refillPerNano;
    private final LongSupplier clock;
    private final Map<String, Bucket> buckets = new ConcurrentHashMap<>();

    /**
     * Creates a limiter that uses {@link System#nanoTime()} as its clock.
     *
     * @param capacity        maximum number of tokens per bucket (burst size), must be positive
     * @param refillPerSecond tokens added per second, must be positive
     */
    public TokenBucketRateLimiter(long capacity, double refillPerSecond) {
        this(capacity, refillPerSecond, System::nanoTime);
    }

    /**
     * Creates a limiter with an injectable clock, which makes unit tests
     * deterministic.
     *
     * @param clock supplier of a monotonic time in nanoseconds
     */
    public TokenBucketRateLimiter(long capacity, double refillPerSecond, LongSupplier clock) {
        if (capacity <= 0) {
            throw new IllegalArgumentException("capacity must be positive");
        }
        if (!(refillPerSecond > 0)) {
            throw new IllegalArgumentException("refillPerSecond must be positive");
        }
        this.capacity = capacity;
        this.refillPerNano = refillPerSecond / 1_000_000_000.0;
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** Convenience overload that consumes a single token. */
    public Decision tryAcquire(String clientKey) {
        return tryAcquire(clientKey, 1);
    }

    /**
     * Attempts to consume {@code permits} tokens from the client's bucket.
     *
     * @return a decision telling whether the request is allowed and, if not,
     *         how long the client should wait before retrying
     */
    public Decision tryAcquire(String clientKey, int permits) {
        Objects.requireNonNull(clientKey, "clientKey");
        if (permits <= 0 || permits > capacity) {
            throw new IllegalArgumentException(
                    "permits must be between 1 and capacity (" + capacity + ")");
        }
        Bucket bucket = buckets.computeIfAbsent(clientKey, k -> new Bucket(capacity, clock.getAsLong()));
        return bucket.tryConsume(permits);
    }

    /**
     * Removes buckets that have been idle long enough to be completely full
     * again. A full bucket behaves exactly like a new one, so dropping it
     * loses no information and keeps memory bounded.
     *
     * @return number of buckets removed
     */
    public int evictIdleBuckets() {
        long now = clock.getAsLong();
        int before = buckets.size();
        buckets.entrySet().removeIf(e -> e.getValue().isFullAt(now));
        return before - buckets.size();
    }

    /** Number of clients currently tracked. */
    public int trackedClients() {
        return buckets.size();
    }

    /** Mutable state for a single client. Guarded by its own monitor. */
    private final class Bucket {
        private double tokens;
        private long lastRefillNanos;

        Bucket(long initialTokens, long now) {
            this.tokens = initialTokens;
            this.lastRefillNanos = now;
        }

        synchronized Decision tryConsume(int permits) {
            refill(clock.getAsLong());
            if (tokens >= permits) {
                tokens -= permits;
                return new Decision(true, tokens, 0L);
            }
            // Time needed for the missing tokens to trickle in.
            double missing = permits - tokens;
            long waitNanos = (long) Math.ceil(missing / refillPerNano);
            return new Decision(false, tokens, Math.max(1L, waitNanos / 1_000_000L));
        }

        synchronized boolean isFullAt(long now) {
            refill(now);
            return tokens >= capacity;
        }

        private void refill(long now) {
            long elapsed = now - lastRefillNanos;
            if (elapsed <= 0) {
                return; // clock did not advance (or went backwards); nothing to add
            }
            tokens = Math.min(capacity, tokens + elapsed * refillPerNano);
            lastRefillNanos = now;
        }
    }

    /** Small demonstration using a fake clock. */
    public static void main(String[] args) {
        long[] fakeNow = {0L};
        TokenBucketRateLimiter limiter = new TokenBucketRateLimiter(3, 1.0, () -> fakeNow[0]);

        for (int i = 1; i <= 5; i++) {
            Decision d = limiter.tryAcquire("client-42");
            System.out.printf("t=0s request %d -> allowed=%b retryAfter=%dms%n",
                    i, d.allowed(), d.retryAfterMillis());
        }
        fakeNow[0] = 2_000_000_000L; // advance two seconds
        Decision later = limiter.tryAcquire("client-42", 2);
        System.out.printf("t=2s request for 2 permits -> allowed=%b remaining=%.1f%n",
                later.allowed(), later.remainingTokens());
    }
}
