package io.arenainstruct.studio.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;

import org.assertj.core.groups.Tuple;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.arenainstruct.studio.domain.run.HumanEdit;

/** Hand edits stored before instruction and input were kept apart stay readable, split in two. */
class HumanEditMigrationTest {
    @TempDir
    Path tmp;

    @Test
    void anOldEditWithItsInputInTheTextIsSplitAndOthersStayAsTheyWere() throws Exception {
        Files.createDirectories(tmp);
        String url = "jdbc:h2:file:" + tmp.resolve(Store.FILE_NAME) + ";DB_CLOSE_ON_EXIT=FALSE";
        Flyway.configure(Store.class.getClassLoader())
                .dataSource(url, "studio", "")
                .locations("classpath:db/migration", "classpath:db/h2")
                .target("4")
                .load()
                .migrate();
        try (Connection c = DriverManager.getConnection(url, "studio", "");
                Statement st = c.createStatement()) {
            // Only the hand edits matter here: no run or instruction rows behind them.
            st.execute("SET REFERENTIAL_INTEGRITY FALSE");
            st.execute("INSERT INTO human_edit (id, instruction_id, target, text, author, edited_at) VALUES"
                    + " (1, 7, 'round.2.edited', 'Summarise it.' || CHAR(10) || CHAR(10) || 'Input:' || CHAR(10)"
                    + " || 'The passage.' || CHAR(10) || 'Second line.', 'ana', CURRENT_TIMESTAMP),"
                    + " (2, 7, 'round.0.edited', 'No input here.', 'ana', CURRENT_TIMESTAMP),"
                    + " (3, 7, 'response', 'A reply.' || CHAR(10) || CHAR(10) || 'Input:' || CHAR(10) || 'kept',"
                    + " 'ben', CURRENT_TIMESTAMP)");
        }
        try (Store store = Store.open(tmp)) {
            assertThat(new InstructionRepository(store).humanEdits(7))
                    .extracting(HumanEdit::target, HumanEdit::text, HumanEdit::input)
                    .containsExactly(
                            Tuple.tuple("round.2.edited", "Summarise it.", "The passage.\nSecond line."),
                            Tuple.tuple("round.0.edited", "No input here.", null),
                            Tuple.tuple("response", "A reply.\n\nInput:\nkept", null));
        }
    }
}
