package io.arenainstruct.studio.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.sql.Statement;
import java.sql.Timestamp;
import java.sql.Types;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.arenainstruct.studio.domain.StoreChange;
import io.arenainstruct.studio.domain.arena.Battle;
import io.arenainstruct.studio.domain.arena.BattleFilter;
import io.arenainstruct.studio.domain.arena.BattleLinks;
import io.arenainstruct.studio.domain.arena.BattleStatus;
import io.arenainstruct.studio.domain.arena.GradedLabel;
import io.arenainstruct.studio.domain.arena.HumanMajority;
import io.arenainstruct.studio.domain.arena.Outcome;
import io.arenainstruct.studio.domain.arena.Verdict;
import io.arenainstruct.studio.domain.arena.VerdictSource;
import io.arenainstruct.studio.domain.provenance.AgentCall;

/** Battles and their verdicts (decision 0010). */
public final class BattleRepository {
    private static final String BATTLE_COLUMNS = "b.id, b.instruction_id, ma.name AS model_a, mb.name AS model_b,"
            + " b.response_a, b.response_b, b.turn, b.strategy, b.category, b.status, b.inconsistent, b.created_at";
    private static final String BATTLE_FROM =
            " FROM battle b JOIN arena_model ma ON ma.id = b.model_a" + " JOIN arena_model mb ON mb.id = b.model_b";
    private static final String VERDICT_COLUMNS = "v.id, v.battle_id, v.source, v.game, v.swapped, v.voter,"
            + " v.outcome, v.label, v.raw_label, v.score_a, v.score_b, v.judgment, v.endpoint, v.agent,"
            + " v.prompt_version, v.call_id, v.imported, v.verdict_key, v.note, v.created_at";

    /** The id an importer gives a later turn of a question ({@code 81/turn2}). */
    private static final Pattern TURN_ID = Pattern.compile("(.+)/turn([0-9]{1,6})");

    private final Store store;

    public BattleRepository(Store store) {
        this.store = store;
    }

    /** Runs several calls on this and the other arena repositories as one transaction (see Store). */
    public <T> T inOneTransaction(Supplier<T> work) {
        return store.inOneTransaction(work);
    }

    /**
     * Runs work so that, when the store refuses any of it, none of it stays and the transaction around it goes on
     * (a savepoint): one bad row of an import chunk does not take the chunk's other rows with it.
     *
     * @throws StoreException what the store refused, after undoing the work
     */
    public <T> T allOrNothing(Supplier<T> work) {
        return store.write(c -> {
            Savepoint before = c.setSavepoint();
            T result;
            try {
                result = work.get();
            } catch (RuntimeException e) {
                c.rollback(before);
                throw e;
            }
            c.releaseSavepoint(before);
            return result;
        });
    }

    /** What {@link #create} did: battles made now, and how many were there already. */
    public record Created(List<Long> ids, int existing) {}

    /**
     * Stores each battle unless one between the same two models (either way round) on the same instruction and
     * turn exists; one transaction. A battle with no instruction is keyed by {@code ownKey} instead.
     */
    public Created create(List<Battle> battles) {
        return store.write(c -> {
            List<Long> ids = new ArrayList<>();
            int existing = 0;
            for (Battle b : battles) {
                long[] found = battleId(c, b, null);
                if (found[1] == 1) {
                    ids.add(found[0]);
                } else {
                    existing++;
                }
            }
            announceBattles(ids);
            return new Created(ids, existing);
        });
    }

    /**
     * Stores battles that redo the failed battle {@code failedId} (both answers bad), linked to it, in one
     * transaction; one made before (same instruction, models and turn, redoing the same battle) is found again, not
     * made twice (decision 0019).
     */
    public Created createRegenerations(long failedId, List<Battle> battles) {
        return store.write(c -> {
            List<Long> ids = new ArrayList<>();
            int existing = 0;
            for (Battle b : battles) {
                if (b.instructionId() == null) {
                    throw new IllegalArgumentException("a regenerated battle answers an instruction");
                }
                long[] found = battleId(c, b, null, failedId);
                if (found[1] == 1) {
                    ids.add(found[0]);
                } else {
                    existing++;
                }
            }
            announceBattles(ids);
            return new Created(ids, existing);
        });
    }

    /** For each of the battles that has one, the failed battle it redoes and the battles that redo it. */
    public Map<Long, BattleLinks> links(List<Long> battleIds) {
        Map<Long, Long> redoes = new HashMap<>();
        Map<Long, List<Long>> redoneAs = new HashMap<>();
        store.read(c -> {
            for (int from = 0; from < battleIds.size(); from += 500) {
                List<Long> chunk = battleIds.subList(from, Math.min(battleIds.size(), from + 500));
                String in = Sql.placeholders(chunk.size());
                try (PreparedStatement ps = c.prepareStatement("SELECT id, regenerates FROM battle"
                        + " WHERE regenerates IS NOT NULL AND (id IN (" + in + ") OR regenerates IN (" + in + "))"
                        + " ORDER BY id")) {
                    List<Object> params = new ArrayList<>(chunk);
                    params.addAll(chunk);
                    Sql.bind(ps, params);
                    try (ResultSet rs = ps.executeQuery()) {
                        while (rs.next()) {
                            redoes.put(rs.getLong(1), rs.getLong(2));
                            redoneAs.computeIfAbsent(rs.getLong(2), k -> new ArrayList<>())
                                    .add(rs.getLong(1));
                        }
                    }
                }
            }
            return null;
        });
        Map<Long, BattleLinks> out = new LinkedHashMap<>();
        for (long id : battleIds) {
            Long failed = redoes.get(id);
            List<Long> as = redoneAs.getOrDefault(id, List.of());
            if (failed != null || !as.isEmpty()) {
                out.put(id, new BattleLinks(failed, as));
            }
        }
        return out;
    }

    /** Every battle that redoes a failed one, in id order. */
    public List<Long> regenerationIds() {
        return store.read(c -> {
            List<Long> out = new ArrayList<>();
            try (PreparedStatement ps =
                            c.prepareStatement("SELECT id FROM battle WHERE regenerates IS NOT NULL ORDER BY id");
                    ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(rs.getLong(1));
                }
            }
            return out;
        });
    }

    /**
     * The battle's id, made now if it does not exist. {@code ownKey}: for a battle with no instruction, what makes
     * it one (e.g. the file and line it came from); ignored when the battle has an instruction.
     */
    public long battleId(Battle battle, String ownKey) {
        return store.write(c -> {
            long[] found = battleId(c, battle, ownKey);
            if (found[1] == 1) {
                store.announce(StoreChange.Kind.BATTLE, found[0]);
            }
            return found[0];
        });
    }

    /** Tells every client that battles were made (in the transaction making them), naming the first. */
    private void announceBattles(List<Long> made) {
        if (!made.isEmpty()) {
            store.announce(StoreChange.Kind.BATTLE, made.get(0));
        }
    }

    /** A battle's id, and whether it was made just now. */
    public record Resolved(long id, boolean made) {}

    /** As {@link #battleId}, saying also whether the battle was made now (imports count the battles they add). */
    public Resolved resolve(Battle battle, String ownKey) {
        return resolve(battle, ownKey, null);
    }

    /**
     * As {@link #resolve(Battle, String)}; a battle with no instruction made now waits for {@code question}, the
     * file's id of its question: a dataset import that brings that id attaches it (see {@link ArenaRepository#add}).
     */
    public Resolved resolve(Battle battle, String ownKey, String question) {
        return store.write(c -> {
            long[] found = battleId(c, battle, ownKey);
            if (found[1] == 1 && battle.instructionId() == null && question != null) {
                try (PreparedStatement ps = c.prepareStatement("UPDATE battle SET awaits_question = ? WHERE id = ?")) {
                    ps.setString(1, question);
                    ps.setLong(2, found[0]);
                    ps.executeUpdate();
                }
            }
            if (found[1] == 1) {
                store.announce(StoreChange.Kind.BATTLE, found[0]);
            }
            return new Resolved(found[0], found[1] == 1);
        });
    }

    public Optional<Battle> battle(long id) {
        List<Battle> found = store.read(c -> readBattles(c, " WHERE b.id = ?", List.of(id)));
        return found.isEmpty() ? Optional.empty() : Optional.of(found.get(0));
    }

    /** Up to {@code limit} battles with ids above {@code afterId}, in id order: pages read by key, never skipped. */
    public List<Battle> page(BattleFilter filter, long afterId, int limit) {
        List<Object> params = new ArrayList<>();
        List<String> conditions = conditions(filter, params);
        conditions.add("b.id > ?");
        params.add(afterId);
        String sql = where(conditions) + " ORDER BY b.id FETCH FIRST " + Math.max(1, limit) + " ROWS ONLY";
        return store.read(c -> readBattles(c, sql, params));
    }

    /**
     * A page as {@link #page} reads it, further limited to the battles on instructions of one run (the current text
     * of each of its instructions) and of one dataset; null does not limit. What an export walks through.
     */
    public List<Battle> page(BattleFilter filter, Long runId, String dataset, long afterId, int limit) {
        List<Object> params = new ArrayList<>();
        List<String> conditions = conditions(filter, params);
        if (runId != null) {
            conditions.add("b.instruction_id IN (SELECT l.instruction_id FROM arena_run_instruction l"
                    + " JOIN instruction r ON r.id = l.run_instruction_id WHERE r.run_id = ?)");
            params.add(runId);
        }
        if (dataset != null) {
            conditions.add("b.instruction_id IN (SELECT x.instruction_id FROM arena_dataset_item x"
                    + " JOIN arena_dataset d ON d.id = x.dataset_id WHERE d.name = ?)");
            params.add(dataset);
        }
        conditions.add("b.id > ?");
        params.add(afterId);
        String sql = where(conditions) + " ORDER BY b.id FETCH FIRST " + Math.max(1, limit) + " ROWS ONLY";
        return store.read(c -> readBattles(c, sql, params));
    }

    /** How many battles the filter selects; reads the battle table only (models by id), so it stays quick. */
    public int count(BattleFilter filter) {
        List<Object> params = new ArrayList<>();
        String sql = "SELECT COUNT(*) FROM battle b" + where(conditions(filter, params));
        return store.read(c -> {
            try (PreparedStatement ps = c.prepareStatement(sql)) {
                Sql.bind(ps, params);
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    return rs.getInt(1);
                }
            }
        });
    }

    /** The ids of the battles the filter selects, in id order. */
    public List<Long> ids(BattleFilter filter) {
        List<Object> params = new ArrayList<>();
        String sql = "SELECT b.id FROM battle b" + where(conditions(filter, params)) + " ORDER BY b.id";
        return store.read(c -> {
            List<Long> out = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement(sql)) {
                Sql.bind(ps, params);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        out.add(rs.getLong(1));
                    }
                }
            }
            return out;
        });
    }

    /** The ids of the battles on the instructions of run {@code runId} (the current text of each), in id order. */
    public List<Long> idsOfRun(long runId) {
        String sql = "SELECT b.id FROM battle b WHERE b.instruction_id IN (SELECT l.instruction_id"
                + " FROM arena_run_instruction l JOIN instruction r ON r.id = l.run_instruction_id WHERE r.run_id = ?)"
                + " ORDER BY b.id";
        return store.read(c -> {
            List<Long> out = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement(sql)) {
                ps.setLong(1, runId);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        out.add(rs.getLong(1));
                    }
                }
            }
            return out;
        });
    }

    /** The filter's conditions on {@code battle b}; a model is found by name once, its battles by id. */
    private static List<String> conditions(BattleFilter f, List<Object> params) {
        List<String> out = new ArrayList<>();
        if (f.status() != null) {
            out.add("b.status = ?");
            params.add(f.status().id());
        }
        if (f.model() != null) {
            out.add("(b.model_a = (SELECT id FROM arena_model WHERE name = ?)"
                    + " OR b.model_b = (SELECT id FROM arena_model WHERE name = ?))");
            params.add(f.model());
            params.add(f.model());
        }
        if (f.category() != null) {
            out.add("b.category = ?");
            params.add(f.category());
        }
        if (f.judge() != null) {
            out.add("EXISTS (SELECT 1 FROM verdict v WHERE v.battle_id = b.id AND v.voter = ?)");
            params.add(f.judge());
        }
        if (f.forRegeneration()) {
            // HumanMajority in SQL: both-bad from more than half of the counted human votes (X marks it so)
            out.add("b.status = 'adjudicated' AND (SELECT COUNT(*) FROM verdict h WHERE h.battle_id = b.id"
                    + " AND h.source = 'human' AND h.outcome = 'both-bad') * 2 > (SELECT COUNT(*)"
                    + " FROM verdict h WHERE h.battle_id = b.id AND h.source = 'human'"
                    + " AND h.outcome IN ('a', 'b', 'tie', 'both-bad'))");
        }
        return out;
    }

    /** No WHERE at all without conditions: H2 counts a whole table from its row count. */
    private static String where(List<String> conditions) {
        return conditions.isEmpty() ? "" : " WHERE " + String.join(" AND ", conditions);
    }

    /**
     * Stores the verdicts on one battle (a verdict whose key is stored already is skipped) and, in the same
     * transaction, the battle's new status and inconsistency flag (null: unchanged). Returns how many were new.
     */
    public int addVerdicts(long battleId, List<Verdict> verdicts, BattleStatus status, Boolean inconsistent) {
        return store.write(c -> {
            int added = insertVerdicts(c, battleId, verdicts, status, inconsistent, false);
            if (added > 0) {
                store.announce(StoreChange.Kind.VERDICT, battleId);
            }
            return added;
        });
    }

    /**
     * Verdicts on one battle with the battle's new status and inconsistency (null: unchanged), as {@link #addVerdicts}
     * stores them; a status does not replace a person's ({@code adjudicated}).
     */
    public record VerdictWrite(long battleId, List<Verdict> verdicts, BattleStatus status, Boolean inconsistent) {
        public VerdictWrite {
            verdicts = List.copyOf(verdicts);
        }
    }

    /**
     * Stores judges' verdicts on several battles in one transaction (a judging job's workers share commits: each
     * commit writes to disk). A battle a person adjudicated keeps that status. Returns how many verdicts were new.
     */
    public int addJudgeVerdicts(List<VerdictWrite> writes) {
        return store.write(c -> {
            int added = 0;
            for (VerdictWrite w : writes) {
                added += insertVerdicts(c, w.battleId(), w.verdicts(), w.status(), w.inconsistent(), true);
            }
            if (added > 0) {
                store.announce(
                        StoreChange.Kind.VERDICT,
                        writes.size() == 1 ? writes.get(0).battleId() : 0);
            }
            return added;
        });
    }

    private static int insertVerdicts(
            Connection c,
            long battleId,
            List<Verdict> verdicts,
            BattleStatus status,
            Boolean inconsistent,
            boolean keepAdjudicated)
            throws SQLException {
        Set<String> stored = existingKeys(
                c, verdicts.stream().map(Verdict::key).filter(k -> k != null).toList());
        int added = 0;
        try (PreparedStatement ps = c.prepareStatement(
                "INSERT INTO verdict (battle_id, source, game, swapped, voter, outcome, label, raw_label,"
                        + " score_a, score_b, judgment, endpoint, agent, prompt_version, call_id, imported,"
                        + " verdict_key, note, created_at)"
                        + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            for (Verdict v : verdicts) {
                if (v.key() != null && !stored.add(v.key())) {
                    continue;
                }
                AgentCall call = v.call();
                ps.setLong(1, battleId);
                ps.setString(2, v.source().id());
                Sql.setNullable(ps, 3, v.game(), Types.INTEGER);
                ps.setBoolean(4, v.swapped());
                ps.setString(5, cut(v.voter(), 300));
                ps.setString(6, v.outcome().id());
                ps.setString(7, v.label() == null ? null : v.label().text());
                ps.setString(8, cut(v.rawLabel(), 40));
                Sql.setNullable(ps, 9, v.scoreA(), Types.DOUBLE);
                Sql.setNullable(ps, 10, v.scoreB(), Types.DOUBLE);
                ps.setString(11, v.judgment());
                ps.setString(12, call.endpoint());
                ps.setString(13, call.agent());
                Sql.setNullable(ps, 14, call.present() ? call.promptVersion() : null, Types.INTEGER);
                Sql.setNullable(ps, 15, call.called() ? call.callId() : null, Types.BIGINT);
                ps.setBoolean(16, v.imported());
                ps.setString(17, v.key());
                ps.setString(18, cut(v.note(), 4000));
                ps.setTimestamp(19, v.createdAt() == null ? Sql.now() : Timestamp.from(v.createdAt()));
                ps.addBatch();
                added++;
            }
            ps.executeBatch();
        }
        if (status != null || inconsistent != null) {
            // Judges add to a battle's standing, never take from it: a person's adjudication stays, a dispute stays
            // until a person settles it, and one judge's position bias is not cleared by another judge's games.
            String keep = keepAdjudicated
                    ? "CASE WHEN status IN ('adjudicated', 'disputed') THEN status ELSE COALESCE(?, status) END"
                    : "COALESCE(?, status)";
            String flag = keepAdjudicated ? "(inconsistent OR COALESCE(?, FALSE))" : "COALESCE(?, inconsistent)";
            // judge_status is the judges' standing alone (a dispute sticks), given back when the last human vote is
            // withdrawn; people's verdicts never set it.
            boolean fromJudges = status != null
                    && status != BattleStatus.ADJUDICATED
                    && verdicts.stream().anyMatch(v -> v.source() != VerdictSource.HUMAN);
            String judges = fromJudges
                    ? ", judge_status = CASE WHEN judge_status = 'disputed' THEN judge_status ELSE ? END"
                    : "";
            try (PreparedStatement ps = c.prepareStatement(
                    "UPDATE battle SET status = " + keep + ", inconsistent = " + flag + judges + " WHERE id = ?")) {
                int i = 1;
                ps.setString(i++, status == null ? null : status.id());
                Sql.setNullable(ps, i++, inconsistent, Types.BOOLEAN);
                if (fromJudges) {
                    ps.setString(i++, status.id());
                }
                ps.setLong(i, battleId);
                ps.executeUpdate();
            }
        }
        return added;
    }

    /** Text from outside cut to its column (a judge's label or note can be any length: the game is still kept). */
    private static String cut(String text, int max) {
        return text == null || text.length() <= max ? text : text.substring(0, max - 1) + "…";
    }

    /** Which of the keys are stored (to resume a judging job without asking again). */
    public Set<String> storedKeys(List<String> keys) {
        return store.read(c -> existingKeys(c, keys));
    }

    /** The battle's verdicts, oldest first. */
    public List<Verdict> verdicts(long battleId) {
        return verdicts(List.of(battleId)).getOrDefault(battleId, List.of());
    }

    /** The verdicts of each of the battles, oldest first, a query per 500 battles. */
    public Map<Long, List<Verdict>> verdicts(List<Long> battleIds) {
        return store.read(c -> {
            Map<Long, List<Verdict>> out = new LinkedHashMap<>();
            for (int from = 0; from < battleIds.size(); from += 500) {
                List<Long> chunk = battleIds.subList(from, Math.min(battleIds.size(), from + 500));
                try (PreparedStatement ps = c.prepareStatement("SELECT " + VERDICT_COLUMNS + " FROM verdict v"
                        + " WHERE v.battle_id IN (" + Sql.placeholders(chunk.size()) + ") ORDER BY v.id")) {
                    Sql.bind(ps, chunk);
                    try (ResultSet rs = ps.executeQuery()) {
                        while (rs.next()) {
                            Verdict v = readVerdict(rs);
                            out.computeIfAbsent(v.battleId(), k -> new ArrayList<>())
                                    .add(v);
                        }
                    }
                }
            }
            return out;
        });
    }

    /** The voters (judges, juries, annotators) with verdicts, by name. */
    public List<String> voters(VerdictSource source) {
        return store.read(c -> {
            List<String> out = new ArrayList<>();
            try (PreparedStatement ps =
                    c.prepareStatement("SELECT DISTINCT voter FROM verdict WHERE source = ? ORDER BY voter")) {
                ps.setString(1, source.id());
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        out.add(rs.getString(1));
                    }
                }
            }
            return out;
        });
    }

    /** The categories battles have, by name. */
    public List<String> categories() {
        return store.read(c -> {
            List<String> out = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement(
                            "SELECT DISTINCT category FROM battle WHERE category IS NOT NULL ORDER BY category");
                    ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(rs.getString(1));
                }
            }
            return out;
        });
    }

    // --- within a transaction ---

    /**
     * Battles imported before their question (waiting for {@code externalId}: {@code Q} for any turn of Q,
     * {@code Q/turnN} for turn N) join the instruction now stored under that id, as if the question had been there
     * when they were imported: the battle takes the instruction, its category and the models' first answers; when
     * the instruction already has a battle between the two models on that turn, the verdicts move onto it (turned to
     * its orientation) and the waiting battle goes. Returns how many battles were attached or merged.
     */
    static int attachAwaiting(Connection c, String externalId, long instructionId) throws SQLException {
        Matcher turnId = TURN_ID.matcher(externalId);
        String question = turnId.matches() ? turnId.group(1) : externalId;
        Integer turn = turnId.matches() ? Integer.valueOf(turnId.group(2)) : null;
        List<long[]> waiting = new ArrayList<>();
        // by the awaited id alone (it is cleared when a battle is attached): a condition on instruction_id would
        // let the store walk every battle without a question instead
        try (PreparedStatement ps = c.prepareStatement("SELECT id, model_a, model_b, turn FROM battle"
                + " WHERE awaits_question = ?" + (turn == null ? "" : " AND turn = ?"))) {
            ps.setString(1, question);
            if (turn != null) {
                ps.setInt(2, turn);
            }
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    waiting.add(new long[] {rs.getLong(1), rs.getLong(2), rs.getLong(3), rs.getInt(4)});
                }
            }
        }
        for (long[] w : waiting) {
            String key = pairKey(instructionId, w[1], w[2], (int) w[3]);
            Long target = null;
            long targetA = 0;
            try (PreparedStatement ps = c.prepareStatement("SELECT id, model_a FROM battle WHERE pair_key = ?")) {
                ps.setString(1, key);
                try (ResultSet rs = ps.executeQuery()) {
                    if (rs.next()) {
                        target = rs.getLong(1);
                        targetA = rs.getLong(2);
                    }
                }
            }
            if (target == null) {
                attach(c, w[0], instructionId, key);
            } else {
                merge(c, w[0], target, targetA != w[1]);
            }
        }
        return waiting.size();
    }

    private static void attach(Connection c, long battleId, long instructionId, String key) throws SQLException {
        String first = "(SELECT MIN(r.id) FROM arena_response r WHERE r.instruction_id = ? AND r.derived_from IS NULL"
                + " AND r.model_id = battle.%s)";
        try (PreparedStatement ps = c.prepareStatement("UPDATE battle SET instruction_id = ?, pair_key = ?,"
                + " awaits_question = NULL,"
                + " category = (SELECT category FROM arena_instruction WHERE id = ?),"
                + " response_a = COALESCE(response_a, " + first.formatted("model_a") + "),"
                + " response_b = COALESCE(response_b, " + first.formatted("model_b") + ") WHERE id = ?")) {
            ps.setLong(1, instructionId);
            ps.setString(2, key);
            ps.setLong(3, instructionId);
            ps.setLong(4, instructionId);
            ps.setLong(5, instructionId);
            ps.setLong(6, battleId);
            ps.executeUpdate();
        }
    }

    /**
     * Moves a waiting battle's verdicts onto the battle its question already has, in that battle's orientation; the
     * status is the higher of the two, or, when people voted, what their votes say; position bias stays flagged.
     */
    private static void merge(Connection c, long from, long into, boolean flip) throws SQLException {
        List<Verdict> moving = new ArrayList<>();
        try (PreparedStatement ps =
                c.prepareStatement("SELECT " + VERDICT_COLUMNS + " FROM verdict v WHERE v.battle_id = ?")) {
            ps.setLong(1, from);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    moving.add(readVerdict(rs));
                }
            }
        }
        try (PreparedStatement ps = c.prepareStatement("UPDATE verdict SET battle_id = ?, outcome = ?, label = ?,"
                + " swapped = ?, score_a = ?, score_b = ? WHERE id = ?")) {
            for (Verdict v : moving) {
                GradedLabel label = flip && v.label() != null ? v.label().swapped() : v.label();
                ps.setLong(1, into);
                ps.setString(2, (flip ? v.outcome().swapped() : v.outcome()).id());
                ps.setString(3, label == null ? null : label.text());
                // a combined verdict (game 0) was shown no order: only games and votes were seen one way round
                boolean combined = v.game() != null && v.game() == 0;
                ps.setBoolean(4, flip && !combined ? !v.swapped() : v.swapped());
                Sql.setNullable(ps, 5, flip ? v.scoreB() : v.scoreA(), Types.DOUBLE);
                Sql.setNullable(ps, 6, flip ? v.scoreA() : v.scoreB(), Types.DOUBLE);
                ps.setLong(7, v.id());
                ps.addBatch();
            }
            ps.executeBatch();
        }
        BattleStatus status = BattleStatus.UNJUDGED;
        boolean inconsistent = false;
        List<Battle> both = readBattles(c, " WHERE b.id IN (?, ?)", List.of(from, into));
        for (Battle b : both) {
            status = b.status().ordinal() > status.ordinal() ? b.status() : status;
            inconsistent |= b.inconsistent();
        }
        List<Outcome> votes = new ArrayList<>();
        try (PreparedStatement ps =
                c.prepareStatement("SELECT outcome FROM verdict WHERE battle_id = ? AND source = ?")) {
            ps.setLong(1, into);
            ps.setString(2, VerdictSource.HUMAN.id());
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    votes.add(Outcome.of(rs.getString(1)));
                }
            }
        }
        if (!votes.isEmpty()) {
            status = HumanMajority.of(votes).map(HumanMajority::status).orElse(status);
        }
        // the judges' own standing of the two, the higher of them (a dispute sticks)
        String judges = "CASE WHEN 'disputed' IN (judge_status, j.s) THEN 'disputed'"
                + " WHEN 'judged' IN (judge_status, j.s) THEN 'judged' ELSE judge_status END";
        try (PreparedStatement ps = c.prepareStatement("UPDATE battle SET status = ?, inconsistent = ?, judge_status = "
                + judges.replace("j.s", "(SELECT judge_status FROM battle WHERE id = ?)") + " WHERE id = ?")) {
            ps.setString(1, status.id());
            ps.setBoolean(2, inconsistent);
            ps.setLong(3, from);
            ps.setLong(4, from);
            ps.setLong(5, into);
            ps.executeUpdate();
        }
        try (PreparedStatement ps = c.prepareStatement("DELETE FROM battle WHERE id = ?")) {
            ps.setLong(1, from);
            ps.executeUpdate();
        }
    }

    /**
     * An imported battle made before its answers were imported takes a model's answer when one arrives (the first
     * imported: the answer the file's judge read); answers it has are never replaced.
     */
    static void fillImportedAnswer(Connection c, long instructionId, long modelId, long responseId)
            throws SQLException {
        // the instruction's battles are found by the instruction alone: with the model in the condition the store
        // would walk all of that model's battles for every answer
        List<String> updates = new ArrayList<>();
        List<Long> ids = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT id, model_a, model_b, response_a, response_b FROM battle WHERE instruction_id = ?")) {
            ps.setLong(1, instructionId);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    if (rs.getLong(2) == modelId && rs.getObject(4) == null) {
                        updates.add("a");
                        ids.add(rs.getLong(1));
                    } else if (rs.getLong(3) == modelId && rs.getObject(5) == null) {
                        updates.add("b");
                        ids.add(rs.getLong(1));
                    }
                }
            }
        }
        for (int i = 0; i < ids.size(); i++) {
            try (PreparedStatement ps =
                    c.prepareStatement("UPDATE battle SET response_" + updates.get(i) + " = ? WHERE id = ?")) {
                ps.setLong(1, responseId);
                ps.setLong(2, ids.get(i));
                ps.executeUpdate();
            }
        }
    }

    private static String pairKey(long instructionId, long modelA, long modelB, int turn) {
        return "i" + instructionId + ":m" + Math.min(modelA, modelB) + ":m" + Math.max(modelA, modelB) + ":t" + turn;
    }

    /** {id, 1 if made now else 0}. */
    /**
     * A battle made before its answers were known (e.g. from a judgment file imported before the answers) gets them
     * when a later call knows them, in the battle's own orientation; answers it has are never replaced.
     */
    private static void fillAnswers(Connection c, long id, boolean sameOrientation, Battle b) throws SQLException {
        Long forA = sameOrientation ? b.responseA() : b.responseB();
        Long forB = sameOrientation ? b.responseB() : b.responseA();
        if (forA == null && forB == null) {
            return;
        }
        try (PreparedStatement ps = c.prepareStatement("UPDATE battle SET response_a = COALESCE(response_a, ?),"
                + " response_b = COALESCE(response_b, ?)"
                + " WHERE id = ? AND (response_a IS NULL OR response_b IS NULL)")) {
            Sql.setNullable(ps, 1, forA, Types.BIGINT);
            Sql.setNullable(ps, 2, forB, Types.BIGINT);
            ps.setLong(3, id);
            ps.executeUpdate();
        }
    }

    private static long[] battleId(Connection c, Battle b, String ownKey) throws SQLException {
        return battleId(c, b, ownKey, null);
    }

    /** As {@link #battleId(Connection, Battle, String)}; {@code regenerates}: the failed battle it redoes, or null. */
    private static long[] battleId(Connection c, Battle b, String ownKey, Long regenerates) throws SQLException {
        long a = ArenaRepository.modelId(c, b.modelA());
        long m = ArenaRepository.modelId(c, b.modelB());
        String key = b.instructionId() == null ? "own:" + ownKey : pairKey(b.instructionId(), a, m, b.turn());
        if (regenerates != null) {
            // the same two models on the same prompt again: a battle of its own (V15)
            key += ":r" + regenerates;
        }
        try (PreparedStatement ps = c.prepareStatement("SELECT id, model_a FROM battle WHERE pair_key = ?")) {
            ps.setString(1, key);
            try (ResultSet rs = ps.executeQuery()) {
                if (rs.next()) {
                    long id = rs.getLong(1);
                    fillAnswers(c, id, rs.getLong(2) == a, b);
                    return new long[] {id, 0};
                }
            }
        }
        try (PreparedStatement ps = c.prepareStatement(
                "INSERT INTO battle (pair_key, instruction_id, model_a, model_b, response_a, response_b, turn,"
                        + " strategy, category, status, inconsistent, created_at, regenerates)"
                        + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                Statement.RETURN_GENERATED_KEYS)) {
            ps.setString(1, key);
            Sql.setNullable(ps, 2, b.instructionId(), Types.BIGINT);
            ps.setLong(3, a);
            ps.setLong(4, m);
            Sql.setNullable(ps, 5, b.responseA(), Types.BIGINT);
            Sql.setNullable(ps, 6, b.responseB(), Types.BIGINT);
            ps.setInt(7, b.turn());
            ps.setString(8, b.strategy());
            ps.setString(9, b.category());
            ps.setString(10, b.status().id());
            ps.setBoolean(11, b.inconsistent());
            ps.setTimestamp(12, Sql.now());
            Sql.setNullable(ps, 13, regenerates, Types.BIGINT);
            ps.executeUpdate();
            return new long[] {Sql.generatedKey(ps), 1};
        }
    }

    private static Set<String> existingKeys(Connection c, List<String> keys) throws SQLException {
        Set<String> found = new HashSet<>();
        for (int from = 0; from < keys.size(); from += 500) {
            List<String> chunk = keys.subList(from, Math.min(keys.size(), from + 500));
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT verdict_key FROM verdict WHERE verdict_key IN (" + Sql.placeholders(chunk.size()) + ")")) {
                Sql.bind(ps, chunk);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        found.add(rs.getString(1));
                    }
                }
            }
        }
        return found;
    }

    private static List<Battle> readBattles(Connection c, String where, List<Object> params) throws SQLException {
        List<Battle> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT " + BATTLE_COLUMNS + BATTLE_FROM + where)) {
            Sql.bind(ps, params);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new Battle(
                            rs.getLong("id"),
                            rs.getObject("instruction_id", Long.class),
                            rs.getString("model_a"),
                            rs.getString("model_b"),
                            rs.getObject("response_a", Long.class),
                            rs.getObject("response_b", Long.class),
                            rs.getInt("turn"),
                            rs.getString("strategy"),
                            rs.getString("category"),
                            BattleStatus.of(rs.getString("status")),
                            rs.getBoolean("inconsistent"),
                            Sql.instant(rs, "created_at")));
                }
            }
        }
        return out;
    }

    private static Verdict readVerdict(ResultSet rs) throws SQLException {
        String agent = rs.getString("agent");
        AgentCall call = agent == null
                ? AgentCall.NONE
                : new AgentCall(
                        agent,
                        Sql.intOrZero(rs, "prompt_version"),
                        Sql.longOrZero(rs, "call_id"),
                        rs.getString("endpoint"),
                        null);
        String label = rs.getString("label");
        return new Verdict(
                rs.getLong("id"),
                rs.getLong("battle_id"),
                VerdictSource.of(rs.getString("source")),
                rs.getObject("game", Integer.class),
                rs.getBoolean("swapped"),
                rs.getString("voter"),
                Outcome.of(rs.getString("outcome")),
                label == null ? null : GradedLabel.parse(label).orElse(null),
                rs.getString("raw_label"),
                rs.getObject("score_a", Double.class),
                rs.getObject("score_b", Double.class),
                rs.getString("judgment"),
                call,
                rs.getBoolean("imported"),
                rs.getString("verdict_key"),
                rs.getString("note"),
                Sql.instant(rs, "created_at"));
    }
}
