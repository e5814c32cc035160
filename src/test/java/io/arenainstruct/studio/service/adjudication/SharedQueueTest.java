package io.arenainstruct.studio.service.adjudication;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.arenainstruct.studio.domain.PostgresqlLocation;
import io.arenainstruct.studio.service.workspace.DataDirectories;
import io.arenainstruct.studio.service.workspace.Workspace;
import io.arenainstruct.studio.store.ChildJvm;
import io.arenainstruct.studio.store.TestStores;
import io.arenainstruct.studio.ui.arena.ArenaFixture;

/**
 * Two annotators in two processes decide one queue on one PostgreSQL store at once, as fast as they can, through the
 * service calls the Adjudicate tab makes: with K = 1 every battle gets exactly one human verdict, with K = 2 exactly
 * two from different annotators, and every vote a child says it saved is a row in the store.
 */
class SharedQueueTest {
    private static final int BATTLES = 60;

    @TempDir
    Path tmp;

    @Test
    void withOneVerdictPerBattleTwoAnnotatorsNeverVoteOnTheSameBattle() throws Exception {
        decide(1);
    }

    @Test
    void withTwoVerdictsPerBattleEachBattleGetsOneFromEachAnnotator() throws Exception {
        decide(2);
    }

    private void decide(int k) throws Exception {
        PostgresqlLocation at = TestStores.freshDatabase();
        try (Workspace ws = Workspace.open(at)) {
            new ArenaFixture(ws).battles(BATTLES);
        }
        List<String> names = List.of("Ana", "Bo");
        List<ChildJvm> children = new ArrayList<>();
        Map<String, Integer> saidSaved = new HashMap<>();
        try {
            for (String name : names) {
                ChildJvm child = ChildJvm.start(
                        List.of("-D" + DataDirectories.HOME_PROPERTY + "=" + tmp.resolve(name)),
                        AnnotatorChildMain.class,
                        at.display(),
                        name,
                        String.valueOf(k));
                children.add(child);
            }
            for (ChildJvm child : children) {
                child.awaitLine("READY"::equals, ChildJvm.timeout());
            }
            // both start at once: one line each on stdin
            for (ChildJvm child : children) {
                child.process().getOutputStream().write("go\n".getBytes(StandardCharsets.UTF_8));
                child.process().getOutputStream().flush();
            }
            for (int i = 0; i < names.size(); i++) {
                String done = children.get(i).awaitLine(l -> l.startsWith("DONE "), ChildJvm.timeout());
                saidSaved.put(names.get(i), Integer.parseInt(done.split(" ")[1]));
                assertThat(done).contains(" REFUSED 0 ");
            }
        } finally {
            for (ChildJvm child : children) {
                child.close();
            }
        }
        Map<Long, List<String>> voters = new HashMap<>();
        Map<String, Integer> rows = new HashMap<>();
        try (Connection c = TestStores.connect(at);
                PreparedStatement ps = c.prepareStatement(
                        "SELECT b.id, v.voter FROM battle b LEFT JOIN verdict v ON v.battle_id = b.id"
                                + " AND v.source = 'human' ORDER BY b.id, v.voter");
                ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                List<String> list = voters.computeIfAbsent(rs.getLong(1), id -> new ArrayList<>());
                String voter = rs.getString(2);
                if (voter != null) {
                    list.add(voter);
                    rows.merge(voter, 1, Integer::sum);
                }
            }
        }
        assertThat(voters).hasSize(BATTLES);
        // K = 1: one verdict each, from either; K = 2: one from each of the two
        voters.forEach((battle, who) -> {
            assertThat(who).as("battle %d", battle).hasSize(k);
            if (k == 2) {
                assertThat(who).as("battle %d", battle).isEqualTo(names);
            }
        });
        // no vote lost or added: what each child says it saved is what the store holds
        assertThat(rows).isEqualTo(saidSaved);
        assertThat(rows.values().stream().mapToInt(Integer::intValue).sum()).isEqualTo(BATTLES * k);
        // every claim was given up with its vote
        try (Connection c = TestStores.connect(at);
                PreparedStatement ps = c.prepareStatement("SELECT COUNT(*) FROM battle_claim");
                ResultSet rs = ps.executeQuery()) {
            rs.next();
            assertThat(rs.getInt(1)).isZero();
        }
    }
}
