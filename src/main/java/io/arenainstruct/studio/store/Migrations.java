package io.arenainstruct.studio.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;

import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.MigrationInfo;
import org.flywaydb.core.api.MigrationState;

/**
 * The schema: the same versioned Flyway migrations on H2 and PostgreSQL (db/migration, portable SQL), with the
 * few that had to be spelled differently in db/h2 and db/postgresql (decision 0022). Before changing anything
 * it refuses a database that is not a studio store and a store made by a newer version of the app.
 */
final class Migrations {
    /** The first migration's description: a schema history starting with it is ours. */
    private static final String FIRST = "seeds and taxonomies";

    private Migrations() {}

    static Flyway flyway(DataSource ds, Dialect dialect, String initSql) {
        return Flyway.configure(Store.class.getClassLoader())
                .dataSource(ds)
                .locations("classpath:db/migration", dialect.ownMigrations)
                .initSql(initSql)
                .load();
    }

    static void migrate(DataSource ds, Dialect dialect, String what) {
        migrate(ds, dialect, what, null);
    }

    /** @param initSql run on each of the migration's connections first (a team store's SET ROLE), or null */
    static void migrate(DataSource ds, Dialect dialect, String what, String initSql) {
        Flyway flyway = flyway(ds, dialect, initSql);
        refuseNewer(flyway, what);
        flyway.migrate();
    }

    /** Flyway by default skips applied migrations it does not know; a newer app's schema must not be written. */
    private static void refuseNewer(Flyway flyway, String what) {
        String newest = null;
        String known = null;
        for (MigrationInfo m : flyway.info().all()) {
            if (m.getVersion() == null) {
                continue;
            }
            if (m.getState() == MigrationState.FUTURE_SUCCESS || m.getState() == MigrationState.FUTURE_FAILED) {
                newest = m.getVersion().getVersion();
            } else {
                known = m.getVersion().getVersion();
            }
        }
        if (newest != null) {
            throw new StoreException(what + " was made by a newer version of ArenaInstruct Studio (its schema is"
                    + " at version " + newest + "; this version knows up to " + known + "). Open it with the newer"
                    + " version; nothing was changed.");
        }
    }

    /**
     * On a team store the tables should belong to the database's owner, not to whichever member happened to open
     * it first: then every member of the owner role can use them and a later member can migrate them (README, "A
     * team store on PostgreSQL"). So when the user is a member of a different owner role, migrations run as it.
     */
    static String ownerRole(Connection c) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT pg_get_userbyid(datdba), current_user,"
                        + " pg_has_role(current_user, datdba, 'MEMBER') FROM pg_database"
                        + " WHERE datname = current_database()");
                ResultSet rs = ps.executeQuery()) {
            if (rs.next() && !rs.getString(1).equals(rs.getString(2)) && rs.getBoolean(3)) {
                return "SET ROLE \"" + rs.getString(1).replace("\"", "\"\"") + "\"";
            }
            return null;
        }
    }

    /**
     * A PostgreSQL database may hold another application's tables: the studio only migrates one that is empty or
     * whose schema history begins with the studio's first migration.
     */
    static void refuseForeign(Connection c, String what) throws SQLException {
        List<String> tables = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT table_name FROM information_schema.tables"
                        + " WHERE table_schema = current_schema() ORDER BY table_name");
                ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                tables.add(rs.getString(1));
            }
        }
        if (tables.isEmpty()) {
            return;
        }
        if (tables.contains("flyway_schema_history")) {
            try (PreparedStatement ps =
                            c.prepareStatement("SELECT description FROM flyway_schema_history WHERE version = '1'");
                    ResultSet rs = ps.executeQuery()) {
                if (rs.next() && FIRST.equals(rs.getString(1))) {
                    return;
                }
            }
        }
        List<String> named = tables.stream()
                .filter(t -> t.matches("[A-Za-z0-9_]{1,40}"))
                .limit(3)
                .toList();
        throw new StoreException("the database of " + what + " holds another application's tables ("
                + tables.size() + (tables.size() == 1 ? " table" : " tables")
                + (named.isEmpty() ? "" : ", among them " + String.join(", ", named))
                + "), not an ArenaInstruct Studio store. Nothing was changed: give the studio an empty database of"
                + " its own.");
    }
}
