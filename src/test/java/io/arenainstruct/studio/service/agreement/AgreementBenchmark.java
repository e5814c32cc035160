package io.arenainstruct.studio.service.agreement;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.function.Consumer;

import io.arenainstruct.studio.cli.CliRun;
import io.arenainstruct.studio.service.workspace.Workspace;
import io.arenainstruct.studio.service.workspace.WorkspaceRepositories;
import io.arenainstruct.studio.store.ArenaRepository;

/**
 * Issue 11's agreement benchmark: {@code agreement} over 100,000 battles with 300,000 human votes (three of 30
 * annotators on each battle) and two judges' verdicts on every battle (two games and the combined verdict each:
 * 600,000 rows, the games with replies of 300 to 1,500 characters), answers of 200 to 2,000 characters, 20
 * categories. Rows are written straight to the store (the benchmark is the reading). Reports the service's time
 * (first run, then the best of three), one category, and the command ({@code agreement --json}: opening the store,
 * reading, writing the JSON) run in-process. {@code -Dbench.agreementStore=DIR} keeps the filled store for reruns.
 */
public final class AgreementBenchmark {
    private static final int BATTLES = Integer.getInteger("bench.agreementBattles", 100_000);
    private static final int ANNOTATORS = 30;
    private static final int MODELS = 10;
    private static final int CHUNK = 5_000;
    private static final String JUDGMENT = "The first answer addresses the question directly. ".repeat(40);
    private static final String[] OUTCOMES = {"a", "b", "tie", "both-bad"};

    private AgreementBenchmark() {}

    public static void run(Path root, Consumer<String> report) {
        // -Dbench.agreementStore=DIR keeps the filled store there and reads it again on the next run
        String kept = System.getProperty("bench.agreementStore");
        Path dir = kept == null ? root.resolve("agreement-store") : Path.of(kept);
        boolean filled = kept != null && Files.exists(dir);
        long f0 = System.nanoTime();
        int[] votes = {3 * BATTLES, 6 * BATTLES};
        if (!filled) {
            try (Workspace ws = Workspace.open(dir)) {
                votes = fill(ws);
            }
        }
        double fillSeconds = (System.nanoTime() - f0) / 1e9;
        try (Workspace ws = Workspace.open(dir)) {
            long t0 = System.nanoTime();
            Agreement first = ws.agreement().compute(null);
            double firstSeconds = (System.nanoTime() - t0) / 1e9;
            double best = Double.MAX_VALUE;
            for (int i = 0; i < 3; i++) {
                long t = System.nanoTime();
                ws.agreement().compute(null);
                best = Math.min(best, (System.nanoTime() - t) / 1e9);
            }
            long c0 = System.nanoTime();
            Agreement one = ws.agreement().compute("category 3");
            double categorySeconds = (System.nanoTime() - c0) / 1e9;
            report.accept(String.format(
                    Locale.ROOT,
                    "agreement over %,d battles, %,d human votes, %,d judge verdicts: first %.2f s, best of 3 %.2f s"
                            + " (%d judges, %d annotator pairs, %d categories; alpha %.3f); one category"
                            + " (%,d battles) %.2f s; store filled in %.1f s",
                    BATTLES,
                    votes[0],
                    votes[1],
                    firstSeconds,
                    best,
                    first.overall().judges().size(),
                    first.overall().annotators().size(),
                    first.byCategory().size(),
                    first.overall().krippendorffAlpha(),
                    one.overall().humanBattles() + one.overall().splitBattles(),
                    categorySeconds,
                    fillSeconds));
        }
        long k0 = System.nanoTime();
        CliRun cli = CliRun.on(dir, "agreement", "--json");
        double cliSeconds = (System.nanoTime() - k0) / 1e9;
        if (cli.code() != 0) {
            throw new IllegalStateException("agreement failed: " + cli.err());
        }
        report.accept(String.format(
                Locale.ROOT,
                "agreement --json (in-process: open the store, read, write %,d characters of JSON): %.2f s",
                cli.out().length(),
                cliSeconds));
    }

    /**
     * Battle k: model k % 10 against (k + 1) % 10 on its own instruction, category k % 20; a hidden "better" side;
     * three distinct annotators who each pick it 70% of the time; judge-1 (v1) right 75% of the time in each game,
     * judge-2 (v2) preferring the answer shown first in 60% of its games. Returns {human votes, judge rows}.
     */
    private static int[] fill(Workspace ws) {
        ArenaRepository arena = new ArenaRepository(WorkspaceRepositories.store(ws));
        long[] models = new long[MODELS];
        for (int m = 0; m < MODELS; m++) {
            models[m] = arena.model("model-" + m);
        }
        Random random = new Random(11);
        Timestamp now = Timestamp.from(Instant.parse("2026-12-07T00:00:00Z"));
        int[] counts = new int[2];
        // One transaction per 5,000 battles: a single one over a million rows makes H2 keep all of it to undo.
        for (int from = 0; from < BATTLES; from += CHUNK) {
            int first = from;
            WorkspaceRepositories.store(ws).write(c -> {
                try (PreparedStatement ins =
                                c.prepareStatement("INSERT INTO arena_instruction (id, content_hash, prompt,"
                                        + " turns, category, created_at) VALUES (?, ?, ?, 1, ?, ?)");
                        PreparedStatement res = c.prepareStatement("INSERT INTO arena_response (id, instruction_id,"
                                + " model_id, content_hash, text, origin, created_at)"
                                + " VALUES (?, ?, ?, ?, ?, 'imported', ?)");
                        PreparedStatement bat = c.prepareStatement("INSERT INTO battle (id, pair_key, instruction_id,"
                                + " model_a, model_b, response_a, response_b, turn, strategy, category, status,"
                                + " inconsistent, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, 1, 'all-pairs', ?,"
                                + " 'adjudicated', FALSE, ?)");
                        PreparedStatement ver = c.prepareStatement("INSERT INTO verdict (battle_id, source, game,"
                                + " swapped, voter, outcome, agent, prompt_version, imported, created_at, judgment)"
                                + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, FALSE, ?, ?)")) {
                    for (int k = first; k < Math.min(BATTLES, first + CHUNK); k++) {
                        long id = k + 1;
                        String category = "category " + (k % 20);
                        ins.setLong(1, id);
                        ins.setString(2, "bench-" + k);
                        ins.setString(3, "Question " + k);
                        ins.setString(4, category);
                        ins.setTimestamp(5, now);
                        ins.addBatch();
                        for (int side = 0; side < 2; side++) {
                            res.setLong(1, 2 * id - 1 + side);
                            res.setLong(2, id);
                            res.setLong(3, models[(k + side) % MODELS]);
                            res.setString(4, "bench-" + k + "-" + side);
                            res.setString(5, "x".repeat(200 + random.nextInt(1_801)));
                            res.setTimestamp(6, now);
                            res.addBatch();
                        }
                        bat.setLong(1, id);
                        bat.setString(2, "bench:" + k);
                        bat.setLong(3, id);
                        bat.setLong(4, models[k % MODELS]);
                        bat.setLong(5, models[(k + 1) % MODELS]);
                        bat.setLong(6, 2 * id - 1);
                        bat.setLong(7, 2 * id);
                        bat.setString(8, category);
                        bat.setTimestamp(9, now);
                        bat.addBatch();

                        String better = random.nextInt(10) < 2 ? "tie" : random.nextBoolean() ? "a" : "b";
                        List<Integer> people = new ArrayList<>();
                        while (people.size() < 3) {
                            int p = random.nextInt(ANNOTATORS);
                            if (!people.contains(p)) {
                                people.add(p);
                            }
                        }
                        for (int p : people) {
                            String said = random.nextInt(10) < 7 ? better : OUTCOMES[random.nextInt(OUTCOMES.length)];
                            verdict(ver, id, "human", null, false, "annotator-" + p, said, null, null, now);
                            counts[0]++;
                        }
                        for (int judge = 1; judge <= 2; judge++) {
                            String[] games = new String[2];
                            for (int g = 0; g < 2; g++) {
                                boolean swapped = g == 1;
                                String said;
                                if (judge == 1) {
                                    said = random.nextInt(4) < 3 ? better : OUTCOMES[random.nextInt(3)];
                                } else {
                                    said = random.nextInt(10) < 6 ? (swapped ? "b" : "a") : OUTCOMES[random.nextInt(3)];
                                }
                                games[g] = said;
                                verdict(
                                        ver,
                                        id,
                                        "judge",
                                        g + 1,
                                        swapped,
                                        "judge-" + judge,
                                        said,
                                        "arena-hard-judge",
                                        judge,
                                        now);
                            }
                            String combined = games[0].equals(games[1])
                                    ? games[0]
                                    : games[0].equals("tie") ? games[1] : games[1].equals("tie") ? games[0] : "tie";
                            verdict(
                                    ver,
                                    id,
                                    "judge",
                                    0,
                                    false,
                                    "judge-" + judge,
                                    combined,
                                    "arena-hard-judge",
                                    judge,
                                    now);
                            counts[1] += 3;
                        }
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
        return counts;
    }

    private static void verdict(
            PreparedStatement ps,
            long battle,
            String source,
            Integer game,
            boolean swapped,
            String voter,
            String outcome,
            String agent,
            Integer version,
            Timestamp at)
            throws SQLException {
        ps.setLong(1, battle);
        ps.setString(2, source);
        ps.setObject(3, game);
        ps.setBoolean(4, swapped);
        ps.setString(5, voter);
        ps.setString(6, outcome);
        ps.setString(7, agent);
        ps.setObject(8, version);
        ps.setTimestamp(9, at);
        // a judge's game keeps its reply, 300 to 1,500 characters here: agreement reads past it
        boolean game12 = game != null && game > 0;
        ps.setString(10, game12 ? JUDGMENT.substring(0, 300 + (int) ((battle * 7 + game) % 1_201)) : null);
        ps.addBatch();
    }
}
