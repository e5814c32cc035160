package io.arenainstruct.studio.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.arenainstruct.studio.domain.StoreChange;
import io.arenainstruct.studio.domain.adjudication.HumanVote;
import io.arenainstruct.studio.domain.adjudication.OverrideReason;
import io.arenainstruct.studio.domain.adjudication.QueueCounts;
import io.arenainstruct.studio.domain.adjudication.QueueFilter;
import io.arenainstruct.studio.domain.adjudication.QueueSegment;
import io.arenainstruct.studio.domain.adjudication.StoredVote;
import io.arenainstruct.studio.domain.adjudication.VerdictsComplete;
import io.arenainstruct.studio.domain.adjudication.VoteWrite;
import io.arenainstruct.studio.domain.arena.BattleStatus;
import io.arenainstruct.studio.domain.arena.GradedLabel;
import io.arenainstruct.studio.domain.arena.HumanMajority;
import io.arenainstruct.studio.domain.arena.Outcome;

/**
 * People's verdicts on battles and the adjudication queue (decision 0011). A vote, its withdrawal (undo) and the
 * battle's new status are one transaction each, written at commit: a kill right after a key press loses nothing.
 */
public final class AdjudicationRepository {
    /** A score judge's combined verdict this close to a tie counts as disputed in the queue. */
    public static final double SMALL_SCORE_GAP = 1.0;

    private static final String SMALL_GAP = "EXISTS (SELECT 1 FROM verdict g WHERE g.battle_id = b.id"
            + " AND g.source = 'judge' AND g.game = 0 AND g.score_a IS NOT NULL AND g.score_b IS NOT NULL"
            + " AND ABS(g.score_a - g.score_b) <= " + SMALL_SCORE_GAP + ")";

    private final Store store;

    public AdjudicationRepository(Store store) {
        this.store = store;
    }

    /**
     * Stores the vote, replacing the annotator's earlier vote on the battle made here (imported votes stay, each a
     * vote of its own), and sets the battle's status from its human votes.
     */
    public VoteWrite vote(HumanVote vote, Instant at) {
        return vote(vote, at, null, 0);
    }

    /**
     * Stores the vote as {@link #vote(HumanVote, Instant)} does, and in the same transaction releases the
     * annotator's claim on the battle. With a {@code key} (made by the client once per vote), a vote sent again
     * after its first send was committed returns that verdict and stores nothing. With {@code wanted} above 0, a
     * first vote of this annotator on a battle that has that many human verdicts already is refused: the battle's
     * row is locked first, so two annotators cannot both give the last one.
     *
     * @throws VerdictsComplete when the battle has its verdicts already (nothing stored)
     */
    public VoteWrite vote(HumanVote vote, Instant at, String key, int wanted) {
        return store.write(c -> {
            if (key != null) {
                Optional<Long> saved = keyed(c, key);
                if (saved.isPresent()) {
                    return new VoteWrite(saved.get(), List.of());
                }
            }
            if (!lockBattle(c, vote.battleId())) {
                throw new IllegalArgumentException("battle " + vote.battleId() + " is not in the store");
            }
            store.announce(StoreChange.Kind.VERDICT, vote.battleId());
            List<StoredVote> replaced = votes(c, vote.battleId(), vote.annotator());
            if (wanted > 0 && replaced.isEmpty() && humanVerdicts(c, vote.battleId()) >= wanted) {
                throw new VerdictsComplete(vote.battleId(), wanted);
            }
            for (StoredVote r : replaced) {
                delete(c, r.verdictId());
            }
            long id = insert(c, 0, vote, at, null, null, key);
            refreshStatus(c, vote.battleId());
            release(c, vote.battleId(), vote.annotator());
            return new VoteWrite(id, replaced);
        });
    }

    // ---- claims ----

    /**
     * Claims the battle for the annotator until {@code until} (a claim they hold already is renewed): true when
     * taken. Refused when they voted on it, or when its human verdicts and the live claims of others come to
     * {@code wanted}. The battle's row is locked for the check and the write, so two processes claiming at once are
     * taken one after the other and never both get the last place.
     */
    public boolean claim(long battleId, String annotator, int wanted, Instant now, Instant until) {
        return store.write(c -> {
            if (!lockBattle(c, battleId)) {
                return false;
            }
            try (PreparedStatement ps =
                    c.prepareStatement("DELETE FROM battle_claim WHERE battle_id = ? AND expires_at <= ?")) {
                ps.setLong(1, battleId);
                ps.setTimestamp(2, Timestamp.from(now));
                ps.executeUpdate();
            }
            if (count(
                            c,
                            "SELECT COUNT(*) FROM verdict WHERE battle_id = ? AND source = 'human' AND voter = ?",
                            battleId,
                            annotator)
                    > 0) {
                return false;
            }
            int others = count(
                    c, "SELECT COUNT(*) FROM battle_claim WHERE battle_id = ? AND annotator <> ?", battleId, annotator);
            if (humanVerdicts(c, battleId) + others >= wanted) {
                return false;
            }
            try (PreparedStatement ps = c.prepareStatement(Sql.upsert(
                    store.dialect(), "battle_claim", "battle_id, annotator, expires_at", "battle_id, annotator"))) {
                ps.setLong(1, battleId);
                ps.setString(2, annotator);
                ps.setTimestamp(3, Timestamp.from(until));
                ps.executeUpdate();
            }
            return true;
        });
    }

    /** Gives up the annotator's claim on the battle (they moved on without voting). */
    public void release(long battleId, String annotator) {
        store.write(c -> {
            release(c, battleId, annotator);
            return null;
        });
    }

    /** Gives up every claim the annotator holds (the queue closes). */
    public void releaseAll(String annotator) {
        store.write(c -> {
            try (PreparedStatement ps = c.prepareStatement("DELETE FROM battle_claim WHERE annotator = ?")) {
                ps.setString(1, annotator);
                ps.executeUpdate();
            }
            return null;
        });
    }

    /** The annotators holding a live claim on the battle at {@code now}. */
    public List<String> claimants(long battleId, Instant now) {
        return store.read(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT annotator FROM battle_claim"
                    + " WHERE battle_id = ? AND expires_at > ? ORDER BY annotator")) {
                ps.setLong(1, battleId);
                ps.setTimestamp(2, Timestamp.from(now));
                List<String> out = new ArrayList<>();
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        out.add(rs.getString(1));
                    }
                }
                return out;
            }
        });
    }

    private static void release(Connection c, long battleId, String annotator) throws SQLException {
        try (PreparedStatement ps =
                c.prepareStatement("DELETE FROM battle_claim WHERE battle_id = ? AND annotator = ?")) {
            ps.setLong(1, battleId);
            ps.setString(2, annotator);
            ps.executeUpdate();
        }
    }

    /** Locks the battle's row until the transaction ends (both H2 and PostgreSQL); false when there is none. */
    private static boolean lockBattle(Connection c, long battleId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT id FROM battle WHERE id = ? FOR UPDATE")) {
            ps.setLong(1, battleId);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next();
            }
        }
    }

    private static int humanVerdicts(Connection c, long battleId) throws SQLException {
        return count(c, "SELECT COUNT(*) FROM verdict WHERE battle_id = ? AND source = 'human'", battleId);
    }

    private static int count(Connection c, String sql, Object... params) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            Sql.bind(ps, List.of(params));
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getInt(1);
            }
        }
    }

    private static Optional<Long> keyed(Connection c, String key) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT verdict_id FROM human_verdict WHERE vote_key = ?")) {
            ps.setString(1, key);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(rs.getLong(1)) : Optional.empty();
            }
        }
    }

    /**
     * Withdraws a vote (undo) and, in the same transaction, brings back the votes it replaced as they were (their
     * row ids, times and reasons, so an undo further back still finds them): the battle's status follows its human
     * votes, or the judges' again.
     */
    public void withdraw(long verdictId, List<StoredVote> restore) {
        store.write(c -> {
            Long battle = battleOf(c, verdictId);
            store.announce(StoreChange.Kind.VERDICT, battle == null ? 0 : battle);
            delete(c, verdictId);
            for (StoredVote r : restore) {
                insert(c, r.verdictId(), r.vote(), r.at(), r.reason(), r.reasonText(), null);
            }
            if (battle != null) {
                refreshStatus(c, battle);
            }
            for (StoredVote r : restore) {
                if (battle == null || r.vote().battleId() != battle) {
                    refreshStatus(c, r.vote().battleId());
                }
            }
            return null;
        });
    }

    /** Records why the vote overrides the judges (null clears it). */
    public void reason(long verdictId, OverrideReason reason, String text) {
        store.write(c -> {
            store.announce(StoreChange.Kind.VERDICT, 0);
            try (PreparedStatement ps = c.prepareStatement(
                    "UPDATE human_verdict SET override_reason = ?, override_text = ? WHERE verdict_id = ?")) {
                ps.setString(1, reason == null ? null : reason.id());
                ps.setString(2, reason == null || text == null || text.isBlank() ? null : cut(text.strip(), 2000));
                ps.setLong(3, verdictId);
                ps.executeUpdate();
            }
            return null;
        });
    }

    /** The annotator's vote on the battle made here; empty if none. */
    public Optional<StoredVote> vote(long battleId, String annotator) {
        return store.read(c -> votes(c, battleId, annotator).stream().reduce((a, b) -> b));
    }

    /** The people's votes on these battles made here, by battle, oldest first. */
    public List<StoredVote> votes(long battleId) {
        return store.read(c -> votes(c, battleId, null));
    }

    /** The people's votes made here on each of the battles, oldest first; battles without any are absent. */
    public Map<Long, List<StoredVote>> votes(List<Long> battleIds) {
        return store.read(c -> {
            Map<Long, List<StoredVote>> out = new HashMap<>();
            for (int from = 0; from < battleIds.size(); from += 500) {
                List<Long> chunk = battleIds.subList(from, Math.min(battleIds.size(), from + 500));
                for (StoredVote v : votes(c, "v.battle_id IN (" + Sql.placeholders(chunk.size()) + ")", chunk)) {
                    out.computeIfAbsent(v.vote().battleId(), k -> new ArrayList<>())
                            .add(v);
                }
            }
            return out;
        });
    }

    // ---- the queue ----

    /** The next battles of one part of the queue after {@code afterId}, in id order. */
    public List<Long> queue(QueueSegment segment, QueueFilter filter, long afterId, int limit) {
        return queue(segment, filter, afterId, limit, null);
    }

    /**
     * As {@link #queue(QueueSegment, QueueFilter, long, int)}; with {@code claimsAt}, a filter for fewer than K
     * verdicts not voted by an annotator also counts the claims other annotators hold at that time as verdicts to
     * come, so the battles others are deciding are left out.
     */
    public List<Long> queue(QueueSegment segment, QueueFilter filter, long afterId, int limit, Instant claimsAt) {
        List<Object> params = new ArrayList<>();
        String where = conditions(segment, filter, params, claimsAt);
        params.add(afterId);
        params.add(limit);
        return store.read(c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT b.id FROM battle b WHERE " + where + " AND b.id > ? ORDER BY b.id LIMIT ?")) {
                Sql.bind(ps, params);
                List<Long> ids = new ArrayList<>();
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        ids.add(rs.getLong(1));
                    }
                }
                return ids;
            }
        });
    }

    /** How many battles each part of the queue holds under the filter. */
    public QueueCounts counts(QueueFilter filter) {
        int[] n = new int[QueueSegment.values().length];
        for (QueueSegment s : QueueSegment.values()) {
            List<Object> params = new ArrayList<>();
            String where = conditions(s, filter, params, null);
            n[s.ordinal()] = store.read(c -> {
                try (PreparedStatement ps = c.prepareStatement("SELECT COUNT(*) FROM battle b WHERE " + where)) {
                    Sql.bind(ps, params);
                    try (ResultSet rs = ps.executeQuery()) {
                        rs.next();
                        return rs.getInt(1);
                    }
                }
            });
        }
        return new QueueCounts(n[0], n[1], n[2]);
    }

    private static String conditions(QueueSegment segment, QueueFilter f, List<Object> params, Instant claimsAt) {
        List<String> out = new ArrayList<>();
        out.add(
                switch (segment) {
                    case DISPUTED -> "(b.status = 'disputed' OR (b.status = 'judged' AND " + SMALL_GAP + "))";
                    case UNJUDGED -> "b.status = 'unjudged'";
                    case SETTLED -> "(b.status = 'adjudicated' OR (b.status = 'judged' AND NOT " + SMALL_GAP + "))";
                });
        if (f.category() != null) {
            out.add("b.category = ?");
            params.add(f.category());
        }
        String model = "(SELECT id FROM arena_model WHERE name = ?)";
        if (f.modelA() != null && f.modelB() != null) {
            out.add("((b.model_a = " + model + " AND b.model_b = " + model + ") OR (b.model_a = " + model
                    + " AND b.model_b = " + model + "))");
            params.addAll(List.of(f.modelA(), f.modelB(), f.modelB(), f.modelA()));
        } else if (f.modelA() != null || f.modelB() != null) {
            String m = f.modelA() != null ? f.modelA() : f.modelB();
            out.add("(b.model_a = " + model + " OR b.model_b = " + model + ")");
            params.addAll(List.of(m, m));
        }
        if (f.judge() != null) {
            out.add("EXISTS (SELECT 1 FROM verdict j WHERE j.battle_id = b.id AND j.source IN ('judge', 'jury')"
                    + " AND j.voter = ?)");
            params.add(f.judge());
        }
        if (f.votedBy() != null) {
            out.add(voted(true));
            params.add(f.votedBy());
        }
        if (f.notVotedBy() != null) {
            out.add(voted(false));
            params.add(f.notVotedBy());
        }
        if (f.fewerThan() > 0 && claimsAt != null && f.notVotedBy() != null) {
            out.add("(SELECT COUNT(*) FROM verdict h WHERE h.battle_id = b.id AND h.source = 'human')"
                    + " + (SELECT COUNT(*) FROM battle_claim k WHERE k.battle_id = b.id AND k.annotator <> ?"
                    + " AND k.expires_at > ?) < ?");
            params.add(f.notVotedBy());
            params.add(Timestamp.from(claimsAt));
            params.add(f.fewerThan());
        } else if (f.fewerThan() > 0) {
            out.add("(SELECT COUNT(*) FROM verdict h WHERE h.battle_id = b.id AND h.source = 'human') < ?");
            params.add(f.fewerThan());
        }
        return String.join(" AND ", out);
    }

    private static String voted(boolean yes) {
        return (yes ? "" : "NOT ") + "EXISTS (SELECT 1 FROM verdict h WHERE h.battle_id = b.id"
                + " AND h.source = 'human' AND h.voter = ?)";
    }

    // ---- rows ----

    /** Inserts a vote: a new row ({@code id} 0), or a withdrawn one again under its own id (ids are never reused). */
    private static long insert(
            Connection c, long id, HumanVote v, Instant at, OverrideReason reason, String reasonText, String key)
            throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "INSERT INTO verdict (battle_id, source, swapped, voter, outcome, label, imported, created_at"
                        + (id > 0 ? ", id" : "") + ") VALUES (?, 'human', ?, ?, ?, ?, FALSE, ?"
                        + (id > 0 ? ", ?" : "") + ")",
                Statement.RETURN_GENERATED_KEYS)) {
            ps.setLong(1, v.battleId());
            ps.setBoolean(2, v.shownSwapped());
            ps.setString(3, v.annotator());
            ps.setString(4, v.outcome().id());
            ps.setString(5, v.label() == null ? null : v.label().text());
            ps.setTimestamp(6, Timestamp.from(at));
            if (id > 0) {
                ps.setLong(7, id);
            }
            ps.executeUpdate();
            if (id <= 0) {
                id = Sql.generatedKey(ps);
            }
        }
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO human_verdict (verdict_id, names_shown,"
                + " override_reason, override_text, preferred_response, vote_key) VALUES (?, ?, ?, ?, ?, ?)")) {
            ps.setLong(1, id);
            ps.setBoolean(2, v.namesShown());
            ps.setString(3, reason == null ? null : reason.id());
            ps.setString(4, reasonText);
            Sql.setNullable(ps, 5, v.preferredResponse(), Types.BIGINT);
            ps.setString(6, key);
            ps.executeUpdate();
        }
        return id;
    }

    private static void delete(Connection c, long verdictId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("DELETE FROM verdict WHERE id = ? AND source = 'human'")) {
            ps.setLong(1, verdictId);
            ps.executeUpdate();
        }
    }

    private static Long battleOf(Connection c, long verdictId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT battle_id FROM verdict WHERE id = ?")) {
            ps.setLong(1, verdictId);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getLong(1) : null;
            }
        }
    }

    /** Votes made here (not imported) on the battle, by one annotator or (null) everyone, oldest first. */
    private static List<StoredVote> votes(Connection c, long battleId, String annotator) throws SQLException {
        return annotator == null
                ? votes(c, "v.battle_id = ?", List.of(battleId))
                : votes(c, "v.battle_id = ? AND v.voter = ?", List.of(battleId, annotator));
    }

    /** The votes made here whose verdict row {@code condition} selects, oldest first. */
    private static List<StoredVote> votes(Connection c, String condition, List<?> params) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT v.id, v.battle_id, v.voter, v.outcome, v.label,"
                + " v.swapped, v.created_at, h.names_shown, h.override_reason, h.override_text, h.preferred_response"
                + " FROM verdict v JOIN human_verdict h ON h.verdict_id = v.id"
                + " WHERE " + condition + " AND v.source = 'human' AND v.imported = FALSE ORDER BY v.id")) {
            Sql.bind(ps, params);
            List<StoredVote> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    String label = rs.getString("label");
                    long preferredId = rs.getLong("preferred_response");
                    Long preferred = rs.wasNull() ? null : preferredId;
                    HumanVote v = new HumanVote(
                            rs.getLong("battle_id"),
                            rs.getString("voter"),
                            Outcome.of(rs.getString("outcome")),
                            label == null ? null : GradedLabel.parse(label).orElseThrow(),
                            rs.getBoolean("swapped"),
                            rs.getBoolean("names_shown"),
                            preferred);
                    String reason = rs.getString("override_reason");
                    out.add(new StoredVote(
                            rs.getLong("id"),
                            v,
                            Sql.instant(rs, "created_at"),
                            reason == null ? null : OverrideReason.of(reason),
                            rs.getString("override_text")));
                }
            }
            return out;
        }
    }

    /** The battle's status from its human votes (imported ones too), or the judges' standing without any. */
    private static void refreshStatus(Connection c, long battleId) throws SQLException {
        List<Outcome> votes = new ArrayList<>();
        try (PreparedStatement ps =
                c.prepareStatement("SELECT outcome FROM verdict WHERE battle_id = ? AND source = 'human'")) {
            ps.setLong(1, battleId);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    votes.add(Outcome.of(rs.getString(1)));
                }
            }
        }
        BattleStatus status = HumanMajority.of(votes).map(HumanMajority::status).orElse(null);
        try (PreparedStatement ps =
                c.prepareStatement("UPDATE battle SET status = COALESCE(?, judge_status) WHERE id = ?")) {
            ps.setString(1, status == null ? null : status.id());
            ps.setLong(2, battleId);
            ps.executeUpdate();
        }
    }

    private static String cut(String text, int max) {
        return text.length() <= max ? text : text.substring(0, max - 1) + "…";
    }
}
