package io.arenainstruct.studio.store;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.stream.Collectors;

import io.arenainstruct.studio.domain.loop.AcceptanceRecord;
import io.arenainstruct.studio.domain.loop.AcceptanceRecord.Change;
import io.arenainstruct.studio.domain.loop.Proposal;
import io.arenainstruct.studio.domain.loop.ProposalDecision;
import io.arenainstruct.studio.domain.loop.ProposalKind;

/** The loop's proposals as decided, one row per iteration and proposal id (V14). */
public final class ProposalRepository {
    private final Store store;

    public ProposalRepository(Store store) {
        this.store = store;
    }

    /** Runs the repository calls in {@code work} (of this and other repositories) as one transaction. */
    public <T> T inOneTransaction(Supplier<T> work) {
        return store.inOneTransaction(work);
    }

    /** Stores the decisions; one already stored for the same iteration and proposal id is overwritten. */
    public void save(List<ProposalDecision> decisions) {
        save(decisions, null);
    }

    /**
     * Stores the decisions made by the acceptance {@code acceptanceId} (null: none recorded); one already stored for
     * the same iteration and proposal id is overwritten, and no longer undone.
     */
    public void save(List<ProposalDecision> decisions, Long acceptanceId) {
        if (decisions.isEmpty()) {
            return;
        }
        store.write(c -> {
            try (PreparedStatement ps = c.prepareStatement(Sql.upsert(
                    store.dialect(),
                    "loop_proposal",
                    "iteration, proposal_id, kind, skill, category, from_value, to_value, reason, evidence, accepted,"
                            + " decided_at, decided_by, acceptance_id, undone_at",
                    "iteration, proposal_id",
                    Sql.placeholders(13) + ", NULL"))) {
                for (ProposalDecision d : decisions) {
                    Proposal p = d.proposal();
                    ps.setInt(1, d.iteration());
                    ps.setString(2, p.id());
                    ps.setString(3, p.kind().id());
                    ps.setString(4, p.skill());
                    ps.setString(5, p.category());
                    Sql.setNullable(ps, 6, p.from(), Types.VARCHAR);
                    Sql.setNullable(ps, 7, p.to(), Types.VARCHAR);
                    Sql.setNullable(ps, 8, p.reason(), Types.VARCHAR);
                    ps.setString(9, p.evidence().stream().map(String::valueOf).collect(Collectors.joining(",")));
                    ps.setBoolean(10, d.accepted());
                    ps.setTimestamp(11, Timestamp.from(d.decidedAt()));
                    Sql.setNullable(ps, 12, d.decidedBy(), Types.VARCHAR);
                    Sql.setNullable(ps, 13, acceptanceId, Types.BIGINT);
                    ps.addBatch();
                }
                ps.executeBatch();
            }
            return null;
        });
    }

    /** The decisions of an iteration, by proposal id. */
    public List<ProposalDecision> decisions(int iteration) {
        return store.read(c -> {
            List<ProposalDecision> out = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT proposal_id, kind, skill, category, from_value,"
                    + " to_value, reason, evidence, accepted, decided_at, decided_by, undone_at FROM loop_proposal"
                    + " WHERE iteration = ? ORDER BY proposal_id")) {
                ps.setInt(1, iteration);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        String evidence = rs.getString(8);
                        List<Long> ids = evidence == null || evidence.isEmpty()
                                ? List.of()
                                : Arrays.stream(evidence.split(","))
                                        .map(Long::valueOf)
                                        .toList();
                        Proposal p = new Proposal(
                                rs.getString(1),
                                ProposalKind.of(rs.getString(2)),
                                rs.getString(3),
                                rs.getString(4),
                                rs.getString(5),
                                rs.getString(6),
                                rs.getString(7),
                                ids);
                        out.add(new ProposalDecision(
                                iteration,
                                p,
                                rs.getBoolean(9),
                                rs.getTimestamp(10).toInstant(),
                                rs.getString(11),
                                Sql.instant(rs, "undone_at")));
                    }
                }
            }
            return out;
        });
    }

    /** Records what an acceptance changed; returns its id. */
    public long recordAcceptance(int iteration, String target, Instant at, String by, List<Change> changes) {
        return store.write(c -> {
            long id;
            try (PreparedStatement ps = c.prepareStatement(
                    "INSERT INTO loop_acceptance (iteration, target, accepted_at, accepted_by) VALUES (?, ?, ?, ?)",
                    Statement.RETURN_GENERATED_KEYS)) {
                ps.setInt(1, iteration);
                ps.setString(2, target);
                ps.setTimestamp(3, Timestamp.from(at));
                Sql.setNullable(ps, 4, by, Types.VARCHAR);
                ps.executeUpdate();
                id = Sql.generatedKey(ps);
            }
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO loop_acceptance_change (acceptance_id,"
                    + " position, kind, skill, agent, before_value, after_value) VALUES (?, ?, ?, ?, ?, ?, ?)")) {
                int position = 0;
                for (Change ch : changes) {
                    ps.setLong(1, id);
                    ps.setInt(2, ++position);
                    ps.setString(3, ch.kind().name().toLowerCase(Locale.ROOT));
                    ps.setString(4, ch.skill());
                    Sql.setNullable(ps, 5, ch.agent(), Types.VARCHAR);
                    ps.setInt(6, ch.before());
                    ps.setInt(7, ch.after());
                    ps.addBatch();
                }
                ps.executeBatch();
            }
            return id;
        });
    }

    /** The newest iteration before {@code before} with an acceptance for {@code target} not undone (0 when none). */
    public int lastAcceptedIterationBefore(String target, int before) {
        return store.read(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT MAX(iteration) FROM loop_acceptance"
                    + " WHERE undone_at IS NULL AND target = ? AND iteration < ?")) {
                ps.setString(1, target);
                ps.setInt(2, before);
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? rs.getInt(1) : 0;
                }
            }
        });
    }

    /** The newest acceptance not undone, if there is one. */
    public Optional<AcceptanceRecord> lastStanding() {
        return store.read(c -> {
            AcceptanceRecord found;
            try (PreparedStatement ps = c.prepareStatement("SELECT id, iteration, target, accepted_at, accepted_by"
                            + " FROM loop_acceptance WHERE undone_at IS NULL ORDER BY id DESC LIMIT 1");
                    ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                found = new AcceptanceRecord(
                        rs.getLong(1),
                        rs.getInt(2),
                        rs.getString(3),
                        rs.getTimestamp(4).toInstant(),
                        rs.getString(5),
                        List.of(),
                        null);
            }
            List<Change> changes = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT kind, skill, agent, before_value, after_value"
                    + " FROM loop_acceptance_change WHERE acceptance_id = ? ORDER BY position")) {
                ps.setLong(1, found.id());
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        changes.add(new Change(
                                AcceptanceRecord.Kind.valueOf(rs.getString(1).toUpperCase(Locale.ROOT)),
                                rs.getString(2),
                                rs.getString(3),
                                rs.getInt(4),
                                rs.getInt(5)));
                    }
                }
            }
            return Optional.of(new AcceptanceRecord(
                    found.id(),
                    found.iteration(),
                    found.target(),
                    found.acceptedAt(),
                    found.acceptedBy(),
                    changes,
                    null));
        });
    }

    /**
     * Marks an acceptance undone, and the proposals it accepted (whose rows it still holds) as undone; returns the
     * ids of those proposals.
     */
    public List<String> markUndone(long acceptanceId, Instant at, String by) {
        return store.write(c -> {
            try (PreparedStatement ps =
                    c.prepareStatement("UPDATE loop_acceptance SET undone_at = ?, undone_by = ? WHERE id = ?")) {
                ps.setTimestamp(1, Timestamp.from(at));
                Sql.setNullable(ps, 2, by, Types.VARCHAR);
                ps.setLong(3, acceptanceId);
                ps.executeUpdate();
            }
            List<String> ids = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT proposal_id FROM loop_proposal"
                    + " WHERE acceptance_id = ? AND accepted ORDER BY proposal_id")) {
                ps.setLong(1, acceptanceId);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        ids.add(rs.getString(1));
                    }
                }
            }
            try (PreparedStatement ps =
                    c.prepareStatement("UPDATE loop_proposal SET undone_at = ? WHERE acceptance_id = ? AND accepted")) {
                ps.setTimestamp(1, Timestamp.from(at));
                ps.setLong(2, acceptanceId);
                ps.executeUpdate();
            }
            return ids;
        });
    }
}
