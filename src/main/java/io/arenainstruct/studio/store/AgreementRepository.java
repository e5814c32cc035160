package io.arenainstruct.studio.store;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

import io.arenainstruct.studio.domain.arena.BattleVotes;
import io.arenainstruct.studio.domain.arena.Outcome;
import io.arenainstruct.studio.domain.arena.VerdictSource;

/**
 * What agreement reads: the verdicts of every battle people voted on, battle by battle, in one streaming query
 * (100,000 battles with 300,000 human votes are read once, never a query per battle).
 */
public final class AgreementRepository {
    private final Store store;

    public AgreementRepository(Store store) {
        this.store = store;
    }

    /**
     * Hands each battle with at least one human verdict to {@code each}, in battle id order, with all its verdicts
     * (oldest first) and the lengths of its two answers. {@code category}: only battles of it; null for all.
     */
    public void forEachBattle(String category, Consumer<BattleVotes> each) {
        // Battles first (with their answers' lengths, read once per battle, not once per verdict), then their
        // verdicts: both in battle id order, merged as they stream.
        String people = "EXISTS (SELECT 1 FROM verdict h WHERE h.battle_id = b.id AND h.source = 'human')"
                + (category == null ? "" : " AND b.category = ?");
        String battles = "SELECT b.id, b.category, LENGTH(ra.text), LENGTH(rb.text) FROM battle b"
                + " LEFT JOIN arena_response ra ON ra.id = b.response_a"
                + " LEFT JOIN arena_response rb ON rb.id = b.response_b"
                + " WHERE " + people + " ORDER BY b.id";
        String verdicts = "SELECT v.battle_id, v.id, v.source, v.voter, v.agent, v.prompt_version, v.game, v.swapped,"
                + " v.outcome FROM verdict v JOIN battle b ON b.id = v.battle_id"
                + " WHERE " + people + " ORDER BY v.battle_id, v.id";
        store.read(c -> {
            try (PreparedStatement pb = c.prepareStatement(battles);
                    PreparedStatement pv = c.prepareStatement(verdicts)) {
                if (category != null) {
                    pb.setString(1, category);
                    pv.setString(1, category);
                }
                try (ResultSet rb = pb.executeQuery();
                        ResultSet rv = pv.executeQuery()) {
                    boolean moreVotes = rv.next();
                    while (rb.next()) {
                        long id = rb.getLong(1);
                        List<BattleVotes.Vote> votes = new ArrayList<>();
                        while (moreVotes && rv.getLong(1) <= id) {
                            if (rv.getLong(1) == id) {
                                votes.add(vote(rv));
                            }
                            moreVotes = rv.next();
                        }
                        each.accept(new BattleVotes(
                                id,
                                rb.getString(2),
                                rb.getObject(3, Integer.class),
                                rb.getObject(4, Integer.class),
                                votes));
                    }
                }
            }
            return null;
        });
    }

    private static BattleVotes.Vote vote(ResultSet rs) throws SQLException {
        return new BattleVotes.Vote(
                rs.getLong(2),
                VerdictSource.of(rs.getString(3)),
                rs.getString(4),
                rs.getString(5),
                rs.getObject(6, Integer.class),
                rs.getObject(7, Integer.class),
                rs.getBoolean(8),
                Outcome.of(rs.getString(9)));
    }

    /** The categories of battles people voted on, by name. */
    public List<String> categories() {
        return store.read(c -> {
            List<String> out = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT DISTINCT b.category FROM battle b"
                            + " WHERE b.category IS NOT NULL AND EXISTS (SELECT 1 FROM verdict h"
                            + " WHERE h.battle_id = b.id AND h.source = 'human') ORDER BY b.category");
                    ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(rs.getString(1));
                }
            }
            return out;
        });
    }
}
