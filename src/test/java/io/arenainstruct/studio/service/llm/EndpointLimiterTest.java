package io.arenainstruct.studio.service.llm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.concurrent.CancellationException;

import org.junit.jupiter.api.Test;

import io.arenainstruct.studio.domain.llm.Endpoint;
import io.arenainstruct.studio.domain.llm.Provider;
import io.arenainstruct.studio.service.task.Cancellation;

/** Requests and tokens per minute: a full minute's budget at once, then an even refill. */
class EndpointLimiterTest {
    private static Endpoint limited(int rpm, int tpm) {
        return Endpoint.of("limited", Provider.OLLAMA, "http://localhost:11434", "m")
                .withLimits(100, rpm, tpm);
    }

    private static long millis(Runnable r) {
        long t0 = System.nanoTime();
        r.run();
        return Duration.ofNanos(System.nanoTime() - t0).toMillis();
    }

    @Test
    void requestsPerMinuteAllowABurstThenOnePerSlice() {
        EndpointLimiter limiter = new EndpointLimiter(limited(120, 0));
        long burst = millis(() -> {
            for (int i = 0; i < 120; i++) {
                limiter.acquire(0, Cancellation.NEVER);
                limiter.release(0, 0);
            }
        });
        assertThat(burst).as("a minute's worth at once").isLessThan(400);
        long next = millis(() -> limiter.acquire(0, Cancellation.NEVER));
        assertThat(next).as("120 per minute refill one every 500 ms").isBetween(350L, 1_500L);
    }

    @Test
    void tokensPerMinuteWaitForTheEstimateAndGiveBackWhatWasNotUsed() {
        EndpointLimiter limiter = new EndpointLimiter(limited(0, 600));
        assertThat(millis(() -> limiter.acquire(600, Cancellation.NEVER))).isLessThan(200);
        limiter.release(600, 0); // the call used nothing: all 600 come back
        assertThat(millis(() -> limiter.acquire(600, Cancellation.NEVER))).isLessThan(200);
        limiter.release(600, 600);
        long wait = millis(() -> limiter.acquire(5, Cancellation.NEVER));
        assertThat(wait).as("600 per minute refill 5 tokens in 500 ms").isBetween(350L, 1_500L);
    }

    @Test
    void aPauseAfterTooManyRequestsHoldsEveryCallerAndCancelCutsItShort() {
        EndpointLimiter limiter = new EndpointLimiter(limited(0, 0));
        limiter.pauseFor(Duration.ofSeconds(30));
        long t0 = System.nanoTime();
        assertThatThrownBy(() -> limiter.acquire(0, () -> System.nanoTime() - t0 > 200_000_000L))
                .isInstanceOf(CancellationException.class);
        assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(Duration.ofSeconds(5));
    }

    @Test
    void a429HalvesTheRequestsInFlightOncePerBurstDownToOne() {
        EndpointLimiter limiter = new EndpointLimiter(limited(0, 0).withLimits(8, 0, 0));
        EndpointLimiter.Permit[] sent = new EndpointLimiter.Permit[8];
        for (int i = 0; i < 8; i++) {
            sent[i] = limiter.acquire(0, Cancellation.NEVER);
        }
        assertThat(limiter.tooManyRequests(sent[4]))
                .as("sent while 8 could be in flight")
                .isTrue();
        assertThat(limiter.effectiveLimit()).isEqualTo(4);
        assertThat(limiter.tooManyRequests(sent[5])).isTrue();
        assertThat(limiter.effectiveLimit())
                .as("refusals of calls sent together lower it once")
                .isEqualTo(4);
        for (int i = 0; i < 8; i++) {
            limiter.release(0, 0);
        }
        EndpointLimiter.Permit next = limiter.acquire(0, Cancellation.NEVER);
        assertThat(next.limit()).isEqualTo(4);
        limiter.tooManyRequests(next);
        limiter.release(0, 0);
        assertThat(limiter.effectiveLimit()).isEqualTo(2);
        EndpointLimiter.Permit two = limiter.acquire(0, Cancellation.NEVER);
        limiter.tooManyRequests(two);
        limiter.release(0, 0);
        EndpointLimiter.Permit one = limiter.acquire(0, Cancellation.NEVER);
        assertThat(one.limit()).isEqualTo(1);
        assertThat(limiter.tooManyRequests(one))
                .as("refused while alone: not about concurrency")
                .isFalse();
        assertThat(limiter.effectiveLimit()).isEqualTo(1);
        limiter.answered();
        assertThat(limiter.effectiveLimit())
                .as("held down for a while after a decrease")
                .isEqualTo(1);
    }

    @Test
    void atTheLoweredLimitAFurtherCallerWaitsForASlot() {
        EndpointLimiter limiter = new EndpointLimiter(limited(0, 0).withLimits(2, 0, 0));
        EndpointLimiter.Permit a = limiter.acquire(0, Cancellation.NEVER);
        limiter.acquire(0, Cancellation.NEVER);
        limiter.tooManyRequests(a);
        limiter.release(0, 0);
        long t0 = System.nanoTime();
        assertThatThrownBy(() -> limiter.acquire(0, () -> System.nanoTime() - t0 > 200_000_000L))
                .as("one still in flight at a limit of 1")
                .isInstanceOf(CancellationException.class);
        limiter.release(0, 0);
        assertThat(millis(() -> limiter.acquire(0, Cancellation.NEVER))).isLessThan(200);
    }
}
