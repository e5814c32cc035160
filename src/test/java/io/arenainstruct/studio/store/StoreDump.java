package io.arenainstruct.studio.store;

import java.sql.Clob;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Every row of every table of a store (Flyway's history aside), written out the same way on H2 and PostgreSQL, read
 * with plain SQL (not by the copier): a moment as its instant, a large text as its text, bytes in hex. Rows are
 * sorted, so two stores holding the same rows dump alike.
 */
public final class StoreDump {
    private StoreDump() {}

    /** The store's tables in lower case, read from the database's catalogue. */
    public static List<String> tables(Store store) {
        return store.read(c -> {
            List<String> tables = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT table_name FROM information_schema.tables"
                    + " WHERE table_schema = ? AND table_type = 'BASE TABLE'")) {
                ps.setString(1, c.getSchema());
                ResultSet rs = ps.executeQuery();
                while (rs.next()) {
                    String t = rs.getString(1).toLowerCase(Locale.ROOT);
                    if (!t.equals("flyway_schema_history")) {
                        tables.add(t);
                    }
                }
            }
            return tables.stream().sorted().toList();
        });
    }

    /** Each table's rows, as sorted lines. */
    public static Map<String, List<String>> of(Store store) {
        Map<String, List<String>> dump = new TreeMap<>();
        for (String table : tables(store)) {
            dump.put(table, store.read(c -> {
                List<String> rows = new ArrayList<>();
                try (Statement st = c.createStatement();
                        ResultSet rs = st.executeQuery("SELECT * FROM " + table)) {
                    int n = rs.getMetaData().getColumnCount();
                    while (rs.next()) {
                        StringBuilder row = new StringBuilder();
                        for (int i = 1; i <= n; i++) {
                            row.append(rs.getMetaData().getColumnLabel(i).toLowerCase(Locale.ROOT))
                                    .append('=')
                                    .append(text(rs.getObject(i)))
                                    .append(" | ");
                        }
                        rows.add(row.toString());
                    }
                }
                return rows.stream().sorted().toList();
            }));
        }
        return dump;
    }

    /** Each table's row count. */
    public static Map<String, Integer> counts(Store store) {
        Map<String, Integer> counts = new TreeMap<>();
        of(store).forEach((t, rows) -> counts.put(t, rows.size()));
        return counts;
    }

    private static String text(Object v) throws SQLException {
        if (v instanceof Clob clob) {
            return clob.getSubString(1, (int) clob.length());
        }
        if (v instanceof Timestamp t) {
            return t.toInstant().toString();
        }
        if (v instanceof OffsetDateTime t) {
            return t.toInstant().toString();
        }
        if (v instanceof byte[] b) {
            return HexFormat.of().formatHex(b);
        }
        return String.valueOf(v);
    }
}
