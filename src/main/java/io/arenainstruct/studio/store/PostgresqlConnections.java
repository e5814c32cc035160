package io.arenainstruct.studio.store;

import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.URLEncoder;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;

import org.h2.jdbcx.JdbcConnectionPool;
import org.postgresql.ds.PGConnectionPoolDataSource;
import org.postgresql.ds.PGSimpleDataSource;
import org.postgresql.ds.common.BaseDataSource;

import io.arenainstruct.studio.domain.PostgresqlLocation;

/**
 * Connections to a team store's server, and the sentences a curator reads when the server will not have them.
 * The pool is H2's small one (the embedded store's too) over pgjdbc's pooled data source: a connection the
 * driver reports broken (a restarted server) is dropped, and the next request opens a new one.
 */
final class PostgresqlConnections {
    private static final int CONNECT_TIMEOUT_SECONDS = 10;

    private PostgresqlConnections() {}

    static JdbcConnectionPool pool(PostgresqlLocation at, PostgresqlPassword password) {
        PGConnectionPoolDataSource ds = configured(new PGConnectionPoolDataSource(), at, password);
        JdbcConnectionPool pool = JdbcConnectionPool.create(ds);
        pool.setMaxConnections(8);
        return pool;
    }

    /** Connections outside the pool, for the one that listens for other clients' changes and is never returned. */
    static PGSimpleDataSource unpooled(PostgresqlLocation at, PostgresqlPassword password) {
        return configured(new PGSimpleDataSource(), at, password);
    }

    private static <D extends BaseDataSource> D configured(D ds, PostgresqlLocation at, PostgresqlPassword password) {
        ds.setServerNames(new String[] {at.host()});
        ds.setPortNumbers(new int[] {at.port()});
        ds.setDatabaseName(at.database());
        ds.setUser(at.user());
        if (password.password() != null) {
            ds.setPassword(password.password());
        }
        if (at.sslMode() != null) {
            ds.setSslMode(at.sslMode());
        }
        if (at.sslRootCert() != null) {
            ds.setSslRootCert(at.sslRootCert());
        }
        ds.setApplicationName("ArenaInstruct Studio");
        ds.setConnectTimeout(CONNECT_TIMEOUT_SECONDS);
        ds.setTcpKeepAlive(true);
        return ds;
    }

    /** The first connection, or a sentence saying why there is none (wrong password, no server, no database). */
    static Connection firstConnection(JdbcConnectionPool pool, PostgresqlLocation at, String passwordSource) {
        try {
            return pool.getConnection();
        } catch (SQLException e) {
            throw new StoreException(refusal(e, at, passwordSource), e);
        }
    }

    static String jdbcUrl(PostgresqlLocation at) {
        return "jdbc:postgresql://" + at.host() + ":" + at.port() + "/"
                + URLEncoder.encode(at.database(), StandardCharsets.UTF_8).replace("+", "%20");
    }

    static String refusal(SQLException e, PostgresqlLocation at, String passwordSource) {
        String server = "the PostgreSQL server at " + at.host() + ":" + at.port();
        String state = e.getSQLState() == null ? "" : e.getSQLState();
        String driverSays = e.getMessage() == null ? "" : e.getMessage();
        if (state.equals("28P01")) {
            return server + " refused the password for user " + at.user() + " (the password came from " + passwordSource
                    + "). Nothing was changed.";
        }
        if (state.equals("28000")) {
            return server + " does not let user " + at.user() + " into database " + at.database()
                    + " (no such user, or the server's pg_hba.conf refuses this connection). Nothing was changed.";
        }
        if (state.equals("08004") && driverSays.contains("no password was provided")) {
            return server + " asks for a password for user " + at.user() + " and there is " + passwordSource
                    + ": set PGPASSWORD, or add a line for it to ~/.pgpass (chmod 600).";
        }
        if (state.equals("08004") && driverSays.contains("SSL")) {
            return server + " does not offer TLS, which sslmode=" + at.sslMode() + " asks for.";
        }
        if (state.equals("3D000")) {
            return "there is no database " + at.database() + " on " + server.substring(4)
                    + ": create it first (README, \"A team store on PostgreSQL\").";
        }
        if (causedBy(e, ConnectException.class)
                || causedBy(e, NoRouteToHostException.class)
                || causedBy(e, SocketTimeoutException.class)) {
            return "cannot reach " + server.substring(4) + ": is it running, and listening there? Nothing was"
                    + " changed.";
        }
        if (causedBy(e, UnknownHostException.class)) {
            return "cannot find the host " + at.host() + " of the PostgreSQL store (is its name spelled right?).";
        }
        return "cannot open the store " + at.display() + ": " + Store.firstLine(e);
    }

    private static boolean causedBy(Throwable e, Class<? extends Throwable> type) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (type.isInstance(t)) {
                return true;
            }
        }
        return false;
    }
}
