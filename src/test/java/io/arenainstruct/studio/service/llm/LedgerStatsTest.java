package io.arenainstruct.studio.service.llm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.arenainstruct.studio.domain.llm.Endpoint;
import io.arenainstruct.studio.domain.llm.ErrorClass;
import io.arenainstruct.studio.domain.llm.ModelCallException;
import io.arenainstruct.studio.domain.llm.ModelPrice;
import io.arenainstruct.studio.domain.llm.ModelRequest;
import io.arenainstruct.studio.service.task.Cancellation;
import io.arenainstruct.studio.service.workspace.WorkspaceRepositories;
import io.arenainstruct.studio.store.CallLedgerRepository.ModelTotals;
import io.arenainstruct.studio.testserver.Fault;

class LedgerStatsTest {
    @TempDir
    Path tmp;

    private static ModelPrice price(String model, String in, String out) {
        return new ModelPrice(model, new BigDecimal(in), new BigDecimal(out));
    }

    @Test
    void costIsTokensTimesPricePerMillionForInputAndOutput() {
        // 1,500,000 × 0.15 / 1e6 + 250,000 × 0.60 / 1e6 = 0.225 + 0.15
        assertThat(LedgerStats.cost(1_500_000, 250_000, price("m", "0.15", "0.60")))
                .isEqualByComparingTo("0.375");
        assertThat(LedgerStats.cost(1, 1, price("m", "2.50", "10"))).isEqualByComparingTo("0.0000125");
        assertThat(LedgerStats.cost(0, 0, price("m", "5", "5"))).isEqualByComparingTo("0");
        // 12 tokens at 0.15 per million: 0.0000018, not rounded away.
        assertThat(LedgerStats.cost(12, 0, price("m", "0.15", "0.60"))).isEqualByComparingTo("0.0000018");
    }

    @Test
    void totalsAddUpAcrossModelsAndOnlyPricedModelsCost() {
        Map<ErrorClass, Integer> failures = new LinkedHashMap<>();
        failures.put(ErrorClass.TIMEOUT, 2);
        failures.put(ErrorClass.AUTHENTICATION, 1);
        LedgerStats stats = LedgerStats.of(
                List.of(
                        new ModelTotals("gpt-4o-mini", 10, 4, 0, 2, 2_000_000, 1_000_000),
                        new ModelTotals("llama3.2", 5, 1, 2, 1, 3_000, 1_000)),
                failures,
                Map.of("gpt-4o-mini", price("gpt-4o-mini", "0.15", "0.60")));

        assertThat(stats.calls()).isEqualTo(15);
        assertThat(stats.cacheHits()).isEqualTo(5);
        assertThat(stats.dryRuns()).isEqualTo(2);
        assertThat(stats.failures()).isEqualTo(3);
        assertThat(stats.tokensIn()).isEqualTo(2_003_000);
        assertThat(stats.tokensOut()).isEqualTo(1_001_000);
        assertThat(stats.cost()).isEqualByComparingTo("0.90");
        assertThat(stats.costComplete()).isFalse();
        assertThat(stats.models().get(0).cost()).isEqualByComparingTo("0.9");
        assertThat(stats.models().get(1).cost()).isNull();
        assertThat(stats.summary())
                .isEqualTo("15 calls sent, 5 cache hits, 2 dry runs, 3 failed (2 timeout,"
                        + " 1 authentication), tokens 2,003,000 in / 1,001,000 out, cost 0.90 (some models "
                        + "have no price)");
    }

    @Test
    void withoutAnyPriceTheSummaryHasNoCost() {
        LedgerStats stats = LedgerStats.of(List.of(new ModelTotals("qwen2.5", 1, 0, 0, 0, 12, 3)), Map.of(), Map.of());
        assertThat(stats.hasCost()).isFalse();
        assertThat(stats.summary()).isEqualTo("1 call sent, 0 cache hits, 0 failed, tokens 12 in / 3 out");
        assertThat(LedgerStats.of(List.of(), Map.of(), Map.of()).summary())
                .isEqualTo("0 calls sent, 0 cache hits, 0 failed, tokens 0 in / 0 out");
    }

    @Test
    void formatCostKeepsTwoDecimalsAndDropsTrailingZeros() {
        assertThat(LedgerStats.formatCost(new BigDecimal("12.000000"))).isEqualTo("12.00");
        assertThat(LedgerStats.formatCost(new BigDecimal("0.012300"))).isEqualTo("0.0123");
        assertThat(LedgerStats.formatCost(new BigDecimal("1.5"))).isEqualTo("1.50");
    }

    @Test
    void loadReadsTheLedgerOfRealCallsAndCanBeLimitedToARun() {
        try (GatewayHarness h = new GatewayHarness(tmp)) {
            h.server.reply("four words of reply");
            Endpoint e = h.openAi("qwen2.5");
            h.gateway().call(e, ModelRequest.ofUser("first").withProvenance(7L, "generation"), Cancellation.NEVER);
            h.gateway().call(e, ModelRequest.ofUser("first").withProvenance(7L, "generation"), Cancellation.NEVER);
            h.server.enqueue(Fault.contextTooLong());
            assertThatThrownBy(() -> h.gateway().call(e, ModelRequest.ofUser("second"), Cancellation.NEVER))
                    .isInstanceOf(ModelCallException.class);
            // A streamed reply the curator stops is cancelled: counted apart, neither sent nor failed.
            AtomicBoolean cancel = new AtomicBoolean();
            assertThatThrownBy(() -> h.gateway().stream(
                            e, ModelRequest.ofUser("stopped"), piece -> cancel.set(true), cancel::get))
                    .isInstanceOf(ModelCallException.class);
            h.workspace.endpoints().setPrice(price("qwen2.5", "1000000", "1000000"));

            LedgerStats all = LedgerStats.load(
                    WorkspaceRepositories.ledger(h.workspace),
                    h.workspace.endpoints().prices(),
                    null);
            assertThat(all.calls()).isEqualTo(2);
            assertThat(all.cacheHits()).isEqualTo(1);
            assertThat(all.failures()).isEqualTo(1);
            assertThat(all.failuresByClass()).containsExactly(Map.entry(ErrorClass.CONTEXT_TOO_LONG, 1));
            assertThat(all.cancelled()).isEqualTo(1);
            assertThat(all.summary()).contains("1 failed (1 context too long), 1 cancelled");
            assertThat(all.tokensOut())
                    .as("a cancelled call's partial reply is no answer")
                    .isEqualTo(4);
            // A price of 1,000,000 per million tokens makes every token cost exactly 1.
            assertThat(all.cost()).isEqualByComparingTo(BigDecimal.valueOf(all.tokensIn() + all.tokensOut()));
            assertThat(all.costComplete()).isTrue();

            LedgerStats run = LedgerStats.load(
                    WorkspaceRepositories.ledger(h.workspace),
                    h.workspace.endpoints().prices(),
                    7L);
            assertThat(run.calls()).isEqualTo(1);
            assertThat(run.cacheHits()).isEqualTo(1);
            assertThat(run.failures()).isZero();
        }
    }
}
