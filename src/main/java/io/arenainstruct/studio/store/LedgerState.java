package io.arenainstruct.studio.store;

import java.io.IOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.sql.Types;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Level;
import java.util.logging.Logger;

import io.arenainstruct.studio.domain.llm.LedgerEntry;
import io.arenainstruct.studio.domain.llm.LedgerOutcome;

/**
 * The ledger's write path, one per store: a finished call is journalled (cheap, kill-safe) and kept in
 * memory until a background flush moves a batch into {@code model_call} in one transaction. Rows left in
 * the journal by a kill are moved in when the store opens again.
 */
final class LedgerState {
    private static final Logger LOG = Logger.getLogger(LedgerState.class.getName());
    private static final long FLUSH_EVERY_MS = 200;

    private final Store store;
    private final LedgerJournal journal;
    private final Map<Long, LedgerJournal.Row> pending = new ConcurrentSkipListMap<>();
    private final AtomicLong nextId;
    private final HashPrefixSet answered = new HashPrefixSet();
    private final Object flushLock = new Object();
    private final ScheduledExecutorService flusher;

    LedgerState(Store store) {
        this.store = store;
        this.journal = new LedgerJournal(store.directory());
        flush();
        this.nextId = new AtomicLong(store.read(c -> {
            try (Statement st = c.createStatement();
                    ResultSet rs = st.executeQuery("SELECT MAX(id) FROM model_call")) {
                rs.next();
                return rs.getLong(1) + 1;
            }
        }));
        store.read(c -> {
            try (Statement st = c.createStatement();
                    ResultSet rs = st.executeQuery(
                            "SELECT request_hash FROM model_call WHERE outcome = '" + LedgerOutcome.OK + "'")) {
                while (rs.next()) {
                    answered.add(rs.getString(1).strip());
                }
            }
            return null;
        });
        this.flusher = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "ledger-flush");
            t.setDaemon(true);
            return t;
        });
        flusher.scheduleWithFixedDelay(this::flushQuietly, FLUSH_EVERY_MS, FLUSH_EVERY_MS, TimeUnit.MILLISECONDS);
        store.beforeClose(this::close);
    }

    /** Journals a finished call and returns its id; when this returns, the row survives a kill of the process. */
    long record(LedgerEntry entry, Long cachedFrom) {
        long id = nextId.getAndIncrement();
        LedgerJournal.Row row = new LedgerJournal.Row(entry.withId(id), cachedFrom);
        pending.put(id, row);
        if (LedgerOutcome.OK.equals(entry.outcome())) {
            answered.add(entry.requestHash());
        }
        try {
            journal.append(row);
        } catch (IOException e) {
            pending.remove(id);
            throw new StoreException(
                    "cannot write the call ledger's journal in " + store.directory() + ": " + e.getMessage(), e);
        }
        return id;
    }

    /** False when no call with this request hash was ever answered, so the store need not be asked. */
    boolean mayHaveAnswer(String requestHash) {
        return answered.mayContain(requestHash);
    }

    /** Rows not yet moved into the store, oldest first. */
    Iterable<LedgerJournal.Row> pending() {
        return pending.values();
    }

    LedgerJournal.Row pending(long id) {
        return pending.get(id);
    }

    /** Moves every journalled row into the store now (queries call this first, so they see every call). */
    void flush() {
        synchronized (flushLock) {
            try {
                List<LedgerJournal.Row> rows = journal.rotate();
                if (!rows.isEmpty()) {
                    store.write(c -> {
                        insert(c, rows);
                        return null;
                    });
                }
                journal.flushed();
                rows.forEach(r -> pending.remove(r.entry().id()));
            } catch (IOException e) {
                throw new StoreException("cannot move the call ledger's journal into the store: " + e.getMessage(), e);
            }
        }
    }

    private void flushQuietly() {
        if (pending.isEmpty() || store.isClosed()) {
            return;
        }
        try {
            flush();
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "ledger flush failed; the rows stay journalled and are retried", e);
        }
    }

    private void close() {
        // shutdown, not shutdownNow: interrupting a flush in the middle of an H2 write closes H2's file
        // (ClosedByInterruptException) and the store is left unclean. A flush in progress is waited for instead
        // (flush holds flushLock, so the final flush below cannot overlap it even if the wait ends early).
        flusher.shutdown();
        try {
            if (!flusher.awaitTermination(30, TimeUnit.SECONDS)) {
                LOG.warning("the ledger flush takes long; closing after it");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        flush();
        try {
            journal.close();
        } catch (IOException e) {
            LOG.log(Level.WARNING, "closing the ledger journal failed", e);
        }
    }

    /** MERGE by id: a row flushed before a kill interrupted the journal's removal is not stored twice. */
    private void insert(Connection c, List<LedgerJournal.Row> rows) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(Sql.upsert(
                store.dialect(),
                "model_call",
                "id, request_hash, endpoint, provider, model, request_json, reply, tokens_in, tokens_out, latency_ms,"
                        + " attempts, outcome, error_class, error_detail, called_at, run_id, step, cached_from",
                "id"))) {
            for (LedgerJournal.Row row : rows) {
                LedgerEntry e = row.entry();
                ps.setLong(1, e.id());
                ps.setString(2, e.requestHash());
                ps.setString(3, e.endpoint());
                ps.setString(4, e.provider());
                ps.setString(5, e.model());
                ps.setString(6, e.requestJson());
                ps.setString(7, e.reply());
                ps.setInt(8, e.tokensIn());
                ps.setInt(9, e.tokensOut());
                ps.setLong(10, e.latency().toMillis());
                ps.setInt(11, e.attempts());
                ps.setString(12, e.outcome());
                ps.setString(13, e.errorClass() == null ? null : e.errorClass().name());
                ps.setString(
                        14,
                        e.errorDetail() == null
                                ? null
                                : e.errorDetail()
                                        .substring(
                                                0,
                                                Math.min(4000, e.errorDetail().length())));
                ps.setTimestamp(15, Timestamp.from(e.at()));
                if (e.runId() == null) {
                    ps.setNull(16, Types.BIGINT);
                } else {
                    ps.setLong(16, e.runId());
                }
                ps.setString(17, e.step());
                if (row.cachedFrom() == null) {
                    ps.setNull(18, Types.BIGINT);
                } else {
                    ps.setLong(18, row.cachedFrom());
                }
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }
}
