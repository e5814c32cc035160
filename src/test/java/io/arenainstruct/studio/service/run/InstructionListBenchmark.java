package io.arenainstruct.studio.service.run;

import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;
import java.util.function.Supplier;

import io.arenainstruct.studio.domain.run.InstructionFilter;
import io.arenainstruct.studio.store.InstructionRepository;
import io.arenainstruct.studio.store.RunRepository;
import io.arenainstruct.studio.store.Store;

/**
 * What the Instructions area asks of the store with 100,000 instructions: the count, and pages of 200 rows at the
 * top, the middle and the end of the list, unfiltered and filtered by status. Median of 5 of each.
 */
public final class InstructionListBenchmark {
    private static final int ROWS = 100_000;

    private InstructionListBenchmark() {}

    public static void run(Path root, Consumer<String> report) {
        try (Store store = Store.open(root.resolve("instructions-store"))) {
            long runId = new RunRepository(store).create("{}", "{}");
            long t0 = System.nanoTime();
            store.write(c -> {
                Timestamp now = Timestamp.from(Instant.now());
                try (PreparedStatement ps = c.prepareStatement("INSERT INTO instruction (run_id, skill, seed_id,"
                        + " passage_id, slot, category, rounds_planned, rounds_done, generated, instruction, response,"
                        + " status, created_at) VALUES (?, ?, ?, ?, ?, ?, 2, 2, ?, ?, ?, ?, ?)")) {
                    for (int i = 0; i < ROWS; i++) {
                        String text = "Instruction " + i + ": explain in three sentences why the harbor market moved"
                                + " to the square, using the figures the passage gives for each winter.";
                        ps.setLong(1, runId);
                        ps.setString(2, i % 3 == 0 ? "reading-comprehension" : "text-modification");
                        ps.setLong(3, 1 + i % 500);
                        ps.setLong(4, 1 + i / 4);
                        ps.setInt(5, i % 4);
                        ps.setString(6, "Category " + (i % 12));
                        ps.setString(7, text);
                        ps.setString(8, text + " Answer with a table.");
                        ps.setString(9, i % 5 == 0 ? null : "A response of a few sentences to instruction " + i + ".");
                        ps.setString(10, i % 5 == 0 ? "pending" : "complete");
                        ps.setTimestamp(11, now);
                        ps.addBatch();
                        if (i % 5_000 == 4_999) {
                            ps.executeBatch();
                        }
                    }
                    ps.executeBatch();
                }
                return null;
            });
            double fill = (System.nanoTime() - t0) / 1e9;
            InstructionRepository repo = new InstructionRepository(store);
            InstructionFilter all = InstructionFilter.ALL;
            InstructionFilter pending = new InstructionFilter(null, null, null, "pending", null);
            report.accept(String.format(
                    Locale.ROOT,
                    "instructions: %,d rows written in %.1f s; count %.0f ms;"
                            + " page of 200 at row 0 %.0f ms, 50,000 %.0f ms, 99,800 %.0f ms; filtered (pending, %,d "
                            + "rows):"
                            + " count %.0f ms, last page %.0f ms",
                    ROWS,
                    fill,
                    median(() -> repo.count(all)),
                    median(() -> repo.page(all, 0, 200)),
                    median(() -> repo.page(all, 50_000, 200)),
                    median(() -> repo.page(all, ROWS - 200, 200)),
                    repo.count(pending),
                    median(() -> repo.count(pending)),
                    median(() -> repo.page(pending, repo.count(pending) - 200, 200))));
            // What `instructions list --json` reads: every instruction with its rounds and hand edits.
            List<Long> ids = repo.ids(all);
            long t1 = System.nanoTime();
            int read = 0;
            for (int from = 0; from < ids.size(); from += 500) {
                List<Long> chunk = ids.subList(from, Math.min(ids.size(), from + 500));
                repo.humanEdits(chunk);
                read += repo.findAll(chunk).size();
            }
            double chunked = (System.nanoTime() - t1) / 1e9;
            long t2 = System.nanoTime();
            for (long id : ids.subList(0, 2_000)) {
                repo.find(id);
                repo.humanEdits(id);
            }
            double oneByOne = (System.nanoTime() - t2) / 1e6 / 2_000;
            report.accept(String.format(
                    Locale.ROOT,
                    "instructions: reading all %,d with rounds and hand edits in"
                            + " chunks of 500: %.1f s (one at a time: %.2f ms each, %.0f s for all)",
                    read,
                    chunked,
                    oneByOne,
                    oneByOne * ids.size() / 1000));
        }
    }

    private static double median(Supplier<?> work) {
        work.get(); // warm
        List<Double> ms = new ArrayList<>();
        for (int k = 0; k < 5; k++) {
            long t = System.nanoTime();
            work.get();
            ms.add((System.nanoTime() - t) / 1e6);
        }
        Collections.sort(ms);
        return ms.get(2);
    }
}
