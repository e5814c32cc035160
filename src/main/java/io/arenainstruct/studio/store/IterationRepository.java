package io.arenainstruct.studio.store;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

import io.arenainstruct.studio.domain.TimeRange;
import io.arenainstruct.studio.domain.iteration.Iteration;
import io.arenainstruct.studio.domain.iteration.IterationCounts;

/** The loop's numbered iterations (V13__iterations.sql) and what each made, counted over created_at ranges. */
public final class IterationRepository {
    private final Store store;

    public IterationRepository(Store store) {
        this.store = store;
    }

    /** Runs the repository calls in {@code work} as one transaction. */
    public <T> T inOneTransaction(Supplier<T> work) {
        return store.inOneTransaction(work);
    }

    /** Every iteration, first to last. */
    public List<Iteration> list() {
        return store.read(c -> {
            List<Iteration> out = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement(
                            "SELECT number, started_at, target_model, note FROM iteration ORDER BY number");
                    ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new Iteration(
                            rs.getInt(1), rs.getTimestamp(2).toInstant(), rs.getString(3), rs.getString(4)));
                }
            }
            return out;
        });
    }

    /** The newest iteration; empty only in a store whose migration was tampered with. */
    public Optional<Iteration> latest() {
        List<Iteration> all = list();
        return all.isEmpty() ? Optional.empty() : Optional.of(all.get(all.size() - 1));
    }

    /** Stores an iteration; the number must be new (the store refuses a second iteration of one number). */
    public void insert(Iteration iteration) {
        store.write(c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "INSERT INTO iteration (number, started_at, target_model, note) VALUES (?, ?, ?, ?)")) {
                ps.setInt(1, iteration.number());
                ps.setTimestamp(2, Timestamp.from(iteration.startedAt()));
                Sql.setNullable(ps, 3, iteration.targetModel(), Types.VARCHAR);
                Sql.setNullable(ps, 4, iteration.note(), Types.VARCHAR);
                return ps.executeUpdate();
            }
        });
    }

    /** What was made in {@code range}: each record by its own created_at, in one query. */
    public IterationCounts counts(TimeRange range) {
        String sql = "SELECT"
                + " (SELECT COUNT(*) FROM run r WHERE " + within("r", range) + "),"
                + " (SELECT COUNT(*) FROM instruction i WHERE " + within("i", range) + "),"
                + " (SELECT COUNT(*) FROM battle b WHERE " + within("b", range) + "),"
                + " (SELECT COUNT(*) FROM verdict v WHERE v.source = 'human' AND NOT v.imported AND "
                + within("v", range) + "),"
                + " (SELECT COUNT(*) FROM verdict v WHERE NOT v.imported AND (v.source = 'jury'"
                + " OR (v.source = 'judge' AND (v.game IS NULL OR v.game <> 0))) AND " + within("v", range) + ")";
        return store.read(c -> {
            try (PreparedStatement ps = c.prepareStatement(sql)) {
                bind(ps, range, 5);
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    return new IterationCounts(
                            rs.getLong(1), rs.getLong(2), rs.getLong(3), rs.getLong(4), rs.getLong(5));
                }
            }
        });
    }

    /**
     * The pairing strategies of the battles made in {@code range} with how many battles each made, most first (ties by
     * strategy): what the next iteration pairs by unless told otherwise.
     */
    public Map<String, Long> battleStrategies(TimeRange range) {
        String sql = "SELECT b.strategy, COUNT(*) FROM battle b WHERE " + within("b", range)
                + " GROUP BY b.strategy ORDER BY COUNT(*) DESC, b.strategy";
        return store.read(c -> {
            Map<String, Long> out = new LinkedHashMap<>();
            try (PreparedStatement ps = c.prepareStatement(sql)) {
                bind(ps, range, 1);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        out.put(rs.getString(1), rs.getLong(2));
                    }
                }
            }
            return out;
        });
    }

    /** "created_at >= ? AND created_at < ?" for the ends the range has ("TRUE" for all time). */
    private static String within(String alias, TimeRange range) {
        List<String> parts = new ArrayList<>();
        if (range.from() != null) {
            parts.add(alias + ".created_at >= ?");
        }
        if (range.until() != null) {
            parts.add(alias + ".created_at < ?");
        }
        return parts.isEmpty() ? "TRUE" : String.join(" AND ", parts);
    }

    /** Binds the range's ends once for each of {@code times} conditions, in order. */
    private static void bind(PreparedStatement ps, TimeRange range, int times) throws SQLException {
        int p = 1;
        for (int i = 0; i < times; i++) {
            if (range.from() != null) {
                ps.setTimestamp(p++, Timestamp.from(range.from()));
            }
            if (range.until() != null) {
                ps.setTimestamp(p++, Timestamp.from(range.until()));
            }
        }
    }
}
