package io.arenainstruct.studio.ui.arena;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;

import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.arenainstruct.studio.domain.PostgresqlLocation;
import io.arenainstruct.studio.domain.arena.GradedLabel;
import io.arenainstruct.studio.service.llm.KeyResolver;
import io.arenainstruct.studio.service.llm.RetryPolicy;
import io.arenainstruct.studio.service.workspace.Workspace;
import io.arenainstruct.studio.store.TestStores;
import io.arenainstruct.studio.ui.task.CallingThreadTaskExecutor;

/**
 * The network drops in the middle of a verdict on a PostgreSQL store (the server ends the app's connections as the
 * key is pressed): off the FX thread the store waits for a new connection and saves the vote once; on the FX thread
 * (which must not freeze) the vote stays on screen with a message saying it was not saved, and Enter sends it again,
 * which stores it once.
 * (That a commit which did happen but whose answer was lost is not stored twice on a retry is
 * {@code QueueClaimTest#aVoteSentAgainWithItsKeyIsStoredOnce}: the vote's key.)
 */
class AdjudicateDropTest {
    @TempDir
    Path tmp;

    private Workspace ws;

    @AfterEach
    void tearDown() {
        if (ws != null) {
            ws.close();
        }
    }

    @Test
    void aVoteWhoseConnectionDroppedIsSavedOnceWhenTheServerAnswersAgain() throws Exception {
        PostgresqlLocation at = TestStores.freshDatabase();
        ws = Workspace.open(at, new KeyResolver(tmp.resolve("secrets.properties"), n -> null), RetryPolicy.DEFAULT);
        List<Long> ids = new ArenaFixture(ws).battles(3);
        AdjudicateViewModel model = new AdjudicateViewModel(
                ws.adjudication(),
                ws.battles(),
                new CallingThreadTaskExecutor(),
                new SimpleStringProperty(),
                at.user());
        model.reload();

        dropConnections(at);
        model.vote(GradedLabel.A_BETTER);

        // the write waited for a new connection (decision 0024) and went through once
        assertThat(model.message().get()).startsWith("Saved: ");
        assertThat(model.unsaved()).isFalse();
        assertThat(model.shown().get().battleId()).isEqualTo(ids.get(1));
        assertThat(humanVerdicts(at, ids.get(0))).isEqualTo(1);
    }

    @Test
    void aVoteTheStoreCannotTakeStaysOnScreenAndEnterSavesItOnce() throws Exception {
        PostgresqlLocation at = TestStores.freshDatabase();
        ws = Workspace.open(at, new KeyResolver(tmp.resolve("secrets.properties"), n -> null), RetryPolicy.DEFAULT);
        // as the app does for its FX thread (here the test's, which the view model's calls run on): a vote does not
        // wait for the server, it fails at once and says so
        ws.answerAtOnceOn(Thread.currentThread());
        List<Long> ids = new ArenaFixture(ws).battles(3);
        StringProperty name = new SimpleStringProperty();
        AdjudicateViewModel model = new AdjudicateViewModel(
                ws.adjudication(), ws.battles(), new CallingThreadTaskExecutor(), name, at.user());
        // no name given: the database user votes
        assertThat(model.me()).isEqualTo(at.user());
        model.reload();
        assertThat(model.shown().get().battleId()).isEqualTo(ids.get(0));
        assertThat(ws.adjudication().claimants(ids.get(0))).containsExactly(at.user());

        dropConnections(at);
        model.vote(GradedLabel.A_BETTER);

        assertThat(model.message().get())
                .startsWith("Not saved: the store could not be reached")
                .endsWith("press Enter to try again.");
        assertThat(model.unsaved()).isTrue();
        // not advanced: the battle voted on is still the one shown
        assertThat(model.shown().get().battleId()).isEqualTo(ids.get(0));
        assertThat(humanVerdicts(at, ids.get(0))).isZero();

        // Each Enter sends it once; the pool may hand out another of its ended connections first (as many as it
        // holds, 8 at most), and each such try says so again and stores nothing.
        int tries = 0;
        do {
            assertThat(model.retry()).isTrue();
            tries++;
            if (model.unsaved()) {
                assertThat(model.message().get()).startsWith("Not saved: the store could not be reached");
                assertThat(model.shown().get().battleId()).isEqualTo(ids.get(0));
                assertThat(humanVerdicts(at, ids.get(0))).isZero();
            }
        } while (model.unsaved() && tries < 9);
        assertThat(model.message().get()).startsWith("Saved: ");
        assertThat(model.unsaved()).isFalse();
        assertThat(model.shown().get().battleId()).isEqualTo(ids.get(1));
        assertThat(humanVerdicts(at, ids.get(0))).isEqualTo(1);
        // Enter again has nothing to send
        assertThat(model.retry()).isFalse();
        assertThat(humanVerdicts(at, ids.get(0))).isEqualTo(1);
    }

    /** What a network drop does to the app's pooled connections: the server ends them. */
    private static void dropConnections(PostgresqlLocation at) throws SQLException {
        try (Connection c = TestStores.connect(at);
                PreparedStatement ps = c.prepareStatement("SELECT pg_terminate_backend(pid) FROM pg_stat_activity"
                        + " WHERE datname = current_database() AND pid <> pg_backend_pid()");
                ResultSet rs = ps.executeQuery()) {
            int ended = 0;
            while (rs.next()) {
                ended += rs.getBoolean(1) ? 1 : 0;
            }
            assertThat(ended).as("connections of the app ended").isPositive();
        }
    }

    private static int humanVerdicts(PostgresqlLocation at, long battle) throws SQLException {
        try (Connection c = TestStores.connect(at);
                PreparedStatement ps =
                        c.prepareStatement("SELECT COUNT(*) FROM verdict WHERE battle_id = ? AND source = 'human'")) {
            ps.setLong(1, battle);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getInt(1);
            }
        }
    }
}
