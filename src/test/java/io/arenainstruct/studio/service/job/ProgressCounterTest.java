package io.arenainstruct.studio.service.job;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.arenainstruct.studio.domain.provenance.Failure;
import io.arenainstruct.studio.service.job.FakeJob.HandClock;
import io.arenainstruct.studio.service.job.FakeJob.Stage;

class ProgressCounterTest {
    private final HandClock clock = new HandClock();
    /** Model m: $2 per million tokens in, $10 per million out; other models have no price. */
    private final Pricing prices = (model, in, out) -> !model.equals("m")
            ? null
            : BigDecimal.valueOf(2)
                    .multiply(BigDecimal.valueOf(in))
                    .add(BigDecimal.TEN.multiply(BigDecimal.valueOf(out)))
                    .divide(BigDecimal.valueOf(1_000_000), 6, RoundingMode.HALF_UP);

    private ProgressCounter<String> counter() {
        FakeJob.Store store = new FakeJob.Store();
        return new ProgressCounter<String>(prices, clock)
                .declare(List.of(
                        new Stage("x", 1, 1, store, (i, s, u) -> {}), new Stage("y", 1, 2, store, (i, s, u) -> {})));
    }

    @Test
    void countsRateTimeLeftAndCostAsWorkedOutByHand() {
        ProgressCounter<String> c = counter();
        c.countEarlier(10, 4, Map.of("m", new long[] {100, 50}));
        c.start();
        c.plan("x", 10);
        c.plan("y", 6);
        for (int i = 0; i < 4; i++) {
            c.done("x");
        }
        c.failed(new Failure<>("x", "TIMEOUT", "no answer"));
        c.done("y");
        c.done("y");
        for (int i = 0; i < 3; i++) {
            c.call("m", false, 1000, 200);
        }
        c.call("m", true, 999, 999);
        c.call("m", true, 999, 999);
        c.call("n", false, 500, 500);
        c.failedCall();
        clock.advance(Duration.ofMillis(2500));

        JobProgress<String> p = c.snapshot(JobState.RUNNING);

        assertThat(p.stages()).containsExactly(new StageCount<>("x", 10, 4, 1), new StageCount<>("y", 6, 2, 0));
        // calls: 10 earlier + 3 sent + 2 from the ledger + 1 sent + 1 failed = 17; hits 4 + 2 = 6
        assertThat(p.calls()).isEqualTo(17);
        assertThat(p.ledgerHits()).isEqualTo(6);
        // ledger hits cost nothing: in 100 + 3 x 1000 + 500 = 3600, out 50 + 3 x 200 + 500 = 1150
        assertThat(p.tokensIn()).isEqualTo(3600);
        assertThat(p.tokensOut()).isEqualTo(1150);
        // m only: 3100 in x $2/M = 0.0062, 650 out x $10/M = 0.0065; n has no price
        assertThat(p.cost()).isEqualByComparingTo("0.0127");
        assertThat(p.elapsed()).isEqualTo(Duration.ofMillis(2500));
        // this execution: 7 calls in 2.5 s
        assertThat(p.callsPerSecond()).isEqualTo(2.8);
        // left: x 10 - 4 - 1 = 5 units x 1 call, y 6 - 2 = 4 units x 2 calls: 13 calls / 2.8 = 4.64 -> 5 s
        assertThat(p.timeLeft()).isEqualTo(Duration.ofSeconds(5));
        assertThat(p.failed()).isEqualTo(1);
        assertThat(c.failures()).containsExactly(new FailureCount<>(new Failure<>("x", "TIMEOUT", "no answer"), 1));
    }

    @Test
    void noRateInTheFirstHalfSecondAndNoTimeLeftUnlessRunning() {
        ProgressCounter<String> c = counter();
        c.start();
        c.plan("x", 4);
        c.call("m", false, 1, 1);
        clock.advance(Duration.ofMillis(500));
        assertThat(c.snapshot(JobState.RUNNING).callsPerSecond()).isZero();
        assertThat(c.snapshot(JobState.RUNNING).timeLeft()).isNull();

        clock.advance(Duration.ofMillis(500));
        assertThat(c.snapshot(JobState.RUNNING).callsPerSecond()).isEqualTo(1.0);
        assertThat(c.snapshot(JobState.RUNNING).timeLeft()).isEqualTo(Duration.ofSeconds(4));
        assertThat(c.snapshot(JobState.PAUSED).timeLeft()).isNull();
    }

    @Test
    void aJobWorkedOutFromTheStoreHasItsStoredCountsAndNoRate() {
        ProgressCounter<String> c =
                new ProgressCounter<String>(prices, clock).declare("x", 1).declare("y", 2);
        c.counted("x", 3, 2, 1);
        c.counted("y", 4, 1, 0);
        c.countEarlier(12, 2, Map.of("m", new long[] {500_000, 100_000}));
        c.start(clock.instant().minus(Duration.ofMinutes(3)));

        JobProgress<String> p = c.snapshot(JobState.RUNNING);

        assertThat(p.stages()).containsExactly(new StageCount<>("x", 3, 2, 1), new StageCount<>("y", 4, 1, 0));
        assertThat(p.calls()).isEqualTo(12);
        assertThat(p.elapsed()).isEqualTo(Duration.ofMinutes(3));
        assertThat(p.callsPerSecond())
                .as("every call was an earlier execution's")
                .isZero();
        assertThat(p.timeLeft()).isNull();
        // 500,000 in x $2/M = 1.00, 100,000 out x $10/M = 1.00
        assertThat(p.cost()).isEqualByComparingTo("2");
    }

    @Test
    void withoutAPricedModelTheCostIsUnknown() {
        ProgressCounter<String> c = counter();
        c.call("n", false, 1000, 1000);
        assertThat(c.snapshot(JobState.COMPLETED).cost()).isNull();
    }

    @Test
    void failureReasonsAreGroupedByStageAndReasonMostFirst() {
        ProgressCounter<String> c = counter();
        c.failed(new Failure<>("x", "TIMEOUT", "no answer"));
        c.failed(new Failure<>("y", "SCHEMA_MISMATCH", "no \"instruction\""));
        c.failed(new Failure<>("y", "SCHEMA_MISMATCH", "no \"instruction\""));
        c.failed(new Failure<>("x", "SCHEMA_MISMATCH", "no \"instruction\""));

        assertThat(c.failures())
                .containsExactly(
                        new FailureCount<>(new Failure<>("y", "SCHEMA_MISMATCH", "no \"instruction\""), 2),
                        new FailureCount<>(new Failure<>("x", "TIMEOUT", "no answer"), 1),
                        new FailureCount<>(new Failure<>("x", "SCHEMA_MISMATCH", "no \"instruction\""), 1));
        assertThat(c.failedTotal()).isEqualTo(4);
    }

    @Test
    void aStageTheJobDidNotDeclareIsRefused() {
        ProgressCounter<String> c = counter();
        assertThatThrownBy(() -> c.done("z")).hasMessageContaining("no stage z");
    }
}
