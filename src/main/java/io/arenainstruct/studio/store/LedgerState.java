package io.arenainstruct.studio.store;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.sql.Types;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.stream.Stream;

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
    private static final long BLOCK = 200;
    /** A team store: other processes add rows, so the ledger itself is asked rather than {@link #answered}. */
    private final boolean shared;

    private final FileLock lock;
    private final Ids ids;
    private final HashPrefixSet answered = new HashPrefixSet();
    private final Object flushLock = new Object();
    private final ScheduledExecutorService flusher;

    LedgerState(Store store) {
        this.store = store;
        this.shared = store.dialect() == Dialect.POSTGRESQL;
        if (shared) {
            // A team store's local folder is per user, not per process: each process journals into a file of its
            // own, held by a lock, and moves in what dead processes of this machine left (decision 0024).
            String token = store.owner().substring(store.owner().lastIndexOf('/') + 1) + "-"
                    + ProcessHandle.current().pid();
            this.lock = holdLock(store.directory().resolve(LedgerJournal.PREFIX + token + LedgerJournal.LOCK_SUFFIX));
            this.journal =
                    new LedgerJournal(store.directory().resolve(LedgerJournal.PREFIX + token + LedgerJournal.SUFFIX));
            flushOrphans();
        } else {
            this.lock = null;
            this.journal = new LedgerJournal(store.directory().resolve(LedgerJournal.FILE));
        }
        flush();
        if (shared) {
            this.ids = new IdBlocks(store);
        } else {
            // One process has an H2 store: ids simply follow the largest stored one.
            AtomicLong next = new AtomicLong(store.read(c -> {
                try (Statement st = c.createStatement();
                        ResultSet rs = st.executeQuery("SELECT MAX(id) FROM model_call")) {
                    rs.next();
                    return rs.getLong(1) + 1;
                }
            }));
            this.ids = next::getAndIncrement;
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
        }
        this.flusher = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "ledger-flush");
            t.setDaemon(true);
            return t;
        });
        flusher.scheduleWithFixedDelay(this::flushQuietly, FLUSH_EVERY_MS, FLUSH_EVERY_MS, TimeUnit.MILLISECONDS);
        store.beforeClose(this::close);
    }

    /** Hands out ledger ids. */
    private interface Ids {
        long next();
    }

    /**
     * Ids on a shared store: a block of {@link #BLOCK} reserved with one UPDATE of {@code id_block} (the row lock
     * orders processes), so no two processes hand out one id; past the largest stored id in case rows were copied
     * in without the counter.
     */
    private static final class IdBlocks implements Ids {
        private final Store store;
        private long next;
        private long end;

        IdBlocks(Store store) {
            this.store = store;
        }

        @Override
        public synchronized long next() {
            if (next >= end) {
                end = store.write(c -> {
                    try (PreparedStatement ps = c.prepareStatement("UPDATE id_block SET next_id = GREATEST(next_id,"
                            + " (SELECT COALESCE(MAX(id), 0) + 1 FROM model_call)) + ? WHERE name = 'model_call'")) {
                        ps.setLong(1, BLOCK);
                        ps.executeUpdate();
                    }
                    try (Statement st = c.createStatement();
                            ResultSet rs = st.executeQuery("SELECT next_id FROM id_block WHERE name = 'model_call'")) {
                        rs.next();
                        return rs.getLong(1);
                    }
                });
                next = end - BLOCK;
            }
            return next++;
        }
    }

    private static FileLock holdLock(Path path) {
        try {
            FileChannel ch = FileChannel.open(path, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            FileLock held = ch.tryLock();
            if (held == null) {
                ch.close();
                throw new StoreException("the ledger journal lock " + path + " is held by another process");
            }
            return held;
        } catch (IOException e) {
            throw new StoreException(
                    "cannot lock the call ledger's journal in " + path.getParent() + ": " + e.getMessage(), e);
        }
    }

    /**
     * Moves into the store the journals of this machine's processes that died with rows in them: a journal whose
     * lock this process can take has no living owner. A living one's lock is held (by this JVM, if it opened the
     * store twice: {@link OverlappingFileLockException}).
     */
    private void flushOrphans() {
        Set<String> tokens = new TreeSet<>();
        try (Stream<Path> files = Files.list(store.directory())) {
            files.map(f -> f.getFileName().toString())
                    .filter(n -> n.startsWith(LedgerJournal.PREFIX) && n.contains(LedgerJournal.SUFFIX))
                    .forEach(n -> tokens.add(n.substring(0, n.indexOf(LedgerJournal.SUFFIX))));
        } catch (IOException e) {
            throw new StoreException("cannot list " + store.directory() + ": " + e.getMessage(), e);
        }
        for (String token : tokens) {
            Path lockFile = store.directory().resolve(token + LedgerJournal.LOCK_SUFFIX);
            try (FileChannel ch = FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE)) {
                FileLock orphan;
                try {
                    orphan = ch.tryLock();
                } catch (OverlappingFileLockException alive) {
                    continue;
                }
                if (orphan == null || lockFile.equals(lockPath())) {
                    continue;
                }
                LedgerJournal dead = new LedgerJournal(store.directory().resolve(token + LedgerJournal.SUFFIX));
                List<LedgerJournal.Row> rows = dead.rotate();
                if (!rows.isEmpty()) {
                    store.write(c -> {
                        insert(c, rows);
                        return null;
                    });
                }
                dead.delete();
                Files.deleteIfExists(lockFile);
                orphan.release();
            } catch (IOException e) {
                LOG.log(Level.WARNING, "could not move the ledger journal " + token + " into the store", e);
            }
        }
    }

    private Path lockPath() {
        return lock == null
                ? null
                : store.directory()
                        .resolve(journal.file()
                                .getFileName()
                                .toString()
                                .replace(LedgerJournal.SUFFIX, LedgerJournal.LOCK_SUFFIX));
    }

    /** Journals a finished call and returns its id; when this returns, the row survives a kill of the process. */
    long record(LedgerEntry entry, Long cachedFrom) {
        long id = ids.next();
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
        return shared || answered.mayContain(requestHash);
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
            if (lock != null) {
                // everything is in the store: the journal and the lock go, so no one flushes this process's rows
                journal.delete();
                Files.deleteIfExists(lockPath());
                lock.channel().close();
            }
        } catch (IOException | RuntimeException e) {
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
