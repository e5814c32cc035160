package io.arenainstruct.studio.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.arenainstruct.studio.domain.arena.ArenaJob;
import io.arenainstruct.studio.domain.provenance.Failure;
import io.arenainstruct.studio.domain.run.RunStatus;

/** Answering and judging jobs and why their items failed (decision 0010). */
public final class ArenaJobRepository {
    private static final String COLUMNS = "id, kind, config, message, created_at, updated_at";

    private final Store store;
    private final Ownership ownership;

    public ArenaJobRepository(Store store) {
        this.store = store;
        this.ownership = Ownership.of(store);
    }

    public long create(ArenaJob.Kind kind, String config, String ranBy) {
        return store.write(c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "INSERT INTO arena_job (kind, status, config, ran_by, created_at, updated_at, owner,"
                            + " heartbeat_at) VALUES (?, ?, ?, ?, ?, ?, ?, " + Ownership.now() + ")",
                    Statement.RETURN_GENERATED_KEYS)) {
                ps.setString(1, kind.id());
                ps.setString(2, RunStatus.RUNNING.id());
                ps.setString(3, config);
                ps.setString(4, ranBy);
                ps.setTimestamp(5, Sql.now());
                ps.setTimestamp(6, Sql.now());
                ps.setString(7, store.owner());
                ps.executeUpdate();
                return Sql.generatedKey(ps);
            }
        });
    }

    public void setStatus(long id, RunStatus status, String message) {
        store.write(c -> {
            try (PreparedStatement ps =
                    c.prepareStatement("UPDATE arena_job SET status = ?, message = ?, updated_at = ? WHERE id = ?"
                            + Ownership.ownedBy(store))) {
                ps.setString(1, status.id());
                ps.setString(2, message == null ? null : truncate(message, 4000));
                ps.setTimestamp(3, Sql.now());
                ps.setLong(4, id);
                Ownership.bindOwner(store, ps, 5);
                return ps.executeUpdate();
            }
        });
    }

    /**
     * Marks jobs whose process is gone as interrupted (on H2 all still running or paused; on PostgreSQL those
     * whose owner stopped beating, decision 0024); returns their ids.
     */
    public List<Long> markInterrupted() {
        return store.write(c -> {
            List<Long> ids = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT id FROM arena_job WHERE "
                            + Ownership.markInterruptedWhere(store) + " ORDER BY id");
                    ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    ids.add(rs.getLong(1));
                }
            }
            try (PreparedStatement ps = c.prepareStatement("UPDATE arena_job SET status = 'interrupted',"
                    + " updated_at = ? WHERE id = ? AND " + Ownership.markInterruptedWhere(store))) {
                for (long id : ids) {
                    ps.setTimestamp(1, Sql.now());
                    ps.setLong(2, id);
                    ps.addBatch();
                }
                ps.executeBatch();
            }
            return ids;
        });
    }

    /** Takes the job over for this process before a resume; empty when this process has it, else who does. */
    public Optional<String> takeOver(long id) {
        return ownership.takeOver("arena_job", id);
    }

    public Optional<ArenaJob> find(long id) {
        List<ArenaJob> found = read(" WHERE id = ?", List.of(id));
        return found.isEmpty() ? Optional.empty() : Optional.of(found.get(0));
    }

    /** Jobs of a kind (null: all), newest first. */
    public List<ArenaJob> list(ArenaJob.Kind kind) {
        return kind == null
                ? read(" ORDER BY id DESC", List.of())
                : read(" WHERE kind = ? ORDER BY id DESC", List.of(kind.id()));
    }

    /** Records why an item failed, replacing an earlier reason for the same item. */
    public void fail(long jobId, String item, Failure<String> failure) {
        store.write(c -> {
            clear(c, jobId, item);
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO arena_job_failure"
                    + " (job_id, item, stage, error_class, error_message, failed_at) VALUES (?, ?, ?, ?, ?, ?)")) {
                ps.setLong(1, jobId);
                ps.setString(2, truncate(item, 300));
                ps.setString(3, truncate(failure.stage(), 16));
                ps.setString(4, truncate(failure.errorClass() == null ? "UNKNOWN" : failure.errorClass(), 32));
                ps.setString(5, failure.message() == null ? null : truncate(failure.message(), 4000));
                ps.setTimestamp(6, Sql.now());
                return ps.executeUpdate();
            }
        });
    }

    /** Forgets an item's failure (it succeeded on a resume). */
    public void clearFailure(long jobId, String item) {
        store.write(c -> clear(c, jobId, item));
    }

    /** The job's failed items (item → failure), oldest first. */
    public List<Map.Entry<String, Failure<String>>> failures(long jobId) {
        return store.read(c -> {
            List<Map.Entry<String, Failure<String>>> out = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT item, stage, error_class, error_message"
                    + " FROM arena_job_failure WHERE job_id = ? ORDER BY failed_at, item")) {
                ps.setLong(1, jobId);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        out.add(Map.entry(
                                rs.getString(1), new Failure<>(rs.getString(2), rs.getString(3), rs.getString(4))));
                    }
                }
            }
            return out;
        });
    }

    private static int clear(Connection c, long jobId, String item) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("DELETE FROM arena_job_failure WHERE job_id = ? AND item = ?")) {
            ps.setLong(1, jobId);
            ps.setString(2, item);
            return ps.executeUpdate();
        }
    }

    private List<ArenaJob> read(String where, List<Object> params) {
        return store.read(c -> {
            List<ArenaJob> out = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT " + COLUMNS + ", " + Ownership.liveStatus(store, "") + " status FROM arena_job" + where)) {
                Sql.bind(ps, params);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        out.add(new ArenaJob(
                                rs.getLong("id"),
                                ArenaJob.Kind.of(rs.getString("kind")),
                                RunStatus.of(rs.getString("status")),
                                rs.getString("config"),
                                rs.getString("message"),
                                Sql.instant(rs, "created_at"),
                                Sql.instant(rs, "updated_at")));
                    }
                }
            }
            return out;
        });
    }

    private static String truncate(String s, int max) {
        return s.length() <= max ? s : s.substring(0, max);
    }
}
