package io.arenainstruct.studio.store;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import io.arenainstruct.studio.domain.PostgresqlLocation;

/**
 * Stores for tests, on H2 or on a real PostgreSQL server. The server is the one {@code STUDIO_TEST_POSTGRESQL}
 * names ({@code postgresql://HOST[:PORT]/DB?user=NAME}, with PGPASSWORD; .ci/run sets both up); each store gets a
 * fresh database of its own, dropped by a later test JVM once this one has ended. The store tests run once per
 * database: the {@code store-on-postgresql} Surefire execution sets {@code studio.test.store=postgresql} (README,
 * "Tests").
 */
public final class TestStores {
    public static final String SERVER_VARIABLE = "STUDIO_TEST_POSTGRESQL";
    private static final AtomicInteger NEXT = new AtomicInteger();
    private static final Map<Path, PostgresqlLocation> DATABASES = new ConcurrentHashMap<>();
    private static boolean dropStarted;

    private TestStores() {}

    /** Whether this test JVM runs the store tests on PostgreSQL instead of H2. */
    public static boolean onPostgresql() {
        return "postgresql".equals(System.getProperty("studio.test.store"));
    }

    /**
     * The store for {@code dir}: an H2 folder, or on PostgreSQL a database of its own (fresh the first time, the
     * same one when the test opens {@code dir} again).
     */
    public static Store open(Path dir) {
        if (!onPostgresql()) {
            return Store.open(dir);
        }
        return Store.open(databaseFor(dir), dir.resolveSibling(dir.getFileName() + "-local"));
    }

    /** The PostgreSQL database standing for the folder {@code dir}: fresh the first time, then the same one. */
    public static PostgresqlLocation databaseFor(Path dir) {
        return DATABASES.computeIfAbsent(dir.toAbsolutePath().normalize(), d -> freshDatabase());
    }

    /** A table of the numbers 1..n in a column X, in this store's SQL (for planting many rows). */
    public static String series(Store store, int n) {
        return store.dialect() == Dialect.H2
                ? "SYSTEM_RANGE(1, " + n + ")"
                : "generate_series(1, " + n + ") AS numbers(X)";
    }

    /**
     * Turns the checking of foreign keys off (to plant rows without the rows they point to) or back on, within
     * the transaction of {@code c}: H2's REFERENTIAL_INTEGRITY, PostgreSQL's session_replication_role (which the
     * test user may set: .ci/run grants it, README "Tests").
     */
    public static void checkReferences(Connection c, boolean on) throws SQLException {
        boolean h2 = c.getMetaData().getDatabaseProductName().equals("H2");
        try (Statement st = c.createStatement()) {
            st.execute(
                    h2
                            ? "SET REFERENTIAL_INTEGRITY " + (on ? "TRUE" : "FALSE")
                            : "SET LOCAL session_replication_role = " + (on ? "DEFAULT" : "replica"));
        }
    }

    /** The server's address, or the test is skipped with how to give one. */
    public static PostgresqlLocation server() {
        String address = System.getenv(SERVER_VARIABLE);
        assumeTrue(
                address != null && !address.isBlank(),
                "PostgreSQL tests skipped: set " + SERVER_VARIABLE + "=postgresql://localhost/postgres?user=NAME and"
                        + " PGPASSWORD (the user needs CREATEDB and CREATEROLE), or run .ci/run, which starts one");
        return PostgresqlLocation.parse(address);
    }

    /** A new empty database on the test server (dropped by a later test JVM once this one has ended). */
    public static PostgresqlLocation freshDatabase() {
        PostgresqlLocation server = server();
        String name = "studio_test_" + ProcessHandle.current().pid() + "_" + NEXT.incrementAndGet();
        admin(server, "CREATE DATABASE " + name);
        dropStaleDatabases(server);
        return new PostgresqlLocation(
                server.host(), server.port(), name, server.user(), server.sslMode(), server.sslRootCert());
    }

    /** Runs one statement on the server's own database (the one {@code STUDIO_TEST_POSTGRESQL} names). */
    public static void admin(PostgresqlLocation server, String sql) {
        try (Connection c = connect(server);
                Statement st = c.createStatement()) {
            st.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException("on the test PostgreSQL server: " + sql + ": " + e.getMessage(), e);
        }
    }

    /** A plain connection to a test database (for planting rows a store would refuse to write). */
    public static Connection connect(PostgresqlLocation at) throws SQLException {
        Properties p = new Properties();
        p.setProperty("user", at.user());
        String password = System.getenv("PGPASSWORD");
        if (password != null) {
            p.setProperty("password", password);
        }
        return DriverManager.getConnection(PostgresqlConnections.jdbcUrl(at), p);
    }

    /**
     * Drops, on a background thread, the databases earlier test JVMs made and left (their process has ended): no
     * shutdown hook, which would hold up this JVM's exit for as long as the server takes to drop them.
     */
    private static void dropStaleDatabases(PostgresqlLocation server) {
        synchronized (TestStores.class) {
            if (dropStarted) {
                return;
            }
            dropStarted = true;
        }
        Thread dropper = new Thread(
                () -> {
                    try (Connection c = connect(server);
                            Statement st = c.createStatement()) {
                        List<String> stale = new ArrayList<>();
                        try (ResultSet rs =
                                st.executeQuery("SELECT datname FROM pg_database WHERE datname LIKE 'studio_test_%'")) {
                            while (rs.next()) {
                                String[] parts = rs.getString(1).split("_");
                                if (parts.length == 4
                                        && parts[2].matches("[0-9]{1,18}")
                                        && ProcessHandle.of(Long.parseLong(parts[2]))
                                                .isEmpty()) {
                                    stale.add(rs.getString(1));
                                }
                            }
                        }
                        for (String name : stale) {
                            st.execute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
                        }
                    } catch (SQLException e) {
                        // a database left behind on a test server harms nothing; the next run tries again
                    }
                },
                "drop-stale-test-databases");
        dropper.setDaemon(true);
        dropper.start();
    }
}
