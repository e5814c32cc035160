package io.arenainstruct.studio.store;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Timestamp;
import java.sql.Types;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Supplier;
import java.util.stream.Collectors;

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
        if (decisions.isEmpty()) {
            return;
        }
        store.write(c -> {
            try (PreparedStatement ps = c.prepareStatement("MERGE INTO loop_proposal (iteration, proposal_id, kind,"
                    + " skill, category, from_value, to_value, reason, evidence, accepted, decided_at, decided_by)"
                    + " KEY (iteration, proposal_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
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
                    + " to_value, reason, evidence, accepted, decided_at, decided_by FROM loop_proposal"
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
                                rs.getString(11)));
                    }
                }
            }
            return out;
        });
    }
}
