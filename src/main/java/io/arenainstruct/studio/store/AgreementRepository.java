package io.arenainstruct.studio.store;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

import io.arenainstruct.studio.domain.TimeRange;
import io.arenainstruct.studio.domain.arena.BattleVotes;

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
     * (by source, each source's oldest first) and its answers. {@code category}: only battles of it; null for all.
     */
    public void forEachBattle(String category, Consumer<BattleVotes> each) {
        forEachBattle(category, TimeRange.ALL, each);
    }

    /**
     * {@link #forEachBattle(String, Consumer)} over the battles created in {@code battlesCreated} (an iteration's,
     * decision 0017).
     */
    public void forEachBattle(String category, TimeRange battlesCreated, Consumer<BattleVotes> each) {
        // Two streams in battle id order, merged as they come: the battles people voted on, and the verdicts. The
        // verdicts are read in the order of their (battle, source, id) index, so H2 sorts nothing; without a category
        // they are all read and those of battles nobody voted on skipped, which is cheaper than asking per verdict.
        String battles = "SELECT b.id, b.category, b.response_a, b.response_b FROM battle b WHERE EXISTS (SELECT 1"
                + " FROM verdict h WHERE h.battle_id = b.id AND h.source = 'human')"
                + (category == null ? "" : " AND b.category = ?") + created(battlesCreated) + " ORDER BY b.id";
        String columns =
                "v.battle_id, v.id, v.source, v.voter, v.agent, v.prompt_version, v.game, v.swapped, v.outcome";
        boolean all = category == null && battlesCreated.equals(TimeRange.ALL);
        String verdicts = all
                ? "SELECT " + columns + " FROM verdict v ORDER BY v.battle_id, v.source, v.id"
                : "SELECT " + columns + " FROM verdict v JOIN battle b ON b.id = v.battle_id WHERE TRUE"
                        + (category == null ? "" : " AND b.category = ?") + created(battlesCreated)
                        + " ORDER BY v.battle_id, v.source, v.id";
        store.read(c -> {
            try (PreparedStatement pb = c.prepareStatement(battles);
                    PreparedStatement pv = c.prepareStatement(verdicts)) {
                int p = 1;
                if (category != null) {
                    pb.setString(p, category);
                    pv.setString(p, category);
                    p++;
                }
                for (Instant end : new Instant[] {battlesCreated.from(), battlesCreated.until()}) {
                    if (end != null) {
                        pb.setTimestamp(p, Timestamp.from(end));
                        pv.setTimestamp(p, Timestamp.from(end));
                        p++;
                    }
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
                                id, rb.getString(2), rb.getObject(3, Long.class), rb.getObject(4, Long.class), votes));
                    }
                }
            }
            return null;
        });
    }

    /** " AND b.created_at >= ? AND b.created_at < ?" for the ends the range has. */
    private static String created(TimeRange range) {
        return (range.from() == null ? "" : " AND b.created_at >= ?")
                + (range.until() == null ? "" : " AND b.created_at < ?");
    }

    /** Receives a response's length. */
    @FunctionalInterface
    public interface LengthSink {
        void accept(long responseId, int characters);
    }

    /**
     * The length in characters of every response with an id above {@code afterId}, in id order. A response's text
     * never changes (an edit is a new response), so a reader can keep what it read and ask only for newer ones.
     */
    public void responseLengths(long afterId, LengthSink sink) {
        store.read(c -> {
            try (PreparedStatement ps =
                    c.prepareStatement("SELECT id, CHAR_LENGTH(text) FROM arena_response WHERE id > ? ORDER BY id")) {
                ps.setLong(1, afterId);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        sink.accept(rs.getLong(1), rs.getInt(2));
                    }
                }
            }
            return null;
        });
    }

    /** One response's length in characters; null when there is no such response. */
    public Integer responseLength(long responseId) {
        return store.read(c -> {
            try (PreparedStatement ps =
                    c.prepareStatement("SELECT CHAR_LENGTH(text) FROM arena_response WHERE id = ?")) {
                ps.setLong(1, responseId);
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? rs.getInt(1) : null;
                }
            }
        });
    }

    private static BattleVotes.Vote vote(ResultSet rs) throws SQLException {
        return new BattleVotes.Vote(
                rs.getLong(2),
                VerdictIds.source(rs.getString(3)),
                rs.getString(4),
                rs.getString(5),
                rs.getObject(6, Integer.class),
                rs.getObject(7, Integer.class),
                rs.getBoolean(8),
                VerdictIds.outcome(rs.getString(9)));
    }

    /** The categories of battles people voted on, by name. */
    public List<String> categories() {
        return store.read(c -> Sql.strings(
                c,
                "SELECT DISTINCT b.category FROM battle b WHERE b.category IS NOT NULL AND EXISTS (SELECT 1 FROM"
                        + " verdict h WHERE h.battle_id = b.id AND h.source = 'human') ORDER BY b.category"));
    }
}
