package io.arenainstruct.studio.store;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.time.Instant;
import java.util.AbstractMap;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

import io.arenainstruct.studio.domain.StoreChange;
import io.arenainstruct.studio.domain.provenance.AgentCall;
import io.arenainstruct.studio.domain.provenance.Failure;
import io.arenainstruct.studio.domain.run.Passage;
import io.arenainstruct.studio.domain.run.RunStatus;
import io.arenainstruct.studio.domain.run.Stage;

/** Runs and their transformed passages. Configs and frozen inputs are JSON text written by the run service. */
public final class RunRepository {
    private final Store store;
    private final Ownership ownership;

    public RunRepository(Store store) {
        this.store = store;
        this.ownership = Ownership.of(store);
    }

    /** A stored run with its counts of instructions. */
    public record RunRow(
            long id,
            RunStatus status,
            String config,
            String message,
            Instant createdAt,
            Instant updatedAt,
            int instructions,
            int complete,
            int failed,
            int passagesFailed,
            String owner) {}

    public long create(String configJson, String frozenJson) {
        return store.write(c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "INSERT INTO run (status, config, frozen, created_at, updated_at, owner, heartbeat_at)"
                            + " VALUES (?, ?, ?, ?, ?, ?, " + Ownership.now() + ")",
                    Statement.RETURN_GENERATED_KEYS)) {
                ps.setString(1, RunStatus.RUNNING.id());
                ps.setString(2, configJson);
                ps.setString(3, frozenJson);
                ps.setTimestamp(4, Sql.now());
                ps.setTimestamp(5, Sql.now());
                ps.setString(6, store.owner());
                ps.executeUpdate();
                try (ResultSet keys = ps.getGeneratedKeys()) {
                    keys.next();
                    long id = keys.getLong(1);
                    store.announce(StoreChange.Kind.RUN, id);
                    return id;
                }
            }
        });
    }

    /** Sets the run's status, unless another process has taken the run over (then it says where it stands). */
    public void setStatus(long runId, RunStatus status, String message) {
        store.write(c -> {
            store.announce(StoreChange.Kind.RUN, runId);
            try (PreparedStatement ps = c.prepareStatement(
                    "UPDATE run SET status = ?, message = ?, updated_at = ? WHERE id = ?" + Ownership.ownedBy(store))) {
                ps.setString(1, status.id());
                ps.setString(2, message);
                ps.setTimestamp(3, Sql.now());
                ps.setLong(4, runId);
                Ownership.bindOwner(store, ps, 5);
                ps.executeUpdate();
            }
            return null;
        });
    }

    /**
     * Marks runs whose process is gone as interrupted: on H2 every run still running or paused (one process has
     * the store, and it has just opened it), on PostgreSQL those whose owner stopped beating (decision 0024).
     * Returns their ids with who ran them ({@code app}, {@code command-line}, or null when not recorded).
     */
    public List<Map.Entry<Long, String>> markInterrupted() {
        return store.write(c -> {
            List<Map.Entry<Long, String>> ids = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT id, ran_by FROM run WHERE "
                            + Ownership.markInterruptedWhere(store) + " ORDER BY id");
                    ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    ids.add(new AbstractMap.SimpleImmutableEntry<>(rs.getLong(1), rs.getString(2)));
                }
            }
            try (PreparedStatement ps = c.prepareStatement("UPDATE run SET status = 'interrupted', updated_at = ?"
                    + " WHERE id = ? AND " + Ownership.markInterruptedWhere(store))) {
                for (Map.Entry<Long, String> id : ids) {
                    ps.setTimestamp(1, Sql.now());
                    ps.setLong(2, id.getKey());
                    ps.addBatch();
                }
                ps.executeBatch();
            }
            return ids;
        });
    }

    /** Every run marked interrupted (by this process's open or an earlier one), with who ran it, oldest first. */
    public List<Map.Entry<Long, String>> interrupted() {
        return store.read(c -> {
            List<Map.Entry<Long, String>> ids = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT id, ran_by FROM run r WHERE "
                            + Ownership.liveStatus(store, "r") + " = 'interrupted' ORDER BY id");
                    ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    ids.add(new AbstractMap.SimpleImmutableEntry<>(rs.getLong(1), rs.getString(2)));
                }
            }
            return ids;
        });
    }

    /**
     * Takes the run over for this process before it is resumed: of two processes resuming it at once, one gets
     * it. Returns empty when this process has it, else the process that does.
     */
    public Optional<String> takeOver(long runId) {
        return ownership.takeOver("run", runId);
    }

    /**
     * While the run executes here, {@code lost} hears who took it over if another process did (this one was
     * taken for dead). Run the result when the run ends.
     */
    public Runnable watchOwnership(long runId, Consumer<String> lost) {
        return ownership.watch("run", runId, lost);
    }

    /** Whether the store's server connection is lost and its reads and writes wait for it (a restart). */
    public boolean waitingForStore() {
        return store.waitingForServer();
    }

    /** Tells {@code listener} when the store starts (true) and stops (false) waiting; the action unsubscribes. */
    public Runnable onWaitingForStore(Consumer<Boolean> listener) {
        return store.onWaitingForServer(listener);
    }

    /** Records who executes the run now ({@code app} or {@code command-line}). */
    public void setRanBy(long runId, String ranBy) {
        store.write(c -> {
            try (PreparedStatement ps = c.prepareStatement("UPDATE run SET ran_by = ? WHERE id = ?")) {
                ps.setString(1, ranBy);
                ps.setLong(2, runId);
                ps.executeUpdate();
            }
            return null;
        });
    }

    public List<RunRow> list() {
        return query("", null);
    }

    public Optional<RunRow> find(long runId) {
        return query(" WHERE r.id = ?", runId).stream().findFirst();
    }

    private List<RunRow> query(String where, Long id) {
        return store.read(c -> {
            List<RunRow> out = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT r.id, " + Ownership.liveStatus(store, "r")
                    + " status, r.owner, r.config, r.message, r.created_at,"
                    + " r.updated_at, (SELECT COUNT(*) FROM instruction i WHERE i.run_id = r.id) n,"
                    + " (SELECT COUNT(*) FROM instruction i WHERE i.run_id = r.id AND i.status = 'complete') ok,"
                    + " (SELECT COUNT(*) FROM instruction i WHERE i.run_id = r.id AND i.status = 'failed') bad,"
                    + " (SELECT COUNT(*) FROM run_passage p WHERE p.run_id = r.id AND p.failed) pbad"
                    + " FROM run r" + where + " ORDER BY r.id DESC")) {
                if (id != null) {
                    ps.setLong(1, id);
                }
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        out.add(new RunRow(
                                rs.getLong("id"),
                                RunStatus.of(rs.getString("status")),
                                rs.getString("config"),
                                rs.getString("message"),
                                Sql.instant(rs, "created_at"),
                                Sql.instant(rs, "updated_at"),
                                rs.getInt("n"),
                                rs.getInt("ok"),
                                rs.getInt("bad"),
                                rs.getInt("pbad"),
                                rs.getString("owner")));
                    }
                }
            }
            return out;
        });
    }

    public Optional<String> frozen(long runId) {
        return store.read(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT frozen FROM run WHERE id = ?")) {
                ps.setLong(1, runId);
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? Optional.of(rs.getString(1)) : Optional.empty();
                }
            }
        });
    }

    /** Stores a passage (or the failure to make it), replacing an earlier attempt; returns it with its id. */
    public Passage savePassage(Passage p) {
        return store.write(c -> {
            store.announce(StoreChange.Kind.RUN, p.runId());
            try (PreparedStatement ps = c.prepareStatement(Sql.upsert(
                    store.dialect(),
                    "run_passage",
                    "run_id, skill, seed_id, agent_id, prompt_version, text, failed, error_class, error_message,"
                            + " call_id, endpoint, model",
                    "run_id, skill, seed_id, agent_id"))) {
                ps.setLong(1, p.runId());
                ps.setString(2, p.skill());
                ps.setLong(3, p.seedId());
                AgentCall t = p.transformer();
                ps.setString(4, t.agent());
                ps.setInt(5, t.promptVersion());
                ps.setString(6, p.text());
                ps.setBoolean(7, p.failed());
                ps.setString(8, p.failed() ? p.failure().errorClass() : null);
                ps.setString(9, p.failed() ? p.failure().message() : null);
                Sql.setNullable(ps, 10, t.called() ? t.callId() : null, Types.BIGINT);
                ps.setString(11, t.endpoint());
                ps.setString(12, t.model());
                ps.executeUpdate();
            }
            try (PreparedStatement ps = c.prepareStatement("SELECT id FROM run_passage WHERE run_id = ? AND skill = ?"
                    + " AND seed_id = ? AND agent_id = ?")) {
                ps.setLong(1, p.runId());
                ps.setString(2, p.skill());
                ps.setLong(3, p.seedId());
                ps.setString(4, p.agentId());
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    return p.withId(rs.getLong(1));
                }
            }
        });
    }

    public List<Passage> passages(long runId) {
        return store.read(c -> {
            List<Passage> out = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT * FROM run_passage WHERE run_id = ? ORDER BY id")) {
                ps.setLong(1, runId);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        out.add(readPassage(rs));
                    }
                }
            }
            return out;
        });
    }

    public Optional<Passage> passage(long passageId) {
        return store.read(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT * FROM run_passage WHERE id = ?")) {
                ps.setLong(1, passageId);
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? Optional.of(readPassage(rs)) : Optional.empty();
                }
            }
        });
    }

    private static Passage readPassage(ResultSet rs) throws SQLException {
        return new Passage(
                rs.getLong("id"),
                rs.getLong("run_id"),
                rs.getString("skill"),
                rs.getLong("seed_id"),
                new AgentCall(
                        rs.getString("agent_id"),
                        rs.getInt("prompt_version"),
                        Sql.longOrZero(rs, "call_id"),
                        rs.getString("endpoint"),
                        rs.getString("model")),
                rs.getString("text"),
                rs.getBoolean("failed")
                        ? new Failure<>(
                                Stage.TRANSFORMATION, rs.getString("error_class"), rs.getString("error_message"))
                        : null);
    }
}
