package io.arenainstruct.studio.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.arenainstruct.studio.domain.PostgresqlLocation;
import io.arenainstruct.studio.domain.StoreChange;
import io.arenainstruct.studio.domain.StoreChange.Kind;

/**
 * Changes announced in a transaction reach every client of the store after the commit, and never for a rolled-back
 * one: on PostgreSQL through LISTEN/NOTIFY between two stores on one database (two clients), on H2 in this process.
 */
class StoreChangesTest {
    @TempDir
    Path tmp;

    @Test
    void aChangeCommittedByOneClientReachesTheOtherWithinASecond() throws Exception {
        PostgresqlLocation at = TestStores.freshDatabase();
        try (Store writer = Store.open(at, tmp.resolve("a"));
                Store reader = Store.open(at, tmp.resolve("b"))) {
            BlockingQueue<StoreChange> heardByReader = listen(reader);
            BlockingQueue<StoreChange> heardByWriter = listen(writer);

            writer.write(c -> {
                writer.announce(Kind.VERDICT, 42);
                return null;
            });

            assertThat(heardByReader.poll(1, TimeUnit.SECONDS)).isEqualTo(new StoreChange(Kind.VERDICT, 42, true));
            // the writer hears its own change too, told apart
            assertThat(heardByWriter.poll(1, TimeUnit.SECONDS)).isEqualTo(new StoreChange(Kind.VERDICT, 42, false));
        }
    }

    @Test
    void aRolledBackTransactionAnnouncesNothingOnPostgresql() throws Exception {
        PostgresqlLocation at = TestStores.freshDatabase();
        try (Store writer = Store.open(at, tmp.resolve("a"));
                Store reader = Store.open(at, tmp.resolve("b"))) {
            rolledBackThenCommitted(writer, listen(reader), true);
        }
    }

    @Test
    void aRolledBackTransactionAnnouncesNothingOnH2() throws Exception {
        try (Store store = Store.open(tmp.resolve("h2"))) {
            rolledBackThenCommitted(store, listen(store), false);
        }
    }

    @Test
    void theListenerReconnectsAfterItsConnectionIsTerminatedAndHearsLaterChanges() throws Exception {
        PostgresqlLocation at = TestStores.freshDatabase();
        try (Store writer = Store.open(at, tmp.resolve("a"));
                Store reader = Store.open(at, tmp.resolve("b"))) {
            BlockingQueue<StoreChange> heard = listen(reader);

            int terminated = terminateListeners(at);

            assertThat(terminated)
                    .as("listening backends terminated (one per store)")
                    .isEqualTo(2);
            // after the drop the reader says that anything may have changed, once it listens again
            assertThat(heard.poll(10, TimeUnit.SECONDS)).isEqualTo(StoreChange.anything());
            writer.announce(Kind.TAXONOMY, 0);
            assertThat(heard.poll(10, TimeUnit.SECONDS)).isEqualTo(new StoreChange(Kind.TAXONOMY, 0, true));
        }
    }

    @Test
    void aPayloadThisAppDidNotSendIsIgnored() {
        assertThat(StoreChange.parse("verdict:3:9", 9)).contains(new StoreChange(Kind.VERDICT, 3, false));
        assertThat(StoreChange.parse("run:5:8", 9)).contains(new StoreChange(Kind.RUN, 5, true));
        assertThat(StoreChange.parse("verdict:3", 9)).isEmpty();
        assertThat(StoreChange.parse("drop table:3:9", 9)).isEmpty();
        assertThat(StoreChange.parse("VERDICT:3:9", 9)).isEmpty();
        assertThat(StoreChange.parse("verdict:-3:9", 9)).isEmpty();
        assertThat(StoreChange.parse("verdict:x:9", 9)).isEmpty();
        assertThat(StoreChange.parse(null, 9)).isEmpty();
    }

    private static void rolledBackThenCommitted(Store writer, BlockingQueue<StoreChange> heard, boolean elsewhere)
            throws InterruptedException {
        assertThatThrownBy(() -> writer.write(c -> {
                    writer.announce(Kind.BATTLE, 1);
                    throw new IllegalStateException("rolled back");
                }))
                .hasMessage("rolled back");
        writer.write(c -> {
            writer.announce(Kind.BATTLE, 2);
            return null;
        });
        // changes arrive in commit order: the first one heard is the committed one, so the rolled-back one never came
        assertThat(heard.poll(2, TimeUnit.SECONDS)).isEqualTo(new StoreChange(Kind.BATTLE, 2, elsewhere));
        assertThat(heard).isEmpty();
    }

    private static BlockingQueue<StoreChange> listen(Store store) {
        BlockingQueue<StoreChange> heard = new LinkedBlockingQueue<>();
        store.onChange(heard::add);
        return heard;
    }

    private static int terminateListeners(PostgresqlLocation at) throws Exception {
        try (var c = TestStores.connect(at);
                PreparedStatement ps =
                        c.prepareStatement("SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity"
                                + " WHERE datname = ? AND query LIKE 'LISTEN%' AND pid <> pg_backend_pid()")) {
            ps.setString(1, at.database());
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getInt(1);
            }
        }
    }
}
