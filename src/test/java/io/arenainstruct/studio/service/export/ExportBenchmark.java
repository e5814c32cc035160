package io.arenainstruct.studio.service.export;

import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Statement;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

import io.arenainstruct.studio.service.task.Cancellation;
import io.arenainstruct.studio.service.workspace.TestWorkspaces;
import io.arenainstruct.studio.service.workspace.Workspace;
import io.arenainstruct.studio.service.workspace.WorkspaceRepositories;
import io.arenainstruct.studio.store.ChildJvm;

/**
 * Issue 13's export benchmark (not a test): a store with 1,000,000 answered run instructions in 20 skills and 100
 * categories (instruction about 190 characters, response about 700, generator and answerer recorded), exported with
 * metadata as OpenAI chat JSONL in a child JVM capped at 256 MB of heap ({@code -Xmx256m}: a bound that is not kept
 * ends in an OutOfMemoryError, not in a figure). Reports planning and writing time, rows a second, the file's size
 * and the child's heap peak.
 */
public final class ExportBenchmark {
    private static final int ROWS = Integer.getInteger("bench.exportRows", 1_000_000);

    private ExportBenchmark() {}

    public static void run(Path root, Consumer<String> report) throws Exception {
        Path store = root.resolve("export-store");
        long t0 = System.nanoTime();
        try (Workspace ws = TestWorkspaces.open(store)) {
            WorkspaceRepositories.store(ws).write(c -> {
                try (Statement st = c.createStatement()) {
                    // rows a run would have made, without the run, seeds and passages behind them
                    st.execute("SET REFERENTIAL_INTEGRITY FALSE");
                    st.execute("INSERT INTO instruction (id, run_id, skill, seed_id, passage_id, slot, category,"
                            + " subcategory, generator_agent, generator_version, generation_call_id, endpoint, model,"
                            + " generated, rounds_planned, rounds_done, instruction, response, answerer_agent,"
                            + " answerer_version, answer_call_id, status, created_at)"
                            + " SELECT X, 1, 'skill-' || MOD(X, 20), MOD(X, 5000) + 1, X, 0,"
                            + " 'category-' || MOD(X, 100),"
                            + " 'sub', 'generator', 2, X * 3, 'local', 'qwen2.5',"
                            + " 'Instruction ' || X || ': ' || REPEAT('explain the passage in plain words ', 5),"
                            + " 0, 0, 'Instruction ' || X || ': ' || REPEAT('explain the passage in plain words ', 5),"
                            + " 'Answer ' || X || ': ' || REPEAT('a careful answer with reasons and an example. ', 15),"
                            + " 'answerer', 1, X * 3 + 1, 'complete', CURRENT_TIMESTAMP"
                            + " FROM SYSTEM_RANGE(1, " + ROWS + ")");
                    st.execute("SET REFERENTIAL_INTEGRITY TRUE");
                }
                return null;
            });
        }
        report.accept(String.format(
                Locale.ROOT,
                "export: %,d run instructions stored in %.1f s; exporting them with metadata in a JVM with -Xmx256m",
                ROWS,
                (System.nanoTime() - t0) / 1e9));
        Path out = root.resolve("export.jsonl");
        try (ChildJvm child = ChildJvm.start(Child.class, store.toString(), out.toString())) {
            String line = child.awaitLine(l -> l.startsWith("RESULT ") || l.startsWith("FAILED "), Duration.ofHours(1));
            report.accept("  " + line.substring(line.indexOf(' ') + 1));
            if (line.startsWith("FAILED")) {
                report.accept(child.stderr());
            }
        }
        Files.deleteIfExists(out);
    }

    /** The export itself, in the capped JVM. */
    public static final class Child {
        private Child() {}

        public static void main(String[] args) {
            try (Workspace ws = TestWorkspaces.open(Path.of(args[0]))) {
                // The whole heap's use sampled every 20 ms (the pools' own peaks come at different moments, so their
                // sum overstates it); the -Xmx256m cap is the bound itself.
                AtomicLong peak = new AtomicLong();
                Thread sampler = new Thread(() -> {
                    while (!Thread.currentThread().isInterrupted()) {
                        peak.accumulateAndGet(
                                ManagementFactory.getMemoryMXBean()
                                        .getHeapMemoryUsage()
                                        .getUsed(),
                                Math::max);
                        try {
                            Thread.sleep(20);
                        } catch (InterruptedException e) {
                            return;
                        }
                    }
                });
                sampler.setDaemon(true);
                sampler.start();
                long t0 = System.nanoTime();
                ExportPlan plan = ws.exports()
                        .plan(
                                SelectionRules.of(ExportSelect.INSTRUCTIONS),
                                ExportFormat.OPENAI,
                                null,
                                Cancellation.NEVER);
                long t1 = System.nanoTime();
                long rows = ws.exports().write(plan, Path.of(args[1]), true, true, Cancellation.NEVER);
                long t2 = System.nanoTime();
                sampler.interrupt();
                System.out.printf(
                        Locale.ROOT,
                        "RESULT %,d rows (%,d MB): planned in %.1f s, written in %.1f s (%,.0f rows/s), heap peak %d MB"
                                + " (max %d MB)%n",
                        rows,
                        Files.size(Path.of(args[1])) / (1024 * 1024),
                        (t1 - t0) / 1e9,
                        (t2 - t1) / 1e9,
                        rows / ((t2 - t1) / 1e9),
                        peak.get() / (1024 * 1024),
                        Runtime.getRuntime().maxMemory() / (1024 * 1024));
            } catch (Throwable e) {
                System.out.println("FAILED " + e);
            }
        }
    }
}
