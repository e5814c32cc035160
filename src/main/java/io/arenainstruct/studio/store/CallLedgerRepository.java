package io.arenainstruct.studio.store;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.arenainstruct.studio.domain.llm.ErrorClass;
import io.arenainstruct.studio.domain.llm.LedgerEntry;
import io.arenainstruct.studio.domain.llm.LedgerFilter;
import io.arenainstruct.studio.domain.llm.LedgerOutcome;

/**
 * The call ledger. A row is written once, complete, when a call ends: first to the journal (kill-safe and
 * cheap), then in batches into {@code model_call}; a crash never leaves half a row, and every answer that
 * was paid for is kept.
 */
public final class CallLedgerRepository {

    private static final String COLUMNS = "id, request_hash, endpoint, provider, model, request_json, reply, tokens_in,"
            + " tokens_out, latency_ms, attempts, outcome, error_class, error_detail, called_at, run_id, step";

    private final Store store;
    private final LedgerState state;

    public CallLedgerRepository(Store store) {
        this.store = store;
        this.state = store.shared(LedgerState.class, LedgerState::new);
    }

    /**
     * Records a finished call and returns its id. {@code cachedFrom} is the answering row for a cache hit.
     * When this returns the row survives a kill of the process (it is journalled; see {@link LedgerJournal}).
     */
    public long record(LedgerEntry e, Long cachedFrom) {
        return state.record(e, cachedFrom);
    }

    /** Moves journalled calls into the store now; queries over many rows call it first. */
    public void flush() {
        state.flush();
    }

    /** The newest successful call with this request hash: the cache. */
    public Optional<LedgerEntry> findAnswer(String requestHash) {
        if (!state.mayHaveAnswer(requestHash)) {
            return Optional.empty();
        }
        LedgerEntry journalled = null;
        for (LedgerJournal.Row row : state.pending()) {
            if (row.entry().requestHash().equals(requestHash)
                    && LedgerOutcome.OK.equals(row.entry().outcome())) {
                journalled = row.entry();
            }
        }
        if (journalled != null) {
            return Optional.of(journalled);
        }
        return store.read(c -> {
            try (PreparedStatement ps =
                    c.prepareStatement("SELECT " + COLUMNS + " FROM model_call WHERE request_hash = ?"
                            + " AND outcome = '" + LedgerOutcome.OK + "' ORDER BY id DESC LIMIT 1")) {
                ps.setString(1, requestHash);
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? Optional.of(read(rs)) : Optional.empty();
                }
            }
        });
    }

    public Optional<LedgerEntry> find(long id) {
        LedgerJournal.Row journalled = state.pending(id);
        if (journalled != null) {
            return Optional.of(journalled.entry());
        }
        return store.read(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS + " FROM model_call WHERE id = ?")) {
                ps.setLong(1, id);
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? Optional.of(read(rs)) : Optional.empty();
                }
            }
        });
    }

    /** Newest first, one page. */
    public List<LedgerEntry> list(LedgerFilter filter, int offset, int limit) {
        state.flush();
        List<Object> params = new ArrayList<>();
        StringBuilder sql =
                new StringBuilder("SELECT " + COLUMNS + " FROM model_call WHERE 1=1" + where(filter, params));
        sql.append(" ORDER BY id DESC LIMIT ? OFFSET ?");
        params.add(limit);
        params.add(offset);
        return store.read(c -> {
            List<LedgerEntry> out = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement(sql.toString())) {
                for (int i = 0; i < params.size(); i++) {
                    ps.setObject(i + 1, params.get(i));
                }
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        out.add(read(rs));
                    }
                }
            }
            return out;
        });
    }

    /** How many calls match the filter (for the Ledger area's "showing 1–200 of N"). */
    public int count(LedgerFilter filter) {
        state.flush();
        List<Object> params = new ArrayList<>();
        String where = where(filter, params);
        return store.read(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT COUNT(*) FROM model_call WHERE 1=1" + where)) {
                for (int i = 0; i < params.size(); i++) {
                    ps.setObject(i + 1, params.get(i));
                }
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    return rs.getInt(1);
                }
            }
        });
    }

    /** The endpoint names that appear in the ledger, sorted (also those of endpoints deleted since). */
    public List<String> endpointNames() {
        state.flush();
        return store.read(c -> {
            List<String> out = new ArrayList<>();
            try (PreparedStatement ps =
                            c.prepareStatement("SELECT DISTINCT endpoint FROM model_call ORDER BY endpoint");
                    ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(rs.getString(1));
                }
            }
            return out;
        });
    }

    private static String where(LedgerFilter filter, List<Object> params) {
        StringBuilder sql = new StringBuilder();
        if (filter.endpoint() != null && !filter.endpoint().isBlank()) {
            sql.append(" AND endpoint = ?");
            params.add(filter.endpoint());
        }
        if (filter.outcome() != null && !filter.outcome().isBlank()) {
            sql.append(" AND outcome = ?");
            params.add(filter.outcome());
        }
        if (filter.errorClass() != null) {
            sql.append(" AND error_class = ?");
            params.add(filter.errorClass().name());
        }
        if (filter.runId() != null) {
            sql.append(" AND run_id = ?");
            params.add(filter.runId());
        }
        return sql.toString();
    }

    /**
     * Totals for {@code ledger stats}: per model, calls sent, cache hits, failures by class, tokens. A call the
     * curator cancelled is counted apart: it is neither a failure nor an answer.
     */
    public record ModelTotals(
            String model,
            int sent,
            int cacheHits,
            int dryRuns,
            int failed,
            int cancelled,
            long tokensIn,
            long tokensOut) {
        public ModelTotals(
                String model, int sent, int cacheHits, int dryRuns, int failed, long tokensIn, long tokensOut) {
            this(model, sent, cacheHits, dryRuns, failed, 0, tokensIn, tokensOut);
        }
    }

    private static final String CANCELLED_CALL =
            "outcome = '" + LedgerOutcome.FAILED + "' AND error_class = '" + ErrorClass.CANCELLED.name() + "'";

    public List<ModelTotals> totalsByModel(Long runId) {
        state.flush();
        return store.read(c -> {
            List<ModelTotals> out = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT model,"
                    + " SUM(CASE WHEN outcome IN ('" + LedgerOutcome.OK + "', '" + LedgerOutcome.FAILED + "') AND NOT ("
                    + CANCELLED_CALL
                    + ") THEN 1 ELSE 0 END),"
                    + " SUM(CASE WHEN outcome = '" + LedgerOutcome.CACHED + "' THEN 1 ELSE 0 END),"
                    + " SUM(CASE WHEN outcome = '" + LedgerOutcome.DRY_RUN + "' THEN 1 ELSE 0 END),"
                    + " SUM(CASE WHEN outcome = '" + LedgerOutcome.FAILED + "' AND NOT (" + CANCELLED_CALL
                    + ") THEN 1 ELSE 0 END),"
                    + " SUM(CASE WHEN " + CANCELLED_CALL + " THEN 1 ELSE 0 END),"
                    + " SUM(CASE WHEN outcome = '" + LedgerOutcome.OK + "' THEN tokens_in ELSE 0 END),"
                    + " SUM(CASE WHEN outcome = '" + LedgerOutcome.OK + "' THEN tokens_out ELSE 0 END)"
                    + " FROM model_call" + (runId == null ? "" : " WHERE run_id = ?")
                    + " GROUP BY model ORDER BY model")) {
                if (runId != null) {
                    ps.setLong(1, runId);
                }
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        out.add(new ModelTotals(
                                rs.getString(1),
                                rs.getInt(2),
                                rs.getInt(3),
                                rs.getInt(4),
                                rs.getInt(5),
                                rs.getInt(6),
                                rs.getLong(7),
                                rs.getLong(8)));
                    }
                }
            }
            return out;
        });
    }

    public Map<ErrorClass, Integer> failuresByClass(Long runId) {
        state.flush();
        return store.read(c -> {
            Map<ErrorClass, Integer> out = new LinkedHashMap<>();
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT error_class, COUNT(*) FROM model_call WHERE outcome = '" + LedgerOutcome.FAILED
                            + "' AND NOT (" + CANCELLED_CALL + ")" + (runId == null ? "" : " AND run_id = ?")
                            + " GROUP BY error_class ORDER BY 2 DESC")) {
                if (runId != null) {
                    ps.setLong(1, runId);
                }
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        out.put(ErrorClass.valueOf(rs.getString(1)), rs.getInt(2));
                    }
                }
            }
            return out;
        });
    }

    private static LedgerEntry read(ResultSet rs) throws SQLException {
        String errorClass = rs.getString("error_class");
        return new LedgerEntry(
                rs.getLong("id"),
                rs.getString("request_hash").strip(),
                rs.getString("endpoint"),
                rs.getString("provider"),
                rs.getString("model"),
                rs.getString("request_json"),
                rs.getString("reply"),
                rs.getInt("tokens_in"),
                rs.getInt("tokens_out"),
                Duration.ofMillis(rs.getLong("latency_ms")),
                rs.getInt("attempts"),
                rs.getString("outcome"),
                errorClass == null ? null : ErrorClass.valueOf(errorClass),
                rs.getString("error_detail"),
                rs.getTimestamp("called_at").toInstant(),
                (Long) rs.getObject("run_id", Long.class),
                rs.getString("step"));
    }
}
