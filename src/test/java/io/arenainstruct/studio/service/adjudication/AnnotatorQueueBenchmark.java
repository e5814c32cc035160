package io.arenainstruct.studio.service.adjudication;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;

import io.arenainstruct.studio.domain.PostgresqlLocation;
import io.arenainstruct.studio.service.workspace.DataDirectories;
import io.arenainstruct.studio.service.workspace.Workspace;
import io.arenainstruct.studio.store.ChildJvm;
import io.arenainstruct.studio.store.TestStores;
import io.arenainstruct.studio.ui.arena.ArenaFixture;

/**
 * Four annotators, each a process of its own ({@link AnnotatorChildMain}), deciding one queue on one PostgreSQL
 * store as fast as the service allows (claim the next battle, vote, on to the next; K = 1) for
 * {@code -Dbench.annotators.seconds} (60 unless given): verdicts per second overall, the p95 of the time from the
 * vote call to its commit returned, and whether every vote the children say they saved is a row. Not a test: it
 * prints figures for the README ({@code -Dbench=annotators}; needs STUDIO_TEST_POSTGRESQL and PGPASSWORD).
 */
public final class AnnotatorQueueBenchmark {
    private static final int ANNOTATORS = 4;

    private AnnotatorQueueBenchmark() {}

    public static void run(Path root, Consumer<String> out) throws Exception {
        String server = System.getenv(TestStores.SERVER_VARIABLE);
        if (server == null || server.isBlank()) {
            out.accept("annotators: skipped (set " + TestStores.SERVER_VARIABLE
                    + "=postgresql://HOST/DB?user=NAME and PGPASSWORD to run it on a PostgreSQL server)");
            return;
        }
        double seconds = Double.parseDouble(System.getProperty("bench.annotators.seconds", "60"));
        // more battles than four annotators can decide in the time: the queue never runs dry
        int battles = (int) Math.max(2_000, seconds * 400);
        PostgresqlLocation at = TestStores.freshDatabase();
        long f0 = System.nanoTime();
        try (Workspace ws = Workspace.open(at)) {
            new ArenaFixture(ws).battles(battles);
        }
        out.accept(String.format(
                Locale.ROOT,
                "annotators: %,d battles planted on PostgreSQL in %.1f s",
                battles,
                (System.nanoTime() - f0) / 1e9));
        List<ChildJvm> children = new ArrayList<>();
        List<Long> nanos = new ArrayList<>();
        int said = 0;
        double wall;
        // the longest time a child voted, from its start signal to its last vote returned
        double window = 0;
        try {
            for (int i = 0; i < ANNOTATORS; i++) {
                String name = "annotator-" + (i + 1);
                children.add(ChildJvm.start(
                        List.of("-D" + DataDirectories.HOME_PROPERTY + "=" + root.resolve(name)),
                        AnnotatorChildMain.class,
                        at.display(),
                        name,
                        "1",
                        String.valueOf(seconds)));
            }
            for (ChildJvm child : children) {
                child.awaitLine("READY"::equals, ChildJvm.timeout());
            }
            long t0 = System.nanoTime();
            for (ChildJvm child : children) {
                child.process().getOutputStream().write("go\n".getBytes(StandardCharsets.UTF_8));
                child.process().getOutputStream().flush();
            }
            Duration wait = Duration.ofSeconds((long) seconds + 60);
            for (ChildJvm child : children) {
                String done = child.awaitLine(
                        l -> {
                            if (l.startsWith("SAVED ")) {
                                nanos.add(Long.parseLong(l.split(" ")[2]));
                            }
                            return l.startsWith("DONE ");
                        },
                        wait);
                out.accept("annotators: " + done);
                String[] words = done.split(" ");
                window = Math.max(window, Long.parseLong(words[words.length - 1]) / 1e9);
            }
            wall = (System.nanoTime() - t0) / 1e9;
        } finally {
            for (ChildJvm child : children) {
                child.close();
            }
        }
        said = nanos.size();
        int rows;
        try (Connection c = TestStores.connect(at);
                PreparedStatement ps = c.prepareStatement("SELECT COUNT(*) FROM verdict WHERE source = 'human'");
                ResultSet rs = ps.executeQuery()) {
            rs.next();
            rows = rs.getInt(1);
        }
        long[] sorted = nanos.stream().mapToLong(Long::longValue).toArray();
        Arrays.sort(sorted);
        double p50 = sorted.length == 0 ? 0 : sorted[(int) Math.ceil(0.50 * sorted.length) - 1] / 1e6;
        double p95 = sorted.length == 0 ? 0 : sorted[(int) Math.ceil(0.95 * sorted.length) - 1] / 1e6;
        out.accept(String.format(
                Locale.ROOT,
                "annotators: %d processes on one PostgreSQL store for %.0f s (%.0f s with starting and stopping):"
                        + " %,d verdicts, %.0f verdicts/s overall; vote call to commit p50 %.1f ms, p95 %.1f ms;"
                        + " %d lost (%,d said saved, %,d rows)",
                ANNOTATORS,
                window,
                wall,
                said,
                said / window,
                p50,
                p95,
                said - rows,
                said,
                rows));
    }
}
