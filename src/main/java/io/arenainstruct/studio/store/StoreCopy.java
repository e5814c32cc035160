package io.arenainstruct.studio.store;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.BatchUpdateException;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.h2.jdbcx.JdbcConnectionPool;

import io.arenainstruct.studio.domain.PostgresqlLocation;
import io.arenainstruct.studio.domain.StoreLocation;
import io.arenainstruct.studio.domain.copy.CopyProgress;
import io.arenainstruct.studio.domain.copy.CopyReport;

/**
 * Copies a whole store into a new, empty one, between H2 and PostgreSQL either way (decision 0026). Every table the
 * migrations made is copied (read from the database's own catalogue, so a table a later migration adds is copied
 * too), parents before children, in batches, ids kept; identities then continue past the copied ids. The source is
 * read in one repeatable-read transaction, so a team store others write to meanwhile is copied as of one moment.
 */
public final class StoreCopy {
    /** Rows per JDBC batch and per commit on the target. */
    static final int BATCH = 500;

    private static final String HISTORY = "flyway_schema_history";

    private final Store source;
    private final Store target;

    public StoreCopy(Store source, Store target) {
        this.source = source;
        this.target = target;
    }

    // ---- refusals before anything is opened ----------------------------------------------------------------

    /** Whether two locations name the same store (a folder however spelled; a database on the same server). */
    public static boolean same(StoreLocation a, StoreLocation b) {
        if (a instanceof StoreLocation.Folder fa && b instanceof StoreLocation.Folder fb) {
            if (fa.dir().equals(fb.dir())) {
                return true;
            }
            try {
                return Files.exists(fa.dir()) && Files.exists(fb.dir()) && Files.isSameFile(fa.dir(), fb.dir());
            } catch (IOException e) {
                return false;
            }
        }
        if (a instanceof PostgresqlLocation pa && b instanceof PostgresqlLocation pb) {
            return pa.host().equalsIgnoreCase(pb.host())
                    && pa.port() == pb.port()
                    && pa.database().equals(pb.database());
        }
        return false;
    }

    /** Refuses a source that holds no store (opening it would make an empty one, writing to it). */
    public static void refuseMissingSource(StoreLocation from) {
        if (from instanceof StoreLocation.Folder folder) {
            if (!Files.isRegularFile(folder.dir().resolve(Store.FILE_NAME + ".mv.db"))) {
                throw new StoreException("there is no store in " + folder.dir() + " to copy (no " + Store.FILE_NAME
                        + ".mv.db in it). Nothing was written.");
            }
            return;
        }
        PostgresqlLocation at = (PostgresqlLocation) from;
        if (tables(at).isEmpty()) {
            throw new StoreException("the database of " + at.display() + " holds no store to copy (it has no"
                    + " tables). Nothing was written.");
        }
    }

    /**
     * Refuses a target that is not new and empty: a folder that exists and holds anything, a database with any
     * table. Nothing is overwritten, so a copy never mixes with what was there.
     */
    public static void refuseNonEmptyTarget(StoreLocation to) {
        if (to instanceof StoreLocation.Folder folder) {
            Path dir = folder.dir();
            if (!Files.exists(dir)) {
                return;
            }
            if (!Files.isDirectory(dir)) {
                throw new StoreException(dir + " is a file, not a folder: store copy writes a new store into a new or"
                        + " empty folder. Nothing was written.");
            }
            try (Stream<Path> entries = Files.list(dir)) {
                if (entries.findAny().isPresent()) {
                    throw new StoreException("the folder " + dir + " is not empty: store copy writes only into a new"
                            + " or empty folder, so nothing in it is overwritten. Nothing was written; name a new"
                            + " folder.");
                }
            } catch (IOException e) {
                throw new StoreException("cannot read the folder " + dir + ": " + e.getMessage(), e);
            }
            return;
        }
        PostgresqlLocation at = (PostgresqlLocation) to;
        List<String> tables = tables(at);
        if (!tables.isEmpty()) {
            throw new StoreException("the database of " + at.display() + " is not empty (" + tables.size()
                    + (tables.size() == 1 ? " table" : " tables") + "): store copy writes only into an empty"
                    + " database, so nothing in it is overwritten. Nothing was written; create a new database for"
                    + " the copy.");
        }
    }

    /** The tables of a PostgreSQL database's current schema, or the server's refusal in a sentence. */
    private static List<String> tables(PostgresqlLocation at) {
        PostgresqlPassword password =
                PostgresqlPassword.find(at, System.getenv(), Path.of(System.getProperty("user.home")));
        JdbcConnectionPool pool = PostgresqlConnections.pool(at, password);
        try (Connection c = PostgresqlConnections.firstConnection(pool, at, password.source())) {
            List<String> tables = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT table_name FROM information_schema.tables"
                            + " WHERE table_schema = current_schema()");
                    ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    tables.add(rs.getString(1));
                }
            }
            return tables;
        } catch (SQLException e) {
            throw new StoreException("cannot read the database of " + at.display() + ": " + Store.firstLine(e), e);
        } finally {
            pool.dispose();
        }
    }

    // ---- the copy ------------------------------------------------------------------------------------------

    /**
     * Copies every table into the target (which must be freshly made: only rows its migrations made, which are
     * replaced) and checks the counts. Throws a {@link StoreException} saying which table failed; the caller
     * removes the half-written target ({@link #discardTarget}).
     */
    public CopyReport copy(Consumer<CopyProgress> progress) {
        return source.withConnection(from -> {
            from.setAutoCommit(false);
            from.setReadOnly(true);
            from.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
            Schema schema = Schema.read(from);
            Map<String, Long> counts = new LinkedHashMap<>();
            for (Table t : schema.tables) {
                counts.put(t.name, count(from, t.quoted()));
            }
            long total = counts.values().stream().mapToLong(Long::longValue).sum();
            return target.withConnection(to -> {
                to.setAutoCommit(false);
                Schema theirs = Schema.read(to);
                schema.refuseDifferent(theirs);
                clear(to, schema, theirs);
                long[] done = {0};
                int index = 0;
                for (Table t : schema.tables) {
                    index++;
                    copyTable(
                            from,
                            to,
                            t,
                            theirs.table(t.name),
                            index,
                            schema.tables.size(),
                            counts.get(t.name),
                            done,
                            total,
                            progress);
                }
                continueIdentities(from, to, schema, theirs);
                to.setAutoCommit(true);
                List<CopyReport.TableCount> rows = new ArrayList<>();
                for (Table t : schema.tables) {
                    rows.add(new CopyReport.TableCount(
                            t.name,
                            counts.get(t.name),
                            count(to, theirs.table(t.name).quoted())));
                }
                return new CopyReport(
                        source.location().display(), target.location().display(), rows);
            });
        });
    }

    /** A fresh target holds what its migrations made (the first iteration): it makes way for the source's rows. */
    private void clear(Connection to, Schema ours, Schema theirs) throws SQLException {
        List<Table> reversed = new ArrayList<>(ours.tables);
        Collections.reverse(reversed);
        try (Statement st = to.createStatement()) {
            for (Table t : reversed) {
                st.executeUpdate("DELETE FROM " + theirs.table(t.name).quoted());
            }
        }
        to.commit();
    }

    private void copyTable(
            Connection from,
            Connection to,
            Table mine,
            Table theirs,
            int index,
            int tables,
            long tableTotal,
            long[] done,
            long total,
            Consumer<CopyProgress> progress)
            throws SQLException {
        progress.accept(new CopyProgress(mine.name, index, tables, 0, tableTotal, done[0], total));
        String select = "SELECT " + mine.columnList() + " FROM " + mine.quoted()
                + (mine.primaryKey.isEmpty() ? "" : " ORDER BY " + mine.quotedKey());
        List<Column> targetColumns =
                mine.columns.stream().map(c -> theirs.column(c.name)).toList();
        String insert = "INSERT INTO " + theirs.quoted() + " ("
                + targetColumns.stream().map(Column::quoted).collect(Collectors.joining(", ")) + ") VALUES ("
                + String.join(", ", Collections.nCopies(targetColumns.size(), "?")) + ")";
        long tableDone = 0;
        long row = 0;
        try (PreparedStatement read = from.prepareStatement(select);
                PreparedStatement write = to.prepareStatement(insert)) {
            read.setFetchSize(BATCH);
            try (ResultSet rs = read.executeQuery()) {
                int pending = 0;
                while (rs.next()) {
                    row++;
                    for (int i = 0; i < mine.columns.size(); i++) {
                        mine.columns.get(i).type.copy(rs, write, i + 1);
                    }
                    write.addBatch();
                    if (++pending == BATCH) {
                        write.executeBatch();
                        to.commit();
                        tableDone += pending;
                        done[0] += pending;
                        pending = 0;
                        progress.accept(
                                new CopyProgress(mine.name, index, tables, tableDone, tableTotal, done[0], total));
                    }
                }
                if (pending > 0) {
                    write.executeBatch();
                    to.commit();
                    tableDone += pending;
                    done[0] += pending;
                }
            }
        } catch (SQLException e) {
            try {
                to.rollback();
            } catch (SQLException gone) {
                e.addSuppressed(gone); // the connection itself is lost: the row's failure is the one to tell
            }
            throw new StoreException(
                    "copying the table " + mine.name + " failed (row " + row + " of " + tableTotal + "): "
                            + Store.firstLine(reason(e)),
                    e);
        }
        progress.accept(new CopyProgress(mine.name, index, tables, tableDone, tableTotal, done[0], total));
    }

    /** A batch's own exception says only that the batch failed; the row's reason is the next one. */
    private static SQLException reason(SQLException e) {
        if (e instanceof BatchUpdateException && e.getNextException() != null) {
            return e.getNextException();
        }
        return e;
    }

    /**
     * Identities continue where the source's would: past the copied ids, and past ids the source handed out and
     * deleted since (so a new run is numbered as it would have been in the source).
     */
    private void continueIdentities(Connection from, Connection to, Schema ours, Schema theirs) throws SQLException {
        for (Table t : ours.tables) {
            for (Column c : t.columns) {
                if (!c.identity) {
                    continue;
                }
                Table their = theirs.table(t.name);
                Column theirColumn = their.column(c.name);
                long next = Math.max(nextIdentity(from, source.dialect(), t, c), maxPlusOne(to, their, theirColumn));
                try (Statement st = to.createStatement()) {
                    if (target.dialect() == Dialect.H2) {
                        st.execute("ALTER TABLE " + their.quoted() + " ALTER COLUMN " + theirColumn.quoted()
                                + " RESTART WITH " + next);
                    } else {
                        try (PreparedStatement ps =
                                to.prepareStatement("SELECT setval(pg_get_serial_sequence(?, ?), ?, false)")) {
                            ps.setString(1, their.quoted());
                            ps.setString(2, theirColumn.actual);
                            ps.setLong(3, next);
                            ps.executeQuery().close();
                        }
                    }
                }
            }
        }
        to.commit();
    }

    private static long maxPlusOne(Connection c, Table t, Column column) throws SQLException {
        try (Statement st = c.createStatement();
                ResultSet rs = st.executeQuery("SELECT MAX(" + column.quoted() + ") FROM " + t.quoted())) {
            rs.next();
            return rs.getLong(1) + 1;
        }
    }

    /** The value the source's identity would hand out next (at least 1). */
    private static long nextIdentity(Connection c, Dialect dialect, Table t, Column column) throws SQLException {
        if (dialect == Dialect.H2) {
            try (PreparedStatement ps = c.prepareStatement("SELECT IDENTITY_BASE FROM INFORMATION_SCHEMA.COLUMNS"
                    + " WHERE TABLE_SCHEMA = SCHEMA() AND TABLE_NAME = ? AND COLUMN_NAME = ?")) {
                ps.setString(1, t.actual);
                ps.setString(2, column.actual);
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? Math.max(1, rs.getLong(1)) : 1;
                }
            }
        }
        String sequence;
        try (PreparedStatement ps = c.prepareStatement("SELECT pg_get_serial_sequence(?, ?)")) {
            ps.setString(1, t.quoted());
            ps.setString(2, column.actual);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                sequence = rs.getString(1);
            }
        }
        if (sequence == null) {
            return 1;
        }
        try (Statement st = c.createStatement();
                ResultSet rs = st.executeQuery("SELECT last_value, is_called FROM " + sequence)) {
            rs.next();
            return rs.getBoolean(2) ? rs.getLong(1) + 1 : rs.getLong(1);
        }
    }

    private static long count(Connection c, String quotedTable) throws SQLException {
        try (Statement st = c.createStatement();
                ResultSet rs = st.executeQuery("SELECT COUNT(*) FROM " + quotedTable)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    /**
     * Undoes a failed copy: a PostgreSQL target loses every table (it had none before), an H2 target's folder is
     * emptied, and removed when the copy made it. Returns what is left, in words, for the failure's message; a
     * target that cannot be cleaned up (a server gone away) is said to need removing by hand.
     */
    public static String discardTarget(Store target, boolean folderExisted) {
        StoreLocation at = target.location();
        if (at instanceof PostgresqlLocation pg) {
            try {
                target.withConnection(c -> {
                    List<String> tables = new ArrayList<>();
                    try (Statement list = c.createStatement();
                            ResultSet rs = list.executeQuery("SELECT table_name FROM information_schema.tables"
                                    + " WHERE table_schema = current_schema() AND table_type = 'BASE TABLE'")) {
                        while (rs.next()) {
                            tables.add(rs.getString(1));
                        }
                    }
                    c.setAutoCommit(false);
                    try (Statement st = c.createStatement()) {
                        for (String t : tables) {
                            st.execute("DROP TABLE IF EXISTS \"" + t.replace("\"", "\"\"") + "\" CASCADE");
                        }
                    }
                    c.commit();
                    return null;
                });
                target.close();
                return "the database of " + pg.display() + " was emptied again";
            } catch (RuntimeException e) {
                target.close();
                return "the database of " + pg.display() + " may hold part of the copy and could not be emptied ("
                        + e.getMessage() + "): drop it and create it again before copying again";
            }
        }
        target.close();
        Path dir = ((StoreLocation.Folder) at).dir();
        try {
            try (Stream<Path> files = Files.walk(dir)) {
                for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                    if (folderExisted && p.equals(dir)) {
                        continue;
                    }
                    Files.delete(p);
                }
            }
            return folderExisted ? "the folder " + dir + " was emptied again" : "the folder " + dir + " was removed";
        } catch (IOException e) {
            return "the folder " + dir + " may hold part of the copy and could not be removed (" + e.getMessage()
                    + "): delete it before copying again";
        }
    }

    // ---- the schema as the database's catalogue gives it -------------------------------------------------

    /** How a column's values are read and written: the same Java value on both databases. */
    enum Kind {
        STRING(Types.VARCHAR),
        BOOLEAN(Types.BOOLEAN),
        INT(Types.INTEGER),
        LONG(Types.BIGINT),
        DOUBLE(Types.DOUBLE),
        DECIMAL(Types.NUMERIC),
        ZONED_TIMESTAMP(Types.TIMESTAMP_WITH_TIMEZONE),
        TIMESTAMP(Types.TIMESTAMP),
        DATE(Types.DATE),
        BYTES(Types.VARBINARY);

        private final int sqlType;

        Kind(int sqlType) {
            this.sqlType = sqlType;
        }

        /** The kind of a column of this information_schema data type; null when the copy does not know it. */
        static Kind of(String dataType) {
            String t = dataType.toLowerCase(Locale.ROOT);
            return switch (t) {
                case "character varying", "varchar", "character", "char", "text", "character large object", "clob" ->
                    STRING;
                case "boolean" -> BOOLEAN;
                case "tinyint", "smallint", "integer", "int" -> INT;
                case "bigint" -> LONG;
                case "double precision", "real", "float", "double" -> DOUBLE;
                case "numeric", "decimal" -> DECIMAL;
                case "timestamp with time zone" -> ZONED_TIMESTAMP;
                case "timestamp", "timestamp without time zone" -> TIMESTAMP;
                case "date" -> DATE;
                case "binary varying", "bytea", "binary large object", "blob", "varbinary" -> BYTES;
                default -> null;
            };
        }

        void copy(ResultSet rs, PreparedStatement ps, int i) throws SQLException {
            Object value = switch (this) {
                case STRING -> rs.getString(i);
                case BOOLEAN -> rs.getBoolean(i);
                case INT -> rs.getInt(i);
                case LONG -> rs.getLong(i);
                case DOUBLE -> rs.getDouble(i);
                case DECIMAL -> rs.getBigDecimal(i);
                case ZONED_TIMESTAMP -> rs.getObject(i, OffsetDateTime.class);
                case TIMESTAMP -> rs.getObject(i, LocalDateTime.class);
                case DATE -> rs.getObject(i, LocalDate.class);
                case BYTES -> rs.getBytes(i);
            };
            if (value == null || rs.wasNull()) {
                ps.setNull(i, sqlType);
                return;
            }
            switch (this) {
                case STRING -> ps.setString(i, (String) value);
                case BOOLEAN -> ps.setBoolean(i, (Boolean) value);
                case INT -> ps.setInt(i, (Integer) value);
                case LONG -> ps.setLong(i, (Long) value);
                case DOUBLE -> ps.setDouble(i, (Double) value);
                case DECIMAL -> ps.setBigDecimal(i, (BigDecimal) value);
                case BYTES -> ps.setBytes(i, (byte[]) value);
                default -> ps.setObject(i, value);
            }
        }
    }

    record Column(String name, String actual, Kind type, boolean identity) {
        String quoted() {
            return quote(actual);
        }
    }

    record Table(String name, String actual, List<Column> columns, List<String> primaryKey) {
        String quoted() {
            return quote(actual);
        }

        String columnList() {
            return columns.stream().map(Column::quoted).collect(Collectors.joining(", "));
        }

        String quotedKey() {
            return primaryKey.stream().map(StoreCopy::quote).collect(Collectors.joining(", "));
        }

        Column column(String name) {
            return columns.stream().filter(c -> c.name.equals(name)).findFirst().orElseThrow();
        }
    }

    private static String quote(String identifier) {
        return "\"" + identifier.replace("\"", "\"\"") + "\"";
    }

    /** The store's tables (without Flyway's history), parents before the tables whose foreign keys name them. */
    record Schema(List<Table> tables) {
        Table table(String name) {
            return tables.stream().filter(t -> t.name.equals(name)).findFirst().orElseThrow();
        }

        static Schema read(Connection c) throws SQLException {
            String schema = c.getSchema();
            Map<String, String> actual = new TreeMap<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT table_name FROM information_schema.tables"
                    + " WHERE table_schema = ? AND table_type = 'BASE TABLE'")) {
                ps.setString(1, schema);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        String name = rs.getString(1);
                        if (!name.equalsIgnoreCase(HISTORY)) {
                            actual.put(name.toLowerCase(Locale.ROOT), name);
                        }
                    }
                }
            }
            Map<String, Table> tables = new HashMap<>();
            Map<String, Set<String>> parents = new TreeMap<>();
            DatabaseMetaData meta = c.getMetaData();
            for (Map.Entry<String, String> e : actual.entrySet()) {
                List<Column> columns = new ArrayList<>();
                try (PreparedStatement ps = c.prepareStatement("SELECT column_name, data_type, is_identity"
                        + " FROM information_schema.columns WHERE table_schema = ? AND table_name = ?"
                        + " ORDER BY ordinal_position")) {
                    ps.setString(1, schema);
                    ps.setString(2, e.getValue());
                    try (ResultSet rs = ps.executeQuery()) {
                        while (rs.next()) {
                            String column = rs.getString(1);
                            Kind kind = Kind.of(rs.getString(2));
                            if (kind == null) {
                                throw new StoreException(
                                        "the column " + e.getKey() + "." + column.toLowerCase(Locale.ROOT)
                                                + " is of type " + rs.getString(2) + ", which store copy does"
                                                + " not know how to copy. Nothing was copied.");
                            }
                            columns.add(new Column(
                                    column.toLowerCase(Locale.ROOT),
                                    column,
                                    kind,
                                    "YES".equalsIgnoreCase(rs.getString(3))));
                        }
                    }
                }
                Map<Integer, String> key = new TreeMap<>();
                try (ResultSet rs = meta.getPrimaryKeys(null, schema, e.getValue())) {
                    while (rs.next()) {
                        key.put(rs.getInt("KEY_SEQ"), rs.getString("COLUMN_NAME"));
                    }
                }
                Set<String> from = new TreeSet<>();
                try (ResultSet rs = meta.getImportedKeys(null, schema, e.getValue())) {
                    while (rs.next()) {
                        String parent = rs.getString("PKTABLE_NAME").toLowerCase(Locale.ROOT);
                        if (!parent.equals(e.getKey())) {
                            from.add(parent); // a table naming itself is copied in id order
                        }
                    }
                }
                parents.put(e.getKey(), from);
                tables.put(e.getKey(), new Table(e.getKey(), e.getValue(), columns, List.copyOf(key.values())));
            }
            return new Schema(ordered(tables, parents));
        }

        /** Parents first; among tables free to go, by name, so the order is the same on both databases. */
        private static List<Table> ordered(Map<String, Table> tables, Map<String, Set<String>> parents) {
            List<Table> order = new ArrayList<>();
            Set<String> placed = new TreeSet<>();
            while (order.size() < tables.size()) {
                String next = parents.entrySet().stream()
                        .filter(e -> !placed.contains(e.getKey()))
                        .filter(e -> placed.containsAll(e.getValue()))
                        .map(Map.Entry::getKey)
                        .findFirst()
                        .orElseThrow(() -> new StoreException("the store's tables refer to each other in a circle ("
                                + parents.keySet().stream()
                                        .filter(t -> !placed.contains(t))
                                        .toList()
                                + "); store copy cannot order them. Nothing was copied."));
                placed.add(next);
                order.add(tables.get(next));
            }
            return order;
        }

        /** Both stores are at this app's schema; a difference means one is not, and nothing is copied. */
        void refuseDifferent(Schema other) {
            Map<String, List<String>> mine = new TreeMap<>();
            Map<String, List<String>> theirs = new TreeMap<>();
            tables.forEach(t -> mine.put(
                    t.name, t.columns.stream().map(Column::name).sorted().toList()));
            other.tables.forEach(t -> theirs.put(
                    t.name, t.columns.stream().map(Column::name).sorted().toList()));
            if (!mine.equals(theirs)) {
                Set<String> differ = new TreeSet<>(mine.keySet());
                differ.addAll(theirs.keySet());
                differ.removeIf(t -> Objects.equals(mine.get(t), theirs.get(t)));
                throw new StoreException(
                        "the source and the target have different tables or columns (" + String.join(", ", differ)
                                + "): both should be at this version's schema. Nothing was copied.");
            }
        }
    }
}
