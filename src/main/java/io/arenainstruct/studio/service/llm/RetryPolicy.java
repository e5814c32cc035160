package io.arenainstruct.studio.service.llm;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;

/**
 * How failed attempts are retried: exponential backoff with jitter, or the server's Retry-After when it
 * gave one (capped), for at most {@code maxAttempts} attempts in all.
 */
public record RetryPolicy(
        int maxAttempts, Duration baseDelay, Duration maxDelay, Duration maxRetryAfter, double jitter) {

    public static final RetryPolicy DEFAULT =
            new RetryPolicy(4, Duration.ofMillis(500), Duration.ofSeconds(20), Duration.ofMinutes(2), 0.25);

    public RetryPolicy {
        if (maxAttempts < 1 || jitter < 0 || jitter >= 1) {
            throw new IllegalArgumentException("need at least one attempt and a jitter in [0, 1)");
        }
    }

    /** The wait before attempt {@code failedAttempts + 1}. */
    Duration delay(int failedAttempts, Optional<Duration> retryAfter) {
        if (retryAfter.isPresent()) {
            Duration wanted = retryAfter.get();
            return wanted.compareTo(maxRetryAfter) > 0 ? maxRetryAfter : wanted;
        }
        double exponential = baseDelay.toNanos() * Math.pow(2, Math.max(0, failedAttempts - 1));
        double capped = Math.min(exponential, maxDelay.toNanos());
        double factor = 1 + (ThreadLocalRandom.current().nextDouble() * 2 - 1) * jitter;
        return Duration.ofNanos((long) (capped * factor));
    }
}
