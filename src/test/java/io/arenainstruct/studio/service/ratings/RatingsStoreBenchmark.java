package io.arenainstruct.studio.service.ratings;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.function.Consumer;
import java.util.function.Supplier;

import io.arenainstruct.studio.cli.CliRun;
import io.arenainstruct.studio.domain.ratings.Leaderboard;
import io.arenainstruct.studio.domain.ratings.RatingOptions;
import io.arenainstruct.studio.domain.ratings.RatingSource;
import io.arenainstruct.studio.service.workspace.TestWorkspaces;
import io.arenainstruct.studio.service.workspace.Workspace;
import io.arenainstruct.studio.service.workspace.WorkspaceRepositories;
import io.arenainstruct.studio.store.ArenaRepository;

/**
 * Ratings read from the store (not a test): 100,000 battles among 20 models, each judged in two games plus the
 * judge's combined verdict (300,000 verdict rows, one game in ten strong), answers of 200 to 2,000 characters with
 * some Markdown. Times {@code RatingsService.compute} (reading the verdicts, the source rules and the fit, 100
 * bootstrap rounds) plain and with style control (first run: every answer's text read and counted; then from the
 * service's cache), the reading alone, and {@code ratings --json} in-process. RatingsBenchmark times the fit alone.
 * {@code -Dbench.ratingsStore=DIR} keeps the filled store for reruns.
 */
public final class RatingsStoreBenchmark {
    private static final int BATTLES = Integer.getInteger("bench.ratingsStoreBattles", 100_000);
    private static final int MODELS = 20;
    private static final int CHUNK = 5_000;
    private static final String PARAGRAPH = "The answer explains the idea step by step with an example. ";

    private RatingsStoreBenchmark() {}

    public static void run(Path root, Consumer<String> report) {
        // -Dbench.ratingsStore=DIR keeps the filled store there and reads it again on the next run
        String kept = System.getProperty("bench.ratingsStore");
        Path dir = kept == null ? root.resolve("ratings-store") : Path.of(kept);
        long f0 = System.nanoTime();
        if (kept == null || !Files.exists(dir)) {
            try (Workspace ws = TestWorkspaces.open(dir)) {
                fill(ws);
            }
        }
        double fillSeconds = (System.nanoTime() - f0) / 1e9;
        RatingOptions judge = RatingOptions.defaults().withSource(RatingSource.JUDGE);
        try (Workspace ws = TestWorkspaces.open(dir)) {
            RatingsService ratings = ws.ratings();
            double read = best(3, () -> ratings.observations(judge).size());
            double plainFirst = seconds(() -> ratings.compute(judge));
            double plain = best(3, () -> ratings.compute(judge));
            RatingOptions styled = judge.withStyleControl(true);
            double styleFirst = seconds(() -> ratings.compute(styled));
            long texts = ratings.textsRead();
            double style = best(2, () -> ratings.compute(styled));
            Leaderboard board = ratings.compute(judge);
            report.accept(String.format(
                    Locale.ROOT,
                    "ratings from the store: %,d battles among %d models, %,d judge games (store filled in %.1f s):"
                            + " reading and source rules %.2f s; plain compute (100 bootstrap rounds) first %.2f s,"
                            + " best of 3 %.2f s; style control first %.2f s (%,d answers read and counted), then"
                            + " %.2f s",
                    BATTLES,
                    board.ratings().size(),
                    board.observations(),
                    fillSeconds,
                    read,
                    plainFirst,
                    plain,
                    styleFirst,
                    texts,
                    style));
        }
        long c0 = System.nanoTime();
        CliRun cli = CliRun.on(dir, "ratings", "--source", "judge", "--json");
        double cliSeconds = (System.nanoTime() - c0) / 1e9;
        if (cli.code() != 0) {
            throw new IllegalStateException("ratings failed: " + cli.err());
        }
        report.accept(String.format(
                Locale.ROOT, "ratings --source judge --json (in-process, opening the store): %.2f s", cliSeconds));
    }

    private static double seconds(Supplier<?> work) {
        long t = System.nanoTime();
        work.get();
        return (System.nanoTime() - t) / 1e9;
    }

    private static double best(int runs, Supplier<?> work) {
        double best = Double.MAX_VALUE;
        for (int i = 0; i < runs; i++) {
            best = Math.min(best, seconds(work));
        }
        return best;
    }

    /**
     * Battle k: model k % 20 against (k + 1 + k / 20) % 20 (so every model meets many), on its own instruction;
     * games drawn from Bradley–Terry with strengths 0.1 × model number, one in ten strong; each answer 200 to
     * 2,000 characters, some with a header, list items and bold.
     */
    private static void fill(Workspace ws) {
        ArenaRepository arena = new ArenaRepository(WorkspaceRepositories.store(ws));
        long[] models = new long[MODELS];
        for (int m = 0; m < MODELS; m++) {
            models[m] = arena.model("model-" + m);
        }
        SplittableRandom random = new SplittableRandom(12);
        Instant t0 = Instant.parse("2026-12-07T00:00:00Z");
        for (int from = 0; from < BATTLES; from += CHUNK) {
            int first = from;
            WorkspaceRepositories.store(ws).write(c -> {
                try (PreparedStatement ins = c.prepareStatement("INSERT INTO arena_instruction (id, content_hash,"
                                + " prompt, turns, category, created_at) VALUES (?, ?, ?, 1, ?, ?)");
                        PreparedStatement res = c.prepareStatement("INSERT INTO arena_response (id, instruction_id,"
                                + " model_id, content_hash, text, origin, created_at)"
                                + " VALUES (?, ?, ?, ?, ?, 'imported', ?)");
                        PreparedStatement bat = c.prepareStatement("INSERT INTO battle (id, pair_key, instruction_id,"
                                + " model_a, model_b, response_a, response_b, turn, strategy, category, status,"
                                + " inconsistent, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, 1, 'all-pairs', ?,"
                                + " 'judged', FALSE, ?)");
                        PreparedStatement ver = c.prepareStatement("INSERT INTO verdict (battle_id, source, game,"
                                + " swapped, voter, outcome, label, imported, verdict_key, created_at)"
                                + " VALUES (?, 'judge', ?, ?, 'judge-1', ?, ?, FALSE, ?, ?)")) {
                    for (int k = first; k < Math.min(BATTLES, first + CHUNK); k++) {
                        long id = k + 1;
                        int a = k % MODELS;
                        int b = (a + 1 + (k / MODELS) % (MODELS - 1)) % MODELS;
                        String category = "category " + (k % 10);
                        Timestamp at = Timestamp.from(t0.plusSeconds(k));
                        ins.setLong(1, id);
                        ins.setString(2, "bench-" + k);
                        ins.setString(3, "Question " + k);
                        ins.setString(4, category);
                        ins.setTimestamp(5, at);
                        ins.addBatch();
                        for (int side = 0; side < 2; side++) {
                            res.setLong(1, 2 * id - 1 + side);
                            res.setLong(2, id);
                            res.setLong(3, models[side == 0 ? a : b]);
                            res.setString(4, "bench-" + k + "-" + side);
                            res.setString(5, answer(random));
                            res.setTimestamp(6, at);
                            res.addBatch();
                        }
                        bat.setLong(1, id);
                        bat.setString(2, "bench:" + k);
                        bat.setLong(3, id);
                        bat.setLong(4, models[a]);
                        bat.setLong(5, models[b]);
                        bat.setLong(6, 2 * id - 1);
                        bat.setLong(7, 2 * id);
                        bat.setString(8, category);
                        bat.setTimestamp(9, at);
                        bat.addBatch();
                        double pA = 1 / (1 + Math.exp(-0.1 * (a - b)));
                        String[] labels = new String[2];
                        for (int g = 1; g <= 2; g++) {
                            boolean strong = random.nextInt(10) == 0;
                            if (random.nextDouble() < 0.15) {
                                labels[g - 1] = "A=B";
                            } else if (random.nextDouble() < pA) {
                                labels[g - 1] = strong ? "A>>B" : "A>B";
                            } else {
                                labels[g - 1] = strong ? "B>>A" : "B>A";
                            }
                            verdict(ver, id, g, labels[g - 1], at);
                        }
                        verdict(ver, id, 0, labels[0], at);
                        if (k % 2_000 == 1_999) {
                            ins.executeBatch();
                            res.executeBatch();
                            bat.executeBatch();
                            ver.executeBatch();
                        }
                    }
                    ins.executeBatch();
                    res.executeBatch();
                    bat.executeBatch();
                    ver.executeBatch();
                }
                return null;
            });
        }
    }

    private static String answer(SplittableRandom random) {
        StringBuilder s = new StringBuilder();
        if (random.nextBoolean()) {
            s.append("## Answer\n");
        }
        int items = random.nextInt(4);
        for (int i = 0; i < items; i++) {
            s.append("- **point ").append(i).append("**\n");
        }
        int length = 200 + random.nextInt(1_801);
        while (s.length() < length) {
            s.append(PARAGRAPH);
        }
        return s.substring(0, length);
    }

    private static void verdict(PreparedStatement ps, long battle, int game, String label, Timestamp at)
            throws SQLException {
        ps.setLong(1, battle);
        ps.setInt(2, game);
        ps.setBoolean(3, game == 2);
        ps.setString(4, label.startsWith("A>") ? "a" : label.startsWith("B>") ? "b" : "tie");
        ps.setString(5, label);
        ps.setString(6, "bench:" + battle + ":g" + game);
        ps.setTimestamp(7, at);
        ps.addBatch();
    }
}
