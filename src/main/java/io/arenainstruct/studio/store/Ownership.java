package io.arenainstruct.studio.store;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Who executes a run or an arena job (decision 0024). On PostgreSQL several processes share a store: each beats
 * the heartbeat of the jobs it owns every {@link Store#heartbeatEvery()}; a running job whose heartbeat is older
 * than {@link Store#staleAfter()} (the database's clock on both sides) lost its process and shows as interrupted;
 * a process takes one over with one conditional UPDATE, so of two trying at once exactly one gets it. On H2 one
 * process has the store, so what runs is its own and nothing beats.
 */
final class Ownership {
    private static final Logger LOG = Logger.getLogger(Ownership.class.getName());
    private static final String LIVE = "('running', 'paused')";
    private static final String[] TABLES = {"run", "arena_job"};

    private final Store store;
    private final ScheduledExecutorService beats;
    /** Jobs executing here, by table and id: told when a beat finds that another process took them over. */
    private final Map<String, Map<Long, Consumer<String>>> watched = new ConcurrentHashMap<>();

    private Ownership(Store store) {
        this.store = store;
        if (store.dialect() != Dialect.POSTGRESQL) {
            this.beats = null;
            return;
        }
        // One thread per store beats for all its jobs in one statement per table; a job adds no thread.
        this.beats = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "store-heartbeat");
            t.setDaemon(true);
            return t;
        });
        long every = store.heartbeatEvery().toMillis();
        beats.scheduleWithFixedDelay(this::beatQuietly, every, every, TimeUnit.MILLISECONDS);
        store.beforeClose(beats::shutdownNow);
    }

    static Ownership of(Store store) {
        return store.shared(Ownership.class, Ownership::new);
    }

    /** The condition "its process stopped beating" on {@code table}'s row (never on H2: the running job is ours). */
    static String stale(Store store, String alias) {
        if (store.dialect() != Dialect.POSTGRESQL) {
            return "1 = 0";
        }
        String p = alias.isEmpty() ? "" : alias + ".";
        return "(" + p + "heartbeat_at IS NULL OR " + p + "heartbeat_at < CURRENT_TIMESTAMP - INTERVAL '"
                + store.staleAfter().toMillis() + " milliseconds')";
    }

    /** The status as other processes must see it: a running job whose process died is interrupted. */
    static String liveStatus(Store store, String alias) {
        String p = alias.isEmpty() ? "" : alias + ".";
        if (store.dialect() != Dialect.POSTGRESQL) {
            return p + "status";
        }
        return "CASE WHEN " + p + "status IN " + LIVE + " AND " + stale(store, alias) + " THEN 'interrupted' ELSE " + p
                + "status END";
    }

    /** Marks running jobs whose process is gone as interrupted (on H2 all of them: their process was the last). */
    static String markInterruptedWhere(Store store) {
        return "status IN " + LIVE + (store.dialect() == Dialect.POSTGRESQL ? " AND " + stale(store, "") : "");
    }

    /** The initial heartbeat of a job this process creates (a value for an INSERT). */
    static String now() {
        return "CURRENT_TIMESTAMP";
    }

    /**
     * Takes job {@code id} over for this process: on PostgreSQL it must not be live (running or paused) in another
     * process whose heartbeat is fresh: a finished, failed or interrupted one, a stale one, or this process's own
     * (on H2, and for this process's own, the caller has checked that it is not running here). Returns empty when
     * this process has it now, else who holds it.
     */
    Optional<String> takeOver(String table, long id) {
        String free = store.dialect() != Dialect.POSTGRESQL
                ? ""
                : " AND (status NOT IN " + LIVE + " OR " + stale(store, "") + " OR owner = ?)";
        return store.write(c -> {
            try (PreparedStatement ps = c.prepareStatement("UPDATE " + table + " SET owner = ?, heartbeat_at ="
                    + " CURRENT_TIMESTAMP, status = 'running', updated_at = ? WHERE id = ?" + free)) {
                ps.setString(1, store.owner());
                ps.setTimestamp(2, Sql.now());
                ps.setLong(3, id);
                if (store.dialect() == Dialect.POSTGRESQL) {
                    ps.setString(4, store.owner()); // this process's own job (the caller checked it is not running)
                }
                if (ps.executeUpdate() == 1) {
                    return Optional.empty();
                }
            }
            try (PreparedStatement ps = c.prepareStatement("SELECT owner FROM " + table + " WHERE id = ?")) {
                ps.setLong(1, id);
                try (ResultSet rs = ps.executeQuery()) {
                    String owner = rs.next() ? rs.getString(1) : null;
                    return Optional.of(owner == null ? "another process" : owner);
                }
            }
        });
    }

    /**
     * While job {@code id} executes here, {@code lost} hears who took it over if a beat finds another owner (this
     * process was taken for dead: its heartbeat stopped longer than the stale time). Run the result to stop.
     */
    Runnable watch(String table, long id, Consumer<String> lost) {
        Map<Long, Consumer<String>> ids = watched.computeIfAbsent(table, t -> new ConcurrentHashMap<>());
        ids.put(id, lost);
        return () -> ids.remove(id, lost);
    }

    /** Says this process's running jobs are alive (the heartbeat thread calls it; tests may call it directly). */
    void beat() {
        Map<Consumer<String>, String> lost = new HashMap<>();
        store.write(c -> {
            for (String table : TABLES) {
                try (PreparedStatement ps = c.prepareStatement("UPDATE " + table + " SET heartbeat_at ="
                        + " CURRENT_TIMESTAMP WHERE owner = ? AND status IN " + LIVE)) {
                    ps.setString(1, store.owner());
                    ps.executeUpdate();
                }
                Map<Long, Consumer<String>> ids = watched.getOrDefault(table, Map.of());
                for (Map.Entry<Long, Consumer<String>> job : ids.entrySet()) {
                    try (PreparedStatement ps = c.prepareStatement("SELECT owner FROM " + table + " WHERE id = ?")) {
                        ps.setLong(1, job.getKey());
                        try (ResultSet rs = ps.executeQuery()) {
                            String owner = rs.next() ? rs.getString(1) : null;
                            if (owner != null
                                    && !owner.equals(store.owner())
                                    && ids.remove(job.getKey(), job.getValue())) {
                                lost.put(job.getValue(), owner); // told once
                            }
                        }
                    }
                }
            }
            return null;
        });
        lost.forEach(Consumer::accept);
    }

    /**
     * On PostgreSQL only the owner (or anyone, for a job from before owners) changes a job's status: a condition
     * with one parameter, the owner ({@link #bindOwner}). On H2 the one process may change any.
     */
    static String ownedBy(Store store) {
        return store.dialect() == Dialect.POSTGRESQL ? " AND (owner IS NULL OR owner = ?)" : "";
    }

    static void bindOwner(Store store, PreparedStatement ps, int index) throws SQLException {
        if (store.dialect() == Dialect.POSTGRESQL) {
            ps.setString(index, store.owner());
        }
    }

    private void beatQuietly() {
        if (store.isClosed()) {
            return;
        }
        try {
            beat();
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "the heartbeat of this process's runs failed; it beats again shortly", e);
        }
    }
}
