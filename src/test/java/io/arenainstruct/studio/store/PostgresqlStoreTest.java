package io.arenainstruct.studio.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.h2.jdbcx.JdbcConnectionPool;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.arenainstruct.studio.domain.NewSeed;
import io.arenainstruct.studio.domain.PostgresqlLocation;
import io.arenainstruct.studio.domain.SeedFilter;
import io.arenainstruct.studio.domain.SeedKind;

/** A team store on a real PostgreSQL server: opening, migrating, and the refusals that change nothing. */
class PostgresqlStoreTest {
    @TempDir
    Path tmp;

    @Test
    void aFreshDatabaseGetsEveryMigrationAndKeepsWhatIsWritten() throws Exception {
        PostgresqlLocation at = TestStores.freshDatabase();
        long id;
        try (Store store = Store.open(at, tmp.resolve("local"))) {
            assertThat(store.dialect()).isEqualTo(Dialect.POSTGRESQL);
            assertThat(store.location().display()).contains(at.database()).doesNotContain("password");
            SeedRepository seeds = new SeedRepository(store);
            seeds.insertNew(List.of(NewSeed.of("a.txt", "/x/a.txt", SeedKind.TEXT, "", List.of("t1"), "hello team")));
            id = seeds.list(SeedFilter.ALL).get(0).id();
        }
        try (Store again = Store.open(at, tmp.resolve("local"))) {
            assertThat(new SeedRepository(again).content(id)).contains("hello team");
        }
        assertThat(appliedVersions(at)).containsExactlyElementsOf(migrationVersions(Dialect.POSTGRESQL));
    }

    @Test
    void everyMigrationRunsOnH2AsWell() throws Exception {
        try (Store store = Store.open(tmp.resolve("h2"))) {
            List<String> applied = store.read(c -> versions(c));
            assertThat(applied).containsExactlyElementsOf(migrationVersions(Dialect.H2));
        }
    }

    @Test
    void theTwoSpellingsOfAMigrationDifferOnlyInTheLargeTextType() throws Exception {
        Path h2 = Path.of("resources/db/h2");
        Path pg = Path.of("resources/db/postgresql");
        List<String> h2Files = names(h2);
        assertThat(names(pg)).containsExactlyElementsOf(h2Files);
        for (String f : h2Files) {
            if (f.startsWith("V5_13__")) {
                continue; // string functions differ; HumanEditMigrationTest checks the H2 one on planted rows
            }
            String asPostgresql = Files.readString(h2.resolve(f))
                    .replace("CHARACTER LARGE OBJECT", "TEXT")
                    .replaceAll("\\bCLOB\\b", "TEXT");
            assertThat(Files.readString(pg.resolve(f))).as(f).isEqualTo(asPostgresql);
        }
        try (Stream<Path> common = Files.list(Path.of("resources/db/migration"))) {
            assertThat(common.map(p -> p.getFileName().toString())).doesNotContainAnyElementsOf(h2Files);
        }
    }

    @Test
    void theSplitOfOldHandEditsRunsOnPostgresqlToo() throws Exception {
        PostgresqlLocation at = TestStores.freshDatabase();
        try (Connection c = TestStores.connect(at);
                Statement st = c.createStatement()) {
            st.execute("CREATE TABLE human_edit (id BIGINT, target VARCHAR(40), text VARCHAR(1000))");
            st.execute("INSERT INTO human_edit VALUES (1, 'instruction', 'Sum it.' || E'\\n\\nInput:\\n' || '2, 3')");
            st.execute(Files.readString(Path.of("resources/db/postgresql/V5_13__human_edit_input.sql")));
            try (ResultSet rs = st.executeQuery("SELECT text, edited_input FROM human_edit")) {
                rs.next();
                assertThat(rs.getString(1)).isEqualTo("Sum it.");
                assertThat(rs.getString(2)).isEqualTo("2, 3");
            }
        }
    }

    @Test
    void aWrongPasswordIsToldAndNothingIsWritten() throws Exception {
        PostgresqlLocation at = TestStores.freshDatabase();
        JdbcConnectionPool pool =
                PostgresqlConnections.pool(at, new PostgresqlPassword("not-the-password", "PGPASSWORD"));
        try {
            assertThatThrownBy(() -> PostgresqlConnections.firstConnection(pool, at, "PGPASSWORD"))
                    .isInstanceOf(StoreException.class)
                    .hasMessage("the PostgreSQL server at " + at.host() + ":" + at.port()
                            + " refused the password for user " + at.user()
                            + " (the password came from PGPASSWORD). Nothing was changed.");
        } finally {
            pool.dispose();
        }
        assertThat(tables(at)).isEmpty();
    }

    @Test
    void anUnreachableServerIsToldInASentence() {
        PostgresqlLocation at = PostgresqlLocation.parse("postgresql://127.0.0.1:1/studio?user=nobody");
        assertThatThrownBy(() -> Store.open(at, tmp.resolve("local")))
                .isInstanceOf(StoreException.class)
                .hasMessage("cannot reach PostgreSQL server at 127.0.0.1:1: is it running, and listening there?"
                        + " Nothing was changed.");
    }

    @Test
    void tlsIsUsedAsTheAddressAsksOrTheRefusalSaysTheServerHasNone() throws Exception {
        PostgresqlLocation plain = TestStores.freshDatabase();
        PostgresqlLocation tls =
                new PostgresqlLocation(plain.host(), plain.port(), plain.database(), plain.user(), "require", null);
        boolean serverOffersTls;
        try (Connection c = TestStores.connect(plain);
                Statement st = c.createStatement();
                ResultSet rs = st.executeQuery("SHOW ssl")) {
            rs.next();
            serverOffersTls = rs.getString(1).equals("on");
        }
        if (serverOffersTls) {
            try (Store store = Store.open(tls, tmp.resolve("local"))) {
                List<String> ssl =
                        store.read(c -> Sql.strings(c, "SELECT ssl FROM pg_stat_ssl WHERE pid = pg_backend_pid()"));
                assertThat(ssl).containsExactly("t");
            }
        } else {
            assertThatThrownBy(() -> Store.open(tls, tmp.resolve("local")))
                    .isInstanceOf(StoreException.class)
                    .hasMessage("the PostgreSQL server at " + plain.host() + ":" + plain.port()
                            + " does not offer TLS, which sslmode=require asks for.");
        }
    }

    @Test
    void aMissingDatabaseSaysToCreateIt() {
        PostgresqlLocation server = TestStores.server();
        PostgresqlLocation at =
                new PostgresqlLocation(server.host(), server.port(), "studio_no_such_db", server.user(), null, null);
        assertThatThrownBy(() -> Store.open(at, tmp.resolve("local")))
                .isInstanceOf(StoreException.class)
                .hasMessageStartingWith("there is no database studio_no_such_db on PostgreSQL server at ");
    }

    @Test
    void anotherApplicationsDatabaseIsRefusedUntouched() throws Exception {
        PostgresqlLocation at = TestStores.freshDatabase();
        try (Connection c = TestStores.connect(at);
                Statement st = c.createStatement()) {
            st.execute("CREATE TABLE invoices (id INT)");
            st.execute("CREATE TABLE customers (id INT)");
        }
        assertThatThrownBy(() -> Store.open(at, tmp.resolve("local")))
                .isInstanceOf(StoreException.class)
                .hasMessageContaining("holds another application's tables (2 tables, among them customers, invoices)")
                .hasMessageContaining("Nothing was changed");
        assertThat(tables(at)).containsExactly("customers", "invoices");
    }

    @Test
    void anotherFlywayApplicationIsRefusedToo() throws Exception {
        PostgresqlLocation at = TestStores.freshDatabase();
        try (Connection c = TestStores.connect(at);
                Statement st = c.createStatement()) {
            st.execute("CREATE TABLE flyway_schema_history (installed_rank INT, version VARCHAR(50),"
                    + " description VARCHAR(200))");
            st.execute("INSERT INTO flyway_schema_history VALUES (1, '1', 'create billing')");
        }
        assertThatThrownBy(() -> Store.open(at, tmp.resolve("local")))
                .hasMessageContaining("another application's tables");
    }

    @Test
    void aSchemaNewerThanThisAppIsRefusedOnBothDatabases() throws Exception {
        PostgresqlLocation at = TestStores.freshDatabase();
        Store.open(at, tmp.resolve("local")).close();
        try (Connection c = TestStores.connect(at);
                Statement st = c.createStatement()) {
            plantFutureMigration(st);
        }
        assertThatThrownBy(() -> Store.open(at, tmp.resolve("local")))
                .isInstanceOf(StoreException.class)
                .hasMessageContaining(
                        "was made by a newer version of ArenaInstruct Studio (its schema is at version" + " 999")
                .hasMessageContaining("nothing was changed");

        Path h2 = tmp.resolve("h2");
        try (Store store = Store.open(h2)) {
            store.write(c -> {
                try (Statement st = c.createStatement()) {
                    plantFutureMigration(st);
                }
                return null;
            });
        }
        assertThatThrownBy(() -> Store.open(h2)).hasMessageContaining("made by a newer version");
    }

    @Test
    void membersOfTheOwnerRoleShareTheTablesWhoeverOpenedFirst() throws Exception {
        PostgresqlLocation server = TestStores.server();
        PostgresqlLocation at = TestStores.freshDatabase();
        String team = at.database() + "_team";
        String ann = at.database() + "_ann";
        String bob = at.database() + "_bob";
        // the login roles get the test user's password, so PGPASSWORD serves all three
        String password = System.getenv("PGPASSWORD").replace("'", "''");
        TestStores.admin(server, "CREATE ROLE " + team + " NOLOGIN");
        TestStores.admin(server, "CREATE ROLE " + ann + " LOGIN PASSWORD '" + password + "' IN ROLE " + team);
        TestStores.admin(server, "CREATE ROLE " + bob + " LOGIN PASSWORD '" + password + "' IN ROLE " + team);
        TestStores.admin(server, "GRANT " + team + " TO " + server.user()); // to hand the database over
        TestStores.admin(server, "ALTER DATABASE " + at.database() + " OWNER TO " + team);
        PostgresqlLocation asAnn = new PostgresqlLocation(at.host(), at.port(), at.database(), ann, null, null);
        PostgresqlLocation asBob = new PostgresqlLocation(at.host(), at.port(), at.database(), bob, null, null);
        try {
            try (Store first = Store.open(asAnn, tmp.resolve("ann"))) {
                new SeedRepository(first)
                        .insertNew(List.of(NewSeed.of("a.txt", "/a.txt", SeedKind.TEXT, "", List.of(), "from ann")));
            }
            try (Store second = Store.open(asBob, tmp.resolve("bob"))) {
                SeedRepository seeds = new SeedRepository(second);
                seeds.insertNew(List.of(NewSeed.of("b.txt", "/b.txt", SeedKind.TEXT, "", List.of(), "from bob")));
                assertThat(seeds.list(SeedFilter.ALL)).extracting(s -> s.name()).containsExactly("a.txt", "b.txt");
                String user = second.read(c -> {
                    try (Statement st = c.createStatement();
                            ResultSet rs = st.executeQuery("SELECT current_user")) {
                        rs.next();
                        return rs.getString(1);
                    }
                });
                assertThat(user)
                        .as("the app's own connections stay the login user")
                        .isEqualTo(bob);
            }
            try (Connection c = TestStores.connect(at);
                    Statement st = c.createStatement();
                    ResultSet rs =
                            st.executeQuery("SELECT DISTINCT tableowner FROM pg_tables WHERE schemaname = 'public'")) {
                List<String> owners = new ArrayList<>();
                while (rs.next()) {
                    owners.add(rs.getString(1));
                }
                assertThat(owners).containsExactly(team);
            }
        } finally {
            TestStores.admin(server, "DROP DATABASE " + at.database() + " WITH (FORCE)");
            TestStores.admin(server, "DROP ROLE " + ann);
            TestStores.admin(server, "DROP ROLE " + bob);
            TestStores.admin(server, "DROP ROLE " + team);
        }
    }

    private static void plantFutureMigration(Statement st) throws SQLException {
        st.execute("INSERT INTO \"flyway_schema_history\" (\"installed_rank\", \"version\", \"description\", \"type\","
                + " \"script\", \"checksum\", \"installed_by\", \"installed_on\", \"execution_time\", \"success\")"
                + " VALUES (999, '999', 'from the future', 'SQL', 'V999__from_the_future.sql', 1, 'someone',"
                + " CURRENT_TIMESTAMP, 1, TRUE)");
    }

    @Test
    void thePasswordComesFromPgpassOnlyWhenItIsOwnerOnly() throws Exception {
        PostgresqlLocation at = PostgresqlLocation.parse("postgresql://db.lab:5433/arena?user=ann");
        Path pgpass = tmp.resolve("pgpass");
        Files.writeString(pgpass, "other:5433:arena:ann:wrong\ndb.lab:5433:*:ann:s3cret\n");
        Files.setPosixFilePermissions(pgpass, PosixFilePermissions.fromString("rw-------"));
        Map<String, String> env = Map.of("PGPASSFILE", pgpass.toString());
        assertThat(PostgresqlPassword.find(at, env, tmp))
                .isEqualTo(new PostgresqlPassword("s3cret", pgpass.toString()));
        assertThat(PostgresqlPassword.find(at, env, tmp).toString()).doesNotContain("s3cret");
        assertThat(PostgresqlPassword.find(at, Map.of("PGPASSWORD", "env", "PGPASSFILE", pgpass.toString()), tmp)
                        .password())
                .isEqualTo("env");

        Files.setPosixFilePermissions(pgpass, PosixFilePermissions.fromString("rw-r--r--"));
        assertThatThrownBy(() -> PostgresqlPassword.find(at, env, tmp))
                .hasMessageContaining("can be read by other users, so it is not used")
                .hasMessageContaining("chmod 600");
        assertThat(PostgresqlPassword.find(at, Map.of(), tmp).password()).isNull();
    }

    private static List<String> tables(PostgresqlLocation at) throws SQLException {
        try (Connection c = TestStores.connect(at)) {
            return Sql.strings(
                    c,
                    "SELECT table_name FROM information_schema.tables WHERE table_schema = 'public'"
                            + " ORDER BY table_name");
        }
    }

    private static List<String> appliedVersions(PostgresqlLocation at) throws SQLException {
        try (Connection c = TestStores.connect(at)) {
            return versions(c);
        }
    }

    private static List<String> versions(Connection c) throws SQLException {
        return Sql.strings(
                c,
                "SELECT \"version\" FROM \"flyway_schema_history\""
                        + " WHERE \"version\" IS NOT NULL AND \"success\" ORDER BY \"installed_rank\"");
    }

    /** The versions in the migration folders, in Flyway's order, read from the files (not from the store). */
    private static List<String> migrationVersions(Dialect dialect) throws Exception {
        List<String> files = new ArrayList<>(names(Path.of("resources/db/migration")));
        files.addAll(names(Path.of(dialect == Dialect.H2 ? "resources/db/h2" : "resources/db/postgresql")));
        return files.stream()
                .map(f -> f.substring(1, f.indexOf("__")).replace('_', '.'))
                .sorted(PostgresqlStoreTest::byVersion)
                .toList();
    }

    private static int byVersion(String a, String b) {
        String[] x = a.split("\\.");
        String[] y = b.split("\\.");
        for (int i = 0; i < Math.max(x.length, y.length); i++) {
            int d = Integer.compare(
                    i < x.length ? Integer.parseInt(x[i]) : 0, i < y.length ? Integer.parseInt(y[i]) : 0);
            if (d != 0) {
                return d;
            }
        }
        return 0;
    }

    private static List<String> names(Path dir) throws Exception {
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(p -> p.getFileName().toString())
                    .filter(n -> n.matches("V\\d+(_\\d+)*__.*\\.sql"))
                    .sorted()
                    .toList();
        }
    }
}
