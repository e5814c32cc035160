package io.arenainstruct.studio.store;

import java.io.IOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.stream.Stream;

import org.h2.api.ErrorCode;
import org.h2.jdbcx.JdbcConnectionPool;

import io.arenainstruct.studio.domain.PostgresqlLocation;
import io.arenainstruct.studio.domain.StoreChange;
import io.arenainstruct.studio.domain.StoreLocation;

public final class Store implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(Store.class.getName());
    // Flyway warns on every open that H2 2.4 is newer than it was verified with; real failures still throw.
    private static final Logger FLYWAY_LOG = Logger.getLogger("org.flywaydb");

    static {
        FLYWAY_LOG.setLevel(Level.SEVERE);
    }

    static final String FILE_NAME = "store";

    private final StoreLocation location;
    private final Dialect dialect;
    /** Files of this process beside the database: the whole store for H2, the ledger journal for PostgreSQL. */
    private final Path dir;

    private final JdbcConnectionPool pool;
    private final Map<Class<?>, Object> shared = new ConcurrentHashMap<>();
    private final List<Runnable> beforeClose = new CopyOnWriteArrayList<>();
    private volatile boolean closed;
    /** The transaction this thread has open in {@link #write}, which nested reads and writes join. */
    private final ThreadLocal<Connection> current = new ThreadLocal<>();
    /** On H2, the changes the thread's open transaction announced, raised once it commits. */
    private final ThreadLocal<List<StoreChange>> announced = new ThreadLocal<>();

    private final StoreChanges changes = new StoreChanges();
    /** On PostgreSQL, what hears every client's changes; null on H2. */
    private volatile PostgresqlListener listener;

    /** This process among all that have the store open (host, pid and a random part): what runs are owned by. */
    private final String owner = newOwner();
    /** Reads and writes now waiting for the server to come back; listeners hear when it goes from 0 or to 0. */
    private final AtomicInteger waiting = new AtomicInteger();

    private final List<Consumer<Boolean>> waitingListeners = new CopyOnWriteArrayList<>();
    // Read as the store opens, so a test can shorten them for the stores it opens (system properties).
    /** How often a process says its runs are alive; a run unheard of for {@link #staleAfter} is interrupted. */
    private final Duration heartbeatEvery = millisProperty("arenainstruct.store.heartbeatMillis", 5_000);

    private final Duration staleAfter = millisProperty("arenainstruct.store.staleMillis", 30_000);
    /** How long a read or write waits for a lost server connection to come back before it fails. */
    private final Duration reconnectWait = millisProperty("arenainstruct.store.reconnectMillis", 60_000);

    private Store(StoreLocation location, Dialect dialect, Path dir, JdbcConnectionPool pool) {
        this.location = location;
        this.dialect = dialect;
        this.dir = dir;
        this.pool = pool;
    }

    /** Opens (creating if needed) the store in {@code dir}. */
    public static Store open(Path dir) {
        Path absolute = dir.toAbsolutePath().normalize();
        createPrivateDirectory(absolute);
        // WRITE_DELAY=0: a committed transaction is written at commit, so a kill loses no completed work.
        // TRACE_LEVEL_FILE=0: no store.trace.db; H2 would create it with the default (world-readable) mode, and it
        // can quote stored text. Errors reach the app as exceptions, which say what went wrong.
        String url = "jdbc:h2:file:" + absolute.resolve(FILE_NAME) + ";DB_CLOSE_ON_EXIT=FALSE;WRITE_DELAY=0"
                + ";TRACE_LEVEL_FILE=0";
        JdbcConnectionPool pool = JdbcConnectionPool.create(url, "studio", "");
        pool.setMaxConnections(16);
        // Take the lock with a plain connection first, so "in use" is told apart from migration errors.
        Connection holder;
        try {
            holder = pool.getConnection();
        } catch (SQLException e) {
            pool.dispose();
            restrictToOwner(absolute); // whatever H2 created while refusing us
            if (e.getErrorCode() == ErrorCode.DATABASE_ALREADY_OPEN_1) {
                throw new StoreInUseException(absolute, e);
            }
            if (e.getErrorCode() == ErrorCode.FILE_VERSION_ERROR_1 || e.getErrorCode() == ErrorCode.FILE_CORRUPTED_1) {
                throw new StoreException("the store in " + absolute + " cannot be read: " + firstLine(e), e);
            }
            throw new StoreException("cannot open the store in " + absolute + ": " + firstLine(e), e);
        }
        Store store = new Store(new StoreLocation.Folder(absolute), Dialect.H2, absolute, pool);
        try {
            Migrations.migrate(pool, Dialect.H2, "the store in " + absolute);
            holder.close();
        } catch (StoreException e) {
            store.close();
            throw e;
        } catch (RuntimeException | SQLException e) {
            store.close();
            throw new StoreException("cannot update the store's schema in " + absolute + ": " + firstLine(e), e);
        }
        restrictToOwner(absolute);
        return store;
    }

    /**
     * Opens the store at {@code location}. A PostgreSQL store keeps this process's ledger journal in {@code
     * localDir} (created owner-only), so a kill loses no finished call.
     */
    public static Store open(StoreLocation location, Path localDir) {
        if (location instanceof StoreLocation.Folder folder) {
            return open(folder.dir());
        }
        PostgresqlLocation at = (PostgresqlLocation) location;
        PostgresqlPassword password =
                PostgresqlPassword.find(at, System.getenv(), Path.of(System.getProperty("user.home")));
        JdbcConnectionPool pool = PostgresqlConnections.pool(at, password);
        String asOwner;
        try (Connection first = PostgresqlConnections.firstConnection(pool, at, password.source())) {
            Migrations.refuseForeign(first, at.display());
            asOwner = Migrations.ownerRole(first);
        } catch (SQLException e) {
            pool.dispose();
            throw new StoreException("cannot open the store " + at.display() + ": " + firstLine(e), e);
        } catch (RuntimeException e) {
            pool.dispose();
            throw e;
        }
        Path absolute = localDir.toAbsolutePath().normalize();
        createPrivateDirectory(absolute);
        Store store = new Store(at, Dialect.POSTGRESQL, absolute, pool);
        try {
            // Its own connections: a SET ROLE must not stay on connections the app goes on using.
            JdbcConnectionPool migrating = PostgresqlConnections.pool(at, password);
            try {
                Migrations.migrate(migrating, Dialect.POSTGRESQL, "the store " + at.display(), asOwner);
            } finally {
                migrating.dispose();
            }
            StoreChanges changes = store.changes;
            store.listener = new PostgresqlListener(
                    PostgresqlConnections.unpooled(at, password),
                    at.display(),
                    changes::heard,
                    () -> changes.raise(StoreChange.anything()));
        } catch (StoreException e) {
            store.close();
            throw e;
        } catch (RuntimeException e) {
            store.close();
            throw new StoreException("cannot update the schema of the store " + at.display() + ": " + firstLine(e), e);
        }
        return store;
    }

    public StoreLocation location() {
        return location;
    }

    public Dialect dialect() {
        return dialect;
    }

    /** The folder of this process's files for the store (for H2, the store itself). */
    public Path directory() {
        return dir;
    }

    /**
     * Runs read-only work on a pooled connection; inside {@link #inOneTransaction}, on that transaction's (so it
     * sees what the transaction wrote).
     */
    public <T> T read(SqlWork<T> work) {
        Connection open = current.get();
        if (open != null) {
            return joined(open, work, "reading the store failed: ");
        }
        return reconnecting(() -> {
            try (Connection c = connection()) {
                return work.run(c);
            } catch (SQLException e) {
                throw new StoreException("reading the store failed: " + firstLine(e), e);
            }
        });
    }

    /**
     * Runs work in one transaction: either all of it is stored or none of it. Inside {@link #inOneTransaction} it
     * is part of that transaction. On PostgreSQL a transaction cut off by a lost connection (a server restart) is
     * run again once the server answers; one whose commit may have reached the server is first looked up by its
     * transaction id, so it is never applied twice.
     */
    public <T> T write(SqlWork<T> work) {
        Connection open = current.get();
        if (open != null) {
            return joined(open, work, "writing to the store failed: ");
        }
        for (int attempt = 1; ; attempt++) {
            try {
                return writeReconnecting(work);
            } catch (StoreException e) {
                if (dialect != Dialect.POSTGRESQL || attempt == CONFLICT_ATTEMPTS || !lostARace(e)) {
                    throw e;
                }
                // Another client wrote the same key first, or the server chose this transaction to break a
                // deadlock: run the whole unit again, which now finds what the other one wrote.
                LockSupport.parkNanos(ThreadLocalRandom.current().nextLong(1_000_000L, 20_000_000L * attempt));
            }
        }
    }

    /** How often a unit of work that lost a race with another client is tried in all. */
    private static final int CONFLICT_ATTEMPTS = 5;

    /** A unique key another transaction took first, a serialization failure or a deadlock (SQLState 23505, 40xxx). */
    private static boolean lostARace(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLException sql && sql.getSQLState() != null) {
                String state = sql.getSQLState();
                return state.equals("23505") || state.equals("40001") || state.equals("40P01");
            }
        }
        return false;
    }

    private <T> T writeReconnecting(SqlWork<T> work) {
        Committed<T> unsure = new Committed<>();
        return reconnecting(() -> {
            if (unsure.xid != null && committedEarlier(unsure)) {
                return unsure.result;
            }
            return writeOnce(work, unsure);
        });
    }

    /** A transaction whose commit was sent when its connection broke: its id on the server, and its result. */
    static final class Committed<T> {
        Long xid;
        T result;
    }

    private <T> T writeOnce(SqlWork<T> work, Committed<T> unsure) {
        List<StoreChange> told = new ArrayList<>();
        try (Connection c = connection()) {
            c.setAutoCommit(false);
            current.set(c);
            announced.set(told);
            try {
                T result = work.run(c);
                Long xid = dialect == Dialect.POSTGRESQL ? transactionId(c) : null;
                try {
                    c.commit();
                } catch (SQLException e) {
                    if (xid != null && ConnectionLost.is(e)) {
                        unsure.xid = xid;
                        unsure.result = result;
                    }
                    throw e;
                }
                told.forEach(changes::raise);
                return result;
            } catch (SQLException | RuntimeException e) {
                rollbackQuietly(c, e);
                throw e;
            } finally {
                current.remove();
                announced.remove();
            }
        } catch (SQLException e) {
            throw new StoreException("writing to the store failed: " + firstLine(e), e);
        }
    }

    /**
     * Tells every client of the store, this one too, that {@code kind} changed, once the thread's transaction commits
     * (nothing is told for one rolled back); outside a transaction, at once. On PostgreSQL a NOTIFY in the
     * transaction (the server delivers it on commit), on H2 raised in this process after the commit.
     */
    public void announce(StoreChange.Kind kind, long id) {
        write(c -> {
            if (dialect == Dialect.POSTGRESQL) {
                try (PreparedStatement ps = c.prepareStatement("SELECT pg_notify(?, ?)")) {
                    ps.setString(1, PostgresqlListener.CHANNEL);
                    ps.setString(2, StoreChange.payload(kind, id, changes.origin()));
                    ps.execute();
                }
            } else {
                announced.get().add(new StoreChange(kind, id, false));
            }
            return null;
        });
    }

    /**
     * Calls {@code listener} with every committed change announced from now on (by any client; {@link
     * StoreChange#elsewhere()} tells others' apart), on the store's change thread, until the handle is closed.
     */
    public AutoCloseable onChange(Consumer<StoreChange> listener) {
        return changes.subscribe(listener);
    }

    /**
     * Runs work on a pooled connection it manages itself (its own commits, e.g. a copy committing chunk by chunk);
     * the connection's auto-commit and isolation are restored before it goes back to the pool.
     */
    <T> T withConnection(SqlWork<T> work) {
        try (Connection c = connection()) {
            boolean autoCommit = c.getAutoCommit();
            int isolation = c.getTransactionIsolation();
            boolean readOnly = c.isReadOnly();
            try {
                return work.run(c);
            } finally {
                try {
                    if (!c.getAutoCommit()) {
                        c.rollback();
                    }
                    c.setAutoCommit(autoCommit);
                    c.setTransactionIsolation(isolation);
                    c.setReadOnly(readOnly);
                } catch (SQLException broken) {
                    // a connection the server dropped: the work's own failure is the one to tell
                    LOG.log(Level.FINE, "could not reset a connection", broken);
                }
            }
        } catch (SQLException e) {
            throw new StoreException("the store " + location.display() + " failed: " + firstLine(e), e);
        }
    }

    /**
     * Whether the transaction whose commit was cut off got committed (its result is then the write's); when it was
     * not, it is forgotten so the work runs again.
     */
    boolean committedEarlier(Committed<?> unsure) {
        String status = read(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT txid_status(?)")) {
                ps.setLong(1, unsure.xid);
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? rs.getString(1) : null;
                }
            }
        });
        if ("committed".equals(status)) {
            return true;
        }
        if ("in progress".equals(status)) {
            // the server has not finished the old session yet; ask again after the next pause
            throw new StoreException(
                    "waiting for the server to end a cut-off transaction",
                    new SQLException("transaction " + unsure.xid + " still in progress", "08000"));
        }
        unsure.xid = null;
        unsure.result = null;
        return false;
    }

    private static Long transactionId(Connection c) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT txid_current()");
                ResultSet rs = ps.executeQuery()) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static void rollbackQuietly(Connection c, Exception cause) {
        try {
            c.rollback();
        } catch (SQLException e) {
            // a broken connection cannot roll back; the server drops its transaction with the session
            cause.addSuppressed(e);
        }
    }

    /**
     * Runs an attempt; on PostgreSQL, while it fails because the connection to the server was lost, waits (with
     * growing pauses, at most {@link #reconnectWait} in all) and runs it again. The pool has dropped the broken
     * connection by then, so the next attempt opens a new one.
     */
    private <T> T reconnecting(Supplier<T> attempt) {
        if (dialect != Dialect.POSTGRESQL || Thread.currentThread() == answersAtOnce) {
            return attempt.get();
        }
        long deadline = System.nanoTime() + reconnectWait.toNanos();
        long pause = 50;
        boolean waited = false;
        try {
            while (true) {
                try {
                    return attempt.get();
                } catch (RuntimeException e) {
                    if (!ConnectionLost.is(e) || closed || System.nanoTime() + pause * 1_000_000 > deadline) {
                        if (ConnectionLost.is(e) && !closed) {
                            throw new StoreException(
                                    "lost the connection to the store " + location.display()
                                            + " and it did not come back within " + reconnectWait.toSeconds() + " s: "
                                            + firstLine(e),
                                    e);
                        }
                        throw e;
                    }
                    if (!waited) {
                        waited = true;
                        if (waiting.getAndIncrement() == 0) {
                            waitingListeners.forEach(l -> l.accept(true));
                        }
                        LOG.warning(
                                "lost the connection to " + location.display() + "; waiting for it: " + firstLine(e));
                    }
                    pauseFor(pause);
                    pause = Math.min(pause * 2, 2_000);
                }
            }
        } finally {
            if (waited && waiting.decrementAndGet() == 0) {
                waitingListeners.forEach(l -> l.accept(false));
            }
        }
    }

    private static void pauseFor(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StoreException("stopped while waiting for the store's server", e);
        }
    }

    /** The thread a person waits on (the app's FX thread): its reads and writes fail at once instead of waiting. */
    private volatile Thread answersAtOnce;

    /**
     * Makes reads and writes on {@code thread} give up at the first lost connection instead of waiting up to a
     * minute for the server: the window must not freeze, and a vote that fails says so and is sent again by Enter.
     */
    public void answerAtOnceOn(Thread thread) {
        answersAtOnce = thread;
    }

    /** Whether reads or writes are waiting for the server to come back (a restart): runs say so. */
    public boolean waitingForServer() {
        return waiting.get() > 0;
    }

    /**
     * Tells {@code listener} when the store starts (true) and stops (false) waiting for its server; running the
     * returned action stops it.
     */
    public Runnable onWaitingForServer(Consumer<Boolean> listener) {
        waitingListeners.add(listener);
        return () -> waitingListeners.remove(listener);
    }

    Duration heartbeatEvery() {
        return heartbeatEvery;
    }

    /** How old a run's heartbeat may be before other processes take it for interrupted. */
    Duration staleAfter() {
        return staleAfter;
    }

    /** This process among those that have the store open: runs it executes are owned by this name. */
    public String owner() {
        return owner;
    }

    private static String newOwner() {
        String host;
        try {
            host = InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            host = "unknown-host";
        }
        byte[] random = new byte[4];
        ThreadLocalRandom.current().nextBytes(random);
        String name = host + "/" + ProcessHandle.current().pid() + "/"
                + HexFormat.of().formatHex(random);
        return name.length() <= 200 ? name : name.substring(name.length() - 200);
    }

    private static Duration millisProperty(String name, long fallback) {
        try {
            return Duration.ofMillis(Long.parseLong(System.getProperty(name, String.valueOf(fallback))));
        } catch (NumberFormatException e) {
            return Duration.ofMillis(fallback);
        }
    }

    /**
     * Runs many repository calls as one transaction (e.g. a chunk of imported rows): one commit instead of one per
     * call, and nothing of the chunk stored if any of it fails.
     */
    public <T> T inOneTransaction(Supplier<T> work) {
        return write(c -> work.get());
    }

    private static <T> T joined(Connection c, SqlWork<T> work, String failure) {
        try {
            return work.run(c);
        } catch (SQLException e) {
            throw new StoreException(failure + firstLine(e), e);
        }
    }

    private Connection connection() throws SQLException {
        if (closed) {
            throw new StoreException("the store " + location.display() + " is closed");
        }
        return pool.getConnection();
    }

    /** One instance per store of some state that every repository of a kind must share (e.g. the ledger journal). */
    <T> T shared(Class<T> type, Function<Store, T> factory) {
        return type.cast(shared.computeIfAbsent(type, k -> factory.apply(this)));
    }

    /** Runs before the database closes (e.g. to move journalled rows into the store). */
    void beforeClose(Runnable action) {
        beforeClose.add(action);
    }

    public boolean isClosed() {
        return closed;
    }

    /** Closes the store cleanly: H2 writes everything and releases the file lock. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        for (Runnable action : beforeClose) {
            try {
                action.run();
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "finishing work before closing " + location.display() + " failed", e);
            }
        }
        closed = true;
        if (listener != null) {
            listener.close();
        }
        changes.close();
        // Closing the last connection closes the database (DB_CLOSE_DELAY is 0): H2 writes and unlocks it.
        pool.dispose();
        if (dialect == Dialect.H2) {
            restrictToOwner(dir); // a file H2 rewrote while closing gets the default mode
        }
    }

    private static void createPrivateDirectory(Path dir) {
        try {
            if (!Files.isDirectory(dir)) {
                Files.createDirectories(dir);
            }
            if (isPosix()) {
                Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwx------"));
            }
        } catch (IOException e) {
            throw new StoreException("cannot create the store folder " + dir + ": " + e.getMessage(), e);
        }
    }

    private static void restrictToOwner(Path dir) {
        if (!isPosix()) {
            return;
        }
        try (Stream<Path> files = Files.list(dir)) {
            for (Path f : (Iterable<Path>) files::iterator) {
                if (Files.isRegularFile(f)) {
                    Files.setPosixFilePermissions(f, PosixFilePermissions.fromString("rw-------"));
                }
            }
        } catch (IOException e) {
            LOG.log(Level.WARNING, "could not restrict permissions in " + dir, e);
        }
    }

    private static boolean isPosix() {
        return FileSystems.getDefault().supportedFileAttributeViews().contains("posix");
    }

    /**
     * The first line of a failure's message, its control and bidi characters shown as {@code [U+XXXX]}: a database
     * server's error text is text from outside, and it reaches the log on stderr (which no escaping writer guards)
     * and the messages curators read.
     */
    static String firstLine(Throwable e) {
        String m = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        int nl = m.indexOf('\n');
        String line = nl < 0 ? m : m.substring(0, nl);
        StringBuilder out = new StringBuilder(line.length());
        for (int k = 0; k < line.length(); k++) {
            char c = line.charAt(k);
            boolean control = c < 0x20
                    || (c >= 0x7F && c <= 0x9F)
                    || (c >= '\u202A' && c <= '\u202E')
                    || (c >= '\u2066' && c <= '\u2069');
            if (control) {
                out.append(String.format("[U+%04X]", (int) c));
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }
}
