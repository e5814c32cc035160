package io.arenainstruct.studio.store;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

import io.arenainstruct.studio.domain.TimeRange;
import io.arenainstruct.studio.domain.arena.Outcome;
import io.arenainstruct.studio.domain.arena.VerdictSource;

/**
 * What ratings read: every verdict row with its battle's category, models and answers, in one streaming query
 * (300,000 verdicts are read once, never a query per battle), and the answers' texts for style control.
 */
public final class RatingsRepository {
    private final Store store;

    public RatingsRepository(Store store) {
        this.store = store;
    }

    /**
     * One verdict row as ratings read it, in the battle's orientation.
     *
     * @param modelA        the battle's model A (an {@code arena_model} id; names from {@link #modelNames()})
     * @param responseA     the battle's answer of model A; null when the battle has none
     * @param game          a judge's game 1 or 2; null for others
     * @param label         the graded label as stored (GradedLabel's text); null for other styles
     * @param voter         the judge model, the jury's name, the annotator or the file
     * @param key           the row's verdict key; null for people's votes made here
     * @param preferredEdit a person's vote for an answer they edited first (edit-then-prefer)
     */
    public record Row(
            long id,
            long battleId,
            String category,
            long modelA,
            long modelB,
            Long responseA,
            Long responseB,
            VerdictSource source,
            Integer game,
            Outcome outcome,
            String label,
            String voter,
            String key,
            boolean preferredEdit,
            Instant at) {}

    /**
     * Hands every verdict row made here ({@code imported} false) or read from files (true) to {@code each}, in no
     * particular order: callers order by time themselves, so H2 sorts nothing. The judges' combined verdicts (game 0)
     * are left out: they are derived from the games, and no source rates them.
     */
    public void forEachVerdict(boolean imported, Consumer<Row> each) {
        forEachVerdict(imported, TimeRange.ALL, each);
    }

    /** As {@link #forEachVerdict(boolean, Consumer)}, only the verdicts on battles created in the range. */
    public void forEachVerdict(boolean imported, TimeRange battlesCreated, Consumer<Row> each) {
        forEachVerdict(imported, battlesCreated, false, each);
    }

    /**
     * As {@link #forEachVerdict(boolean, TimeRange, Consumer)}; {@code withoutRedos} leaves out the battles that redo
     * a both-bad battle (decision 0019).
     */
    public void forEachVerdict(boolean imported, TimeRange battlesCreated, boolean withoutRedos, Consumer<Row> each) {
        // Which votes preferred an edited answer, read first (few): a join per verdict row would cost more.
        String edited = "SELECT h.verdict_id FROM human_verdict h WHERE h.preferred_response IS NOT NULL";
        String sql = "SELECT v.id, v.battle_id, b.category, b.model_a, b.model_b, b.response_a, b.response_b,"
                + " v.source, v.game, v.outcome, v.label, v.voter, v.verdict_key, v.created_at"
                + " FROM verdict v JOIN battle b ON b.id = v.battle_id"
                + " WHERE v.imported = ? AND (v.game IS NULL OR v.game <> 0)"
                + (battlesCreated.from() == null ? "" : " AND b.created_at >= ?")
                + (battlesCreated.until() == null ? "" : " AND b.created_at < ?")
                + (withoutRedos ? " AND b.regenerates IS NULL" : "");
        store.read(c -> {
            Set<Long> editedVotes = new HashSet<>();
            try (PreparedStatement ps = c.prepareStatement(edited);
                    ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    editedVotes.add(rs.getLong(1));
                }
            }
            try (PreparedStatement ps = c.prepareStatement(sql)) {
                int p = 1;
                ps.setBoolean(p++, imported);
                if (battlesCreated.from() != null) {
                    ps.setTimestamp(p++, Timestamp.from(battlesCreated.from()));
                }
                if (battlesCreated.until() != null) {
                    ps.setTimestamp(p, Timestamp.from(battlesCreated.until()));
                }
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        each.accept(row(rs, editedVotes));
                    }
                }
            }
            return null;
        });
    }

    private static Row row(ResultSet rs, Set<Long> editedVotes) throws SQLException {
        Timestamp at = rs.getTimestamp(14);
        long id = rs.getLong(1);
        return new Row(
                id,
                rs.getLong(2),
                rs.getString(3),
                rs.getLong(4),
                rs.getLong(5),
                rs.getObject(6, Long.class),
                rs.getObject(7, Long.class),
                VerdictIds.source(rs.getString(8)),
                rs.getObject(9, Integer.class),
                VerdictIds.outcome(rs.getString(10)),
                rs.getString(11),
                rs.getString(12),
                rs.getString(13),
                !editedVotes.isEmpty() && editedVotes.contains(id),
                at == null ? null : at.toInstant());
    }

    /** Every model's name by id. */
    public Map<Long, String> modelNames() {
        return store.read(c -> {
            Map<Long, String> out = new HashMap<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT id, name FROM arena_model");
                    ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.put(rs.getLong(1), rs.getString(2));
                }
            }
            return out;
        });
    }

    /** Receives an answer's text. */
    @FunctionalInterface
    public interface TextSink {
        void accept(long responseId, String text);
    }

    /**
     * The texts of the responses named (those that exist), a query per 500. A response's text never changes (an
     * edit is a new response), so a reader can keep what it made of a text and ask only for responses it has not
     * read.
     */
    public void responseTexts(List<Long> responseIds, TextSink sink) {
        store.read(c -> {
            for (int from = 0; from < responseIds.size(); from += 500) {
                List<Long> chunk = responseIds.subList(from, Math.min(responseIds.size(), from + 500));
                try (PreparedStatement ps = c.prepareStatement("SELECT id, text FROM arena_response WHERE id IN ("
                        + Sql.placeholders(chunk.size()) + ") ORDER BY id")) {
                    Sql.bind(ps, chunk);
                    try (ResultSet rs = ps.executeQuery()) {
                        while (rs.next()) {
                            sink.accept(rs.getLong(1), rs.getString(2));
                        }
                    }
                }
            }
            return null;
        });
    }

    /** The categories of battles with at least one verdict, by name. */
    public List<String> categories() {
        return names("SELECT DISTINCT b.category FROM battle b WHERE b.category IS NOT NULL"
                + " AND EXISTS (SELECT 1 FROM verdict v WHERE v.battle_id = b.id) ORDER BY b.category");
    }

    /** The models of battles with at least one verdict, by name. */
    public List<String> models() {
        return names("SELECT m.name FROM arena_model m WHERE EXISTS (SELECT 1 FROM battle b"
                + " WHERE (b.model_a = m.id OR b.model_b = m.id)"
                + " AND EXISTS (SELECT 1 FROM verdict v WHERE v.battle_id = b.id)) ORDER BY m.name");
    }

    private List<String> names(String sql) {
        return store.read(c -> Sql.strings(c, sql));
    }

    /**
     * How many decided verdicts each kind of source holds (a rough count for telling the curator which source has
     * something to rate; the rating rules leave some out).
     *
     * @param judgeGames   judge games (1, 2) and juries' pooled verdicts made here
     * @param humanVotes   people's votes made here
     * @param importedRows rows read from files (not the judges' combined verdicts derived from them)
     */
    public record SourceCounts(long judgeGames, long humanVotes, long importedRows) {}

    public SourceCounts sourceCounts() {
        return store.read(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT"
                            + " COUNT(CASE WHEN NOT v.imported AND ((v.source = 'judge' AND v.game > 0)"
                            + " OR v.source = 'jury') THEN 1 END),"
                            + " COUNT(CASE WHEN NOT v.imported AND v.source = 'human' THEN 1 END),"
                            + " COUNT(CASE WHEN v.imported AND (v.game IS NULL OR v.game > 0) THEN 1 END)"
                            + " FROM verdict v WHERE v.outcome NOT IN ('unparsable', 'error')");
                    ResultSet rs = ps.executeQuery()) {
                rs.next();
                return new SourceCounts(rs.getLong(1), rs.getLong(2), rs.getLong(3));
            }
        });
    }
}
