package io.arenainstruct.studio.store;

import java.sql.Connection;
import java.sql.SQLException;

/** A unit of JDBC work run by {@link Store#read} or {@link Store#write}. */
@FunctionalInterface
public interface SqlWork<T> {
    T run(Connection connection) throws SQLException;
}
