package io.arenainstruct.studio.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Instant;
import java.util.List;

import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.arenainstruct.studio.domain.TimeRange;
import io.arenainstruct.studio.domain.iteration.Iteration;
import io.arenainstruct.studio.domain.iteration.IterationCounts;

/** A store made before iterations gets the first, holding everything made so far (decision 0017). */
class IterationMigrationTest {
    @TempDir
    Path tmp;

    private String storeAtVersion12() throws Exception {
        Files.createDirectories(tmp);
        String url = "jdbc:h2:file:" + tmp.resolve(Store.FILE_NAME) + ";DB_CLOSE_ON_EXIT=FALSE";
        Flyway.configure(Store.class.getClassLoader())
                .dataSource(url, "studio", "")
                .locations("classpath:db/migration", "classpath:db/h2")
                .target("12")
                .load()
                .migrate();
        return url;
    }

    @Test
    void theFirstIterationStartsAtTheEarliestRecordAndHoldsThemAll() throws Exception {
        String url = storeAtVersion12();
        try (Connection c = DriverManager.getConnection(url, "studio", "");
                Statement st = c.createStatement()) {
            // Only the rows counted: a run with two instructions, two battles, a judge game, its combined verdict,
            // a vote and an imported row from 2019 (a file's own time, which must not move the start).
            st.execute("SET REFERENTIAL_INTEGRITY FALSE");
            st.execute("INSERT INTO run (id, status, config, frozen, created_at, updated_at) VALUES"
                    + " (1, 'done', '{}', '{}', TIMESTAMP WITH TIME ZONE '2025-03-02 10:00:00+00',"
                    + " TIMESTAMP WITH TIME ZONE '2025-03-02 11:00:00+00')");
            st.execute("INSERT INTO instruction (id, run_id, skill, seed_id, passage_id, slot, category,"
                    + " rounds_planned, status, created_at) VALUES"
                    + " (1, 1, 's', 1, 1, 0, 'c', 0, 'complete', TIMESTAMP WITH TIME ZONE '2025-03-02 10:05:00+00'),"
                    + " (2, 1, 's', 1, 1, 1, 'c', 0, 'complete', TIMESTAMP WITH TIME ZONE '2025-03-02 10:06:00+00')");
            st.execute("INSERT INTO battle (id, pair_key, model_a, model_b, turn, strategy, status, inconsistent,"
                    + " created_at) VALUES"
                    + " (1, 'p1', 1, 2, 1, 's', 'judged', FALSE, TIMESTAMP WITH TIME ZONE '2025-03-01 09:00:00+00'),"
                    + " (2, 'p2', 1, 2, 1, 's', 'judged', FALSE, TIMESTAMP WITH TIME ZONE '2025-04-01 09:00:00+00')");
            st.execute("INSERT INTO verdict (battle_id, source, game, swapped, voter, outcome, imported, verdict_key,"
                    + " created_at) VALUES"
                    + " (1, 'judge', 1, FALSE, 'j', 'a', FALSE, 'g1',"
                    + " TIMESTAMP WITH TIME ZONE '2025-03-03 00:00:00+00'),"
                    + " (1, 'judge', 0, FALSE, 'j', 'a', FALSE, 'g0',"
                    + " TIMESTAMP WITH TIME ZONE '2025-03-03 00:00:00+00'),"
                    + " (2, 'human', NULL, FALSE, 'ann', 'b', FALSE, NULL,"
                    + " TIMESTAMP WITH TIME ZONE '2025-04-02 00:00:00+00'),"
                    + " (2, 'human', NULL, FALSE, 'file', 'b', TRUE, 'f1',"
                    + " TIMESTAMP WITH TIME ZONE '2019-01-01 00:00:00+00')");
        }
        try (Store store = Store.open(tmp)) {
            IterationRepository iterations = new IterationRepository(store);
            List<Iteration> all = iterations.list();
            assertThat(all).containsExactly(new Iteration(1, Instant.parse("2025-03-01T09:00:00Z"), null, null));
            // the first iteration's range is all time while it is the only one: everything is in it; the combined
            // verdict (game 0) and the imported row are not counted
            assertThat(iterations.counts(TimeRange.ALL)).isEqualTo(new IterationCounts(1, 2, 2, 1, 1));
            assertThat(iterations.counts(new TimeRange(Instant.parse("2025-03-15T00:00:00Z"), null)))
                    .isEqualTo(new IterationCounts(0, 0, 1, 1, 0));
        }
    }

    @Test
    void anEmptyStoreStartsItsFirstIterationWhenMigrated() throws Exception {
        storeAtVersion12();
        Instant before = Instant.now().minusSeconds(1);
        try (Store store = Store.open(tmp)) {
            List<Iteration> all = new IterationRepository(store).list();
            assertThat(all).hasSize(1);
            assertThat(all.get(0).number()).isEqualTo(1);
            assertThat(all.get(0).startedAt()).isBetween(before, Instant.now().plusSeconds(1));
        }
    }
}
