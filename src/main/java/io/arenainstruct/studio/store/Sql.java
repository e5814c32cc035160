package io.arenainstruct.studio.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** Small JDBC conveniences the repositories share. */
final class Sql {
    private Sql() {}

    static void setNullable(PreparedStatement ps, int index, Object value, int type) throws SQLException {
        if (value == null) {
            ps.setNull(index, type);
        } else {
            ps.setObject(index, value);
        }
    }

    static Integer intOrNull(ResultSet rs, String column) throws SQLException {
        return rs.getObject(column, Integer.class);
    }

    static long longOrZero(ResultSet rs, String column) throws SQLException {
        long v = rs.getLong(column);
        return rs.wasNull() ? 0 : v;
    }

    static int intOrZero(ResultSet rs, String column) throws SQLException {
        int v = rs.getInt(column);
        return rs.wasNull() ? 0 : v;
    }

    static Instant instant(ResultSet rs, String column) throws SQLException {
        Timestamp t = rs.getTimestamp(column);
        return t == null ? null : t.toInstant();
    }

    static long generatedKey(PreparedStatement ps) throws SQLException {
        try (ResultSet keys = ps.getGeneratedKeys()) {
            keys.next();
            return keys.getLong(1);
        }
    }

    static void bind(PreparedStatement ps, List<?> params) throws SQLException {
        for (int i = 0; i < params.size(); i++) {
            ps.setObject(i + 1, params.get(i));
        }
    }

    /** "?, ?, ?" for an IN list: an explicit list uses an index where "= ANY(array)" scans the table. */
    /** The first column of every row a query without parameters gives, as text. */
    static List<String> strings(Connection c, String sql) throws SQLException {
        List<String> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement(sql);
                ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                out.add(rs.getString(1));
            }
        }
        return out;
    }

    static String placeholders(int n) {
        return String.join(", ", Collections.nCopies(n, "?"));
    }

    /**
     * Inserts a row, or replaces the one with the same key: H2's MERGE ... KEY, PostgreSQL's INSERT ... ON CONFLICT
     * (whose key must be the primary key or a unique constraint). Parameters are the columns in order, as in a
     * plain INSERT; {@code values} may put SQL in place of some of them.
     */
    static String upsert(Dialect dialect, String table, String columns, String keys, String values) {
        if (dialect == Dialect.H2) {
            return "MERGE INTO " + table + " (" + columns + ") KEY (" + keys + ") VALUES (" + values + ")";
        }
        List<String> keyList = List.of(keys.split(",\\s*"));
        List<String> updates = new ArrayList<>();
        for (String column : columns.split(",\\s*")) {
            if (!keyList.contains(column)) {
                updates.add(column + " = EXCLUDED." + column);
            }
        }
        return "INSERT INTO " + table + " (" + columns + ") VALUES (" + values + ") ON CONFLICT (" + keys + ")"
                + (updates.isEmpty() ? " DO NOTHING" : " DO UPDATE SET " + String.join(", ", updates));
    }

    static String upsert(Dialect dialect, String table, String columns, String keys) {
        return upsert(dialect, table, columns, keys, placeholders(columns.split(",").length));
    }

    static Timestamp now() {
        return Timestamp.from(Instant.now());
    }
}
