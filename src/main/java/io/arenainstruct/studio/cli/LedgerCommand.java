package io.arenainstruct.studio.cli;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import io.arenainstruct.studio.service.llm.LedgerStats;
import io.arenainstruct.studio.service.workspace.Workspace;

@Command(
        name = "ledger",
        description = "The record of every model call.",
        subcommands = {LedgerCommand.Stats.class})
final class LedgerCommand {

    @Command(
            name = "stats",
            description = "Calls, cache hits, failures by class, tokens and cost (per model and total).")
    static final class Stats implements Callable<Integer> {
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
                LedgerStats stats = ws.callLedger().stats(ws.endpoints().prices(), run);
                Map<String, Integer> byClass = new LinkedHashMap<>();
                stats.failuresByClass().forEach((k, v) -> byClass.put(k.label(), v));
                if (json) {
                    Map<String, Object> doc = new LinkedHashMap<>();
                    doc.put("calls", stats.calls());
                    doc.put("cache_hits", stats.cacheHits());
                    doc.put("dry_runs", stats.dryRuns());
                    doc.put("failures", stats.failures());
                    doc.put("failures_by_class", byClass);
                    doc.put("cancelled", stats.cancelled());
                    doc.put("tokens_in", stats.tokensIn());
                    doc.put("tokens_out", stats.tokensOut());
                    doc.put("cost", stats.cost().stripTrailingZeros());
                    doc.put("cost_complete", stats.costComplete());
                    List<Map<String, Object>> models = new ArrayList<>();
                    for (LedgerStats.ModelStats m : stats.models()) {
                        Map<String, Object> row = new LinkedHashMap<>();
                        row.put("model", m.model());
                        row.put("calls", m.calls());
                        row.put("cache_hits", m.cacheHits());
                        row.put("dry_runs", m.dryRuns());
                        row.put("failures", m.failures());
                        row.put("tokens_in", m.tokensIn());
                        row.put("tokens_out", m.tokensOut());
                        row.put("cost", m.cost() == null ? null : m.cost().stripTrailingZeros());
                        models.add(row);
                    }
                    doc.put("models", models);
                    CliSupport.printJson(out, doc);
                } else {
                    out.printf(
                            "calls %d, cache hits %d, dry runs %d, failures %d, cancelled %d%n",
                            stats.calls(), stats.cacheHits(), stats.dryRuns(), stats.failures(), stats.cancelled());
                    byClass.forEach((k, v) -> out.printf("  failed (%s): %d%n", k, v));
                    out.printf(
                            "tokens in %d, out %d, cost %s%s%n",
                            stats.tokensIn(),
                            stats.tokensOut(),
                            LedgerStats.formatCost(stats.cost()),
                            stats.costComplete() ? "" : " (some models have no price; set them with: models price)");
                    for (LedgerStats.ModelStats m : stats.models()) {
                        out.printf(
                                "  %s: %s, %s, %s, %d/%d tokens%n",
                                m.model(),
                                CliSupport.count(m.calls(), "calls"),
                                CliSupport.count(m.cacheHits(), "cache hits"),
                                CliSupport.count(m.failures(), "failures"),
                                m.tokensIn(),
                                m.tokensOut());
                    }
                }
                return Cli.OK;
            }
        }
    }
}
