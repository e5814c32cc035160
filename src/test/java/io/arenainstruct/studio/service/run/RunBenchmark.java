package io.arenainstruct.studio.service.run;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;

import io.arenainstruct.studio.domain.run.RunConfig;
import io.arenainstruct.studio.domain.run.RunProgress;
import io.arenainstruct.studio.domain.run.RunStatus;
import io.arenainstruct.studio.domain.run.SeedSelection;
import io.arenainstruct.studio.service.llm.KeyResolver;
import io.arenainstruct.studio.service.llm.RetryPolicy;
import io.arenainstruct.studio.service.workspace.Workspace;
import io.arenainstruct.studio.testserver.FakeModelServer;
import io.arenainstruct.studio.testserver.SchemaReplies;

/**
 * Issue 4's benchmark: a run over 1,000 seeds (one passage, one instruction, one refinement round and an answer
 * each: 5 calls a seed) against a local server that serves at most C requests at once with latency L. Reports the
 * wall time against the ideal calls x L / C (target: within 1.1x).
 */
public final class RunBenchmark {
    private static final int SEEDS = 1_000;
    private static final int CAPACITY = 8;
    private static final Duration LATENCY = Duration.ofMillis(100);

    private RunBenchmark() {}

    public static void run(Path root, Consumer<String> report) {
        try (FakeModelServer server = FakeModelServer.start();
                Workspace ws = Workspace.open(
                        root.resolve("run-store"),
                        new KeyResolver(root.resolve("secrets.properties"), n -> null),
                        RetryPolicy.DEFAULT)) {
            server.replyWith(SchemaReplies.fill()).capacity(CAPACITY).latency(LATENCY);
            RunFixture.install(ws, server.openAiBaseUrl(), SEEDS, CAPACITY);
            // Warm up the JIT, HTTP client and store on a few other seeds' worth of calls, off the record.
            RunConfig warm = RunConfig.of(
                            List.of(RunFixture.SKILL),
                            SeedSelection.ids(List.of(1L, 2L, 3L, 4L, 5L, 6L, 7L, 8L)),
                            "local")
                    .withRounds(1)
                    .withFreshSamples(true, 99L);
            ws.runs().start(warm).run();
            int before = server.chatRequests().size();

            RunConfig config = RunConfig.of(List.of(RunFixture.SKILL), SeedSelection.all(), "local")
                    .withRounds(1);
            RunHandle run = ws.runs().start(config);
            long t0 = System.nanoTime();
            RunStatus status = run.run();
            double seconds = (System.nanoTime() - t0) / 1e9;
            RunProgress p = run.progress();
            int sent = server.chatRequests().size() - before;
            double ideal = sent * (LATENCY.toMillis() / 1000.0) / CAPACITY;
            report.accept(String.format(
                    Locale.ROOT,
                    "run of %d seeds (%s), %d calls sent (%d from the ledger),"
                            + " server C=%d, L=%d ms: %.1f s; ideal calls x L / C = %.1f s; %.3fx the ideal (target "
                            + "1.1);"
                            + " 429s %d",
                    SEEDS,
                    status.id(),
                    sent,
                    p.cacheHits(),
                    CAPACITY,
                    LATENCY.toMillis(),
                    seconds,
                    ideal,
                    seconds / ideal,
                    server.count429()));
        }
    }
}
