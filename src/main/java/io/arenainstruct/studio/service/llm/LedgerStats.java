package io.arenainstruct.studio.service.llm;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

import io.arenainstruct.studio.domain.llm.ErrorClass;
import io.arenainstruct.studio.domain.llm.ModelPrice;
import io.arenainstruct.studio.store.CallLedgerRepository;

/**
 * Totals over the call ledger (all of it, or one run): calls sent, cache hits, dry runs, failures by class,
 * tokens, and the cost where the model has a price. Cost per model is tokens × price / 1,000,000 for input
 * and output each. Used by the Ledger area; the command line's {@code ledger stats} can use it too.
 *
 * @param calls        calls sent to a model (answered or failed); cache hits and dry runs are not sent
 * @param cancelled    calls stopped by the curator (neither sent calls nor failures)
 * @param cost         the summed cost of the priced models
 * @param costComplete true when every model that used tokens has a price
 * @param models       per model, in model-name order
 */
public record LedgerStats(
        int calls,
        int cacheHits,
        int dryRuns,
        int failures,
        Map<ErrorClass, Integer> failuresByClass,
        int cancelled,
        long tokensIn,
        long tokensOut,
        BigDecimal cost,
        boolean costComplete,
        List<ModelStats> models) {

    /** Cost figures keep this many decimals: a short call at a low price costs millionths. */
    public static final int COST_SCALE = ModelPrice.SCALE;

    /** @param cost null when the model has no price */
    public record ModelStats(
            String model,
            int calls,
            int cacheHits,
            int dryRuns,
            int failures,
            long tokensIn,
            long tokensOut,
            BigDecimal cost) {}

    public LedgerStats {
        failuresByClass = Collections.unmodifiableMap(new LinkedHashMap<>(failuresByClass));
        models = List.copyOf(models);
    }

    /** Reads the totals from the ledger (all calls, or only those of {@code runId}). */
    public static LedgerStats load(CallLedgerRepository ledger, Map<String, ModelPrice> prices, Long runId) {
        return of(ledger.totalsByModel(runId), ledger.failuresByClass(runId), prices);
    }

    /** Adds up per-model totals and prices them. */
    public static LedgerStats of(
            List<CallLedgerRepository.ModelTotals> totals,
            Map<ErrorClass, Integer> failures,
            Map<String, ModelPrice> prices) {
        List<ModelStats> models = new ArrayList<>();
        int calls = 0;
        int hits = 0;
        int dry = 0;
        int failed = 0;
        int cancelled = 0;
        long in = 0;
        long out = 0;
        BigDecimal cost = BigDecimal.ZERO.setScale(COST_SCALE);
        boolean complete = true;
        for (CallLedgerRepository.ModelTotals t : totals) {
            ModelPrice price = prices.get(t.model());
            BigDecimal c = price == null ? null : cost(t.tokensIn(), t.tokensOut(), price);
            models.add(new ModelStats(
                    t.model(), t.sent(), t.cacheHits(), t.dryRuns(), t.failed(), t.tokensIn(), t.tokensOut(), c));
            calls += t.sent();
            hits += t.cacheHits();
            dry += t.dryRuns();
            failed += t.failed();
            cancelled += t.cancelled();
            in += t.tokensIn();
            out += t.tokensOut();
            if (c != null) {
                cost = cost.add(c);
            } else if (t.tokensIn() + t.tokensOut() > 0) {
                complete = false;
            }
        }
        return new LedgerStats(calls, hits, dry, failed, failures, cancelled, in, out, cost, complete, models);
    }

    /** What the tokens cost at the price ({@link ModelPrice#cost}). */
    public static BigDecimal cost(long tokensIn, long tokensOut, ModelPrice price) {
        return price.cost(tokensIn, tokensOut);
    }

    /** True when at least one model that used tokens has a price, so a cost figure means something. */
    public boolean hasCost() {
        return models.stream().anyMatch(m -> m.cost() != null && m.tokensIn() + m.tokensOut() > 0);
    }

    /**
     * One line for people, e.g. "12 calls sent, 3 cache hits, 2 failed (1 timeout, 1 authentication), tokens
     * 1,234 in / 567 out, cost 0.0123". Dry runs and cost appear only when there are any.
     */
    public String summary() {
        StringBuilder s = new StringBuilder();
        s.append(count(calls, "call")).append(" sent, ").append(count(cacheHits, "cache hit"));
        if (dryRuns > 0) {
            s.append(", ").append(count(dryRuns, "dry run"));
        }
        s.append(", ").append(failures).append(" failed");
        if (!failuresByClass.isEmpty()) {
            s.append(" (")
                    .append(failuresByClass.entrySet().stream()
                            .map(e -> e.getValue() + " " + e.getKey().label())
                            .collect(Collectors.joining(", ")))
                    .append(')');
        }
        if (cancelled > 0) {
            s.append(", ").append(cancelled).append(" cancelled");
        }
        s.append(String.format(Locale.ROOT, ", tokens %,d in / %,d out", tokensIn, tokensOut));
        if (hasCost()) {
            s.append(", cost ").append(formatCost(cost));
            if (!costComplete) {
                s.append(" (some models have no price)");
            }
        }
        return s.toString();
    }

    /** A cost without trailing zeros, at least two decimals: 0.0123, 1.50, 12.00. */
    public static String formatCost(BigDecimal amount) {
        BigDecimal plain = amount.stripTrailingZeros();
        if (plain.scale() < 2) {
            plain = plain.setScale(2, RoundingMode.UNNECESSARY);
        }
        return plain.toPlainString();
    }

    private static String count(int n, String what) {
        return String.format(Locale.ROOT, "%,d %s%s", n, what, n == 1 ? "" : "s");
    }
}
