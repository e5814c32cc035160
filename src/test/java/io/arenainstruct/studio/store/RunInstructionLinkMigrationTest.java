package io.arenainstruct.studio.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;

import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.arenainstruct.studio.domain.arena.ArenaInstruction;
import io.arenainstruct.studio.domain.arena.InstructionSelection;

/** Run instructions taken into the arena before the link table are linked to their newest text. */
class RunInstructionLinkMigrationTest {
    @TempDir
    Path tmp;

    @Test
    void eachRunInstructionIsLinkedToItsNewestArenaText() throws Exception {
        Files.createDirectories(tmp);
        String url = "jdbc:h2:file:" + tmp.resolve(Store.FILE_NAME) + ";DB_CLOSE_ON_EXIT=FALSE";
        Flyway.configure(Store.class.getClassLoader())
                .dataSource(url, "studio", "")
                .locations("classpath:db/migration", "classpath:db/h2")
                .target("8")
                .load()
                .migrate();
        try (Connection c = DriverManager.getConnection(url, "studio", "");
                Statement st = c.createStatement()) {
            // Only the rows the link is made from: two run instructions of run 3, no run, seed or passage behind them.
            st.execute("SET REFERENTIAL_INTEGRITY FALSE");
            st.execute("INSERT INTO instruction (id, run_id, skill, seed_id, passage_id, slot, category,"
                    + " rounds_planned, status, created_at) VALUES"
                    + " (7, 3, 's', 1, 1, 0, 'c', 0, 'complete', CURRENT_TIMESTAMP),"
                    + " (8, 3, 's', 1, 1, 1, 'c', 0, 'complete', CURRENT_TIMESTAMP)");
            // 7 was taken in, edited and taken in again (10, then 12); 8 once (11); 13 came from a dataset
            st.execute("INSERT INTO arena_instruction (id, content_hash, prompt, turns, run_instruction_id,"
                    + " created_at) VALUES"
                    + " (10, 'h10', 'Old text of 7.', 1, 7, CURRENT_TIMESTAMP),"
                    + " (11, 'h11', 'Text of 8.', 1, 8, CURRENT_TIMESTAMP),"
                    + " (12, 'h12', 'New text of 7.', 1, 7, CURRENT_TIMESTAMP),"
                    + " (13, 'h13', 'From a file.', 1, NULL, CURRENT_TIMESTAMP)");
        }
        try (Store store = Store.open(tmp)) {
            ArenaRepository arena = new ArenaRepository(store);
            assertThat(arena.instructions(InstructionSelection.run(3)))
                    .extracting(ArenaInstruction::id)
                    .containsExactly(11L, 12L);
            // all leaves out the text 12 replaced; it is still stored
            assertThat(arena.instructions(InstructionSelection.all()))
                    .extracting(ArenaInstruction::id)
                    .containsExactly(11L, 12L, 13L);
            assertThat(arena.instruction(10)).isPresent();
        }
    }
}
