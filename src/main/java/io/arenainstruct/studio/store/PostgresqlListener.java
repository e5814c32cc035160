package io.arenainstruct.studio.store;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.function.Consumer;
import java.util.logging.Logger;
import javax.sql.DataSource;

import org.postgresql.PGConnection;
import org.postgresql.PGNotification;

/**
 * One connection of its own (not the pool's: it is never handed back) that LISTENs for the changes every client of
 * a PostgreSQL store announces, on a named daemon thread. A dropped connection (a restarted server, a terminated
 * backend) is opened again, waiting longer after each failure; after a reconnect {@code reconnected} runs, because
 * notifications sent meanwhile are lost.
 */
final class PostgresqlListener implements AutoCloseable {
    static final String CHANNEL = "arenainstruct_changes";
    private static final Logger LOG = Logger.getLogger(PostgresqlListener.class.getName());
    private static final int WAIT_MILLIS = 500;
    private static final long FIRST_RETRY_MILLIS = 100;
    private static final long LAST_RETRY_MILLIS = 5_000;

    private final DataSource source;
    private final Consumer<String> heard;
    private final Runnable reconnected;
    private final Thread thread;
    private final Object retry = new Object();
    private volatile boolean closed;
    private volatile Connection connection;

    /**
     * Listens from now on: the first LISTEN is done before this returns (when the server answers), so no change
     * committed after the store opened is missed.
     */
    PostgresqlListener(DataSource source, String storeName, Consumer<String> heard, Runnable reconnected) {
        this.source = source;
        this.heard = heard;
        this.reconnected = reconnected;
        try {
            connection = listen();
        } catch (SQLException e) {
            LOG.warning(
                    "cannot listen for changes on " + storeName + " yet (" + Store.firstLine(e) + "); trying again");
        }
        thread = new Thread(this::loop, "arenainstruct-store-listener");
        thread.setDaemon(true);
        thread.start();
    }

    private Connection listen() throws SQLException {
        Connection c = source.getConnection();
        try (Statement st = c.createStatement()) {
            st.execute("LISTEN " + CHANNEL);
            return c;
        } catch (SQLException e) {
            closeQuietly(c);
            throw e;
        }
    }

    private void loop() {
        long wait = FIRST_RETRY_MILLIS;
        boolean dropped = connection == null;
        while (!closed) {
            try {
                if (connection == null) {
                    connection = listen();
                    wait = FIRST_RETRY_MILLIS;
                    if (dropped) {
                        LOG.info("listening for changes again");
                        reconnected.run();
                    }
                    dropped = false;
                }
                PGNotification[] notes = connection.unwrap(PGConnection.class).getNotifications(WAIT_MILLIS);
                if (notes != null) {
                    for (PGNotification n : notes) {
                        heard.accept(n.getParameter());
                    }
                }
            } catch (SQLException | RuntimeException e) {
                if (closed) {
                    break;
                }
                if (!dropped) {
                    LOG.warning("lost the connection that listens for changes (" + Store.firstLine(e)
                            + "); opening it again");
                }
                dropped = true;
                closeQuietly(connection);
                connection = null;
                pause(wait);
                wait = Math.min(wait * 2, LAST_RETRY_MILLIS);
            }
        }
        closeQuietly(connection);
    }

    /** Waits before trying again; {@link #close()} ends the wait. */
    private void pause(long millis) {
        synchronized (retry) {
            if (closed) {
                return;
            }
            try {
                retry.wait(millis);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                closed = true;
            }
        }
    }

    boolean isListening() {
        return connection != null;
    }

    @Override
    public void close() {
        closed = true;
        synchronized (retry) {
            retry.notifyAll();
        }
        try {
            thread.join(WAIT_MILLIS * 4L);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        closeQuietly(connection);
    }

    private static void closeQuietly(Connection c) {
        if (c == null) {
            return;
        }
        try {
            c.close();
        } catch (SQLException e) {
            // it is being dropped anyway
        }
    }
}
