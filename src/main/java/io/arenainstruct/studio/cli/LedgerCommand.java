package io.arenainstruct.studio.cli;

import java.io.PrintWriter;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

import io.arenainstruct.studio.domain.llm.ErrorClass;
import io.arenainstruct.studio.service.workspace.Workspace;
import io.arenainstruct.studio.store.CallLedgerRepository;
import io.arenainstruct.studio.store.EndpointRepository;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "ledger", description = "The record of every model call.", subcommands = {LedgerCommand.Stats.class})
final class LedgerCommand {

    @Command(name = "stats", description = "Calls, cache hits, failures by class, tokens and cost (per model and total).")
    static final class Stats implements Callable<Integer> {
        private static final BigDecimal MILLION = BigDecimal.valueOf(1_000_000);

        @Spec
        CommandSpec spec;

        @Option(names = "--json", description = "Print JSON.")
        boolean json;

        @Option(names = "--run", paramLabel = "ID", description = "Only the calls of this run.")
        Long run;

        @Override
        public Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            try (Workspace ws = CliSupport.openWorkspace(spec)) {
                List<CallLedgerRepository.ModelTotals> totals = ws.ledger().totalsByModel(run);
                Map<ErrorClass, Integer> failures = ws.ledger().failuresByClass(run);
                Map<String, EndpointRepository.Price> prices = ws.endpoints().prices();
                List<Map<String, Object>> models = new ArrayList<>();
                int sent = 0;
                int hits = 0;
                int dry = 0;
                int failed = 0;
                long in = 0;
                long outTokens = 0;
                BigDecimal cost = BigDecimal.ZERO;
                boolean allPriced = true;
                for (CallLedgerRepository.ModelTotals t : totals) {
                    EndpointRepository.Price price = prices.get(t.model());
                    BigDecimal c = price == null ? null : price.inputPerMillion().multiply(BigDecimal.valueOf(t.tokensIn()))
                            .add(price.outputPerMillion().multiply(BigDecimal.valueOf(t.tokensOut())))
                            .divide(MILLION, 6, RoundingMode.HALF_UP);
                    Map<String, Object> m = new LinkedHashMap<>();
                    m.put("model", t.model());
                    m.put("calls", t.sent());
                    m.put("cache_hits", t.cacheHits());
                    m.put("dry_runs", t.dryRuns());
                    m.put("failures", t.failed());
                    m.put("tokens_in", t.tokensIn());
                    m.put("tokens_out", t.tokensOut());
                    m.put("cost", c);
                    models.add(m);
                    sent += t.sent();
                    hits += t.cacheHits();
                    dry += t.dryRuns();
                    failed += t.failed();
                    in += t.tokensIn();
                    outTokens += t.tokensOut();
                    if (c == null) {
                        allPriced = t.tokensIn() + t.tokensOut() == 0 && allPriced;
                    } else {
                        cost = cost.add(c);
                    }
                }
                Map<String, Integer> byClass = new LinkedHashMap<>();
                failures.forEach((k, v) -> byClass.put(k.label(), v));
                if (json) {
                    Map<String, Object> doc = new LinkedHashMap<>();
                    doc.put("calls", sent);
                    doc.put("cache_hits", hits);
                    doc.put("dry_runs", dry);
                    doc.put("failures", failed);
                    doc.put("failures_by_class", byClass);
                    doc.put("tokens_in", in);
                    doc.put("tokens_out", outTokens);
                    doc.put("cost", cost);
                    doc.put("cost_complete", allPriced);
                    doc.put("models", models);
                    CliSupport.printJson(out, doc);
                } else {
                    out.printf("calls %d, cache hits %d, dry runs %d, failures %d%n", sent, hits, dry, failed);
                    byClass.forEach((k, v) -> out.printf("  failed (%s): %d%n", k, v));
                    out.printf("tokens in %d, out %d, cost %s%s%n", in, outTokens, cost.stripTrailingZeros().toPlainString(),
                            allPriced ? "" : " (some models have no price; set them in the Endpoints area)");
                    for (Map<String, Object> m : models) {
                        out.printf("  %s: %s calls, %s cache hits, %s failures, %s/%s tokens%n", m.get("model"),
                                m.get("calls"), m.get("cache_hits"), m.get("failures"), m.get("tokens_in"),
                                m.get("tokens_out"));
                    }
                }
                return Cli.OK;
            }
        }
    }
}
