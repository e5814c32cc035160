package io.arenainstruct.studio.service.job;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import io.arenainstruct.studio.domain.provenance.Failure;

/**
 * A job's figures, counted in one place: units planned, done and failed per stage (with the failures' reasons),
 * model calls, ledger hits, tokens per model; and from them cost, rate and time left ({@link #snapshot}).
 * Safe to count from many workers at once.
 */
public final class ProgressCounter<S> {
    private static final double SETTLING_SECONDS = 0.5;

    private final Map<S, Integer> callsPerUnit = new LinkedHashMap<>();
    private final Map<S, AtomicInteger> planned = new LinkedHashMap<>();
    private final Map<S, AtomicInteger> done = new LinkedHashMap<>();
    private final Map<S, AtomicInteger> failed = new LinkedHashMap<>();
    private final Map<Failure<S>, Integer> reasons = new LinkedHashMap<>();
    private final AtomicInteger calls = new AtomicInteger();
    private final AtomicInteger ledgerHits = new AtomicInteger();
    private final AtomicLong tokensIn = new AtomicLong();
    private final AtomicLong tokensOut = new AtomicLong();
    private final Map<String, long[]> tokensByModel = new LinkedHashMap<>();
    private final Pricing pricing;
    private final Clock clock;
    /** Calls earlier executions made: counted in the figures, not in this execution's rate. */
    private volatile int earlierCalls;

    private volatile Instant startedAt;

    public ProgressCounter(Pricing pricing, Clock clock) {
        this.pricing = pricing;
        this.clock = clock;
    }

    /**
     * Declares stages of the job, in the order progress lists them, before it runs. A stage name declared twice
     * counts once, with the first stage's calls per unit.
     */
    public synchronized ProgressCounter<S> declare(List<? extends JobStage<?, S>> stages) {
        for (JobStage<?, S> s : stages) {
            declare(s.stage(), s.callsPerUnit());
        }
        return this;
    }

    /** Declares one stage by name (see {@link #declare(List)}). */
    public synchronized ProgressCounter<S> declare(S stage, int callsPerStageUnit) {
        if (!planned.containsKey(stage)) {
            callsPerUnit.put(stage, callsPerStageUnit);
            planned.put(stage, new AtomicInteger());
            done.put(stage, new AtomicInteger());
            failed.put(stage, new AtomicInteger());
        }
        return this;
    }

    /** Starts the figures from what earlier executions of the job left in the ledger. */
    public void countEarlier(int earlierCallCount, int earlierLedgerHits, Map<String, long[]> earlierTokensByModel) {
        earlierCalls += earlierCallCount;
        calls.addAndGet(earlierCallCount);
        ledgerHits.addAndGet(earlierLedgerHits);
        earlierTokensByModel.forEach((model, t) -> addTokens(model, t[0], t[1]));
    }

    /** This execution starts now: the rate counts from here. */
    public void start() {
        start(clock.instant());
    }

    /** This execution started then (for a job worked out from the store: when it was created). */
    public void start(Instant at) {
        startedAt = at;
    }

    /** More (or, negative, fewer) units of a stage to do. */
    public void plan(S stage, int units) {
        counter(planned, stage).addAndGet(units);
    }

    /** A stage's units as read back from the store (without failure reasons). */
    public void counted(S stage, int plannedUnits, int doneUnits, int failedUnits) {
        counter(planned, stage).addAndGet(plannedUnits);
        counter(done, stage).addAndGet(doneUnits);
        counter(failed, stage).addAndGet(failedUnits);
    }

    public void done(S stage) {
        counter(done, stage).incrementAndGet();
    }

    /** A unit failed at its stage, for that reason. */
    public void failed(Failure<S> why) {
        counter(failed, why.stage()).incrementAndGet();
        synchronized (reasons) {
            reasons.merge(why, 1, Integer::sum);
        }
    }

    /** A model call that returned: from the ledger (nothing paid) or sent (its tokens paid at the model's price). */
    public void call(String model, boolean fromLedger, long in, long out) {
        calls.incrementAndGet();
        if (fromLedger) {
            ledgerHits.incrementAndGet();
        } else {
            addTokens(model, in, out);
        }
    }

    /** A failed call the ledger recorded: counted as a call, as the figures read from the store count it. */
    public void failedCall() {
        calls.incrementAndGet();
    }

    private void addTokens(String model, long in, long out) {
        tokensIn.addAndGet(in);
        tokensOut.addAndGet(out);
        synchronized (tokensByModel) {
            long[] t = tokensByModel.computeIfAbsent(model, k -> new long[2]);
            t[0] += in;
            t[1] += out;
        }
    }

    private AtomicInteger counter(Map<S, AtomicInteger> counters, S stage) {
        AtomicInteger c = counters.get(stage);
        if (c == null) {
            throw new IllegalArgumentException("the job declares no stage " + stage);
        }
        return c;
    }

    public int failedTotal() {
        return failed.values().stream().mapToInt(AtomicInteger::get).sum();
    }

    /** Why units failed, by stage and reason, most first. */
    public List<FailureCount<S>> failures() {
        List<FailureCount<S>> out = new ArrayList<>();
        synchronized (reasons) {
            reasons.forEach((f, n) -> out.add(new FailureCount<>(f, n)));
        }
        out.sort(Comparator.comparingInt(FailureCount<S>::count).reversed());
        return out;
    }

    /** The figures now; the time left only while the job runs. */
    public JobProgress<S> snapshot(JobState state) {
        List<StageCount<S>> stages = new ArrayList<>();
        long remainingCalls = 0;
        for (S s : planned.keySet()) {
            StageCount<S> c = new StageCount<>(
                    s, planned.get(s).get(), done.get(s).get(), failed.get(s).get());
            stages.add(c);
            remainingCalls += (long) c.remaining() * callsPerUnit.get(s);
        }
        Instant started = startedAt;
        Duration elapsed = started == null ? Duration.ZERO : Duration.between(started, clock.instant());
        double seconds = elapsed.toMillis() / 1000.0;
        int allCalls = calls.get();
        double rate = seconds > SETTLING_SECONDS ? (allCalls - earlierCalls) / seconds : 0;
        Duration timeLeft = rate > 0 && state == JobState.RUNNING
                ? Duration.ofSeconds((long) Math.ceil(remainingCalls / rate))
                : null;
        return new JobProgress<>(
                state,
                stages,
                allCalls,
                ledgerHits.get(),
                tokensIn.get(),
                tokensOut.get(),
                cost(),
                elapsed,
                rate,
                timeLeft);
    }

    private BigDecimal cost() {
        BigDecimal total = null;
        synchronized (tokensByModel) {
            for (Map.Entry<String, long[]> e : tokensByModel.entrySet()) {
                BigDecimal c = pricing.cost(e.getKey(), e.getValue()[0], e.getValue()[1]);
                if (c != null) {
                    total = total == null ? c : total.add(c);
                }
            }
        }
        return total;
    }
}
