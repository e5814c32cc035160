package io.arenainstruct.studio.store;

import java.sql.SQLException;

/**
 * Whether a failure means the connection to the server was lost (a restart, a dropped network), so the work
 * can run again on a new connection: SQLState class 08 (connection exception), or the server shutting down or
 * starting up (57P01 admin_shutdown, 57P02 crash_shutdown, 57P03 cannot_connect_now).
 */
final class ConnectionLost {
    private ConnectionLost() {}

    static boolean is(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLException sql && lost(sql.getSQLState())) {
                return true;
            }
        }
        return false;
    }

    static boolean lost(String state) {
        return state != null
                && (state.startsWith("08") || state.equals("57P01") || state.equals("57P02") || state.equals("57P03"));
    }
}
