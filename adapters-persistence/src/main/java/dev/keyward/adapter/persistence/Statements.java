package dev.keyward.adapter.persistence;

import io.micronaut.data.connection.ConnectionDefinition;
import io.micronaut.data.connection.ConnectionOperations;
import io.micronaut.data.exceptions.DataAccessException;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;

/**
 * Runs one prepared statement on the current transaction's connection, or on a pooled connection of
 * its own (auto-commit) when called outside {@link JdbcTransactions#inWrite}, e.g. by authentication.
 */
final class Statements {

    /** What to do with the prepared statement: bind, execute, read. */
    @FunctionalInterface
    interface Work<R> {
        R apply(PreparedStatement statement) throws SQLException;
    }

    private final ConnectionOperations<Connection> connections;

    Statements(ConnectionOperations<Connection> connections) {
        this.connections = connections;
    }

    <R> R run(String sql, Work<R> work) {
        return connections.execute(ConnectionDefinition.DEFAULT, status -> {
            try (PreparedStatement statement = status.getConnection().prepareStatement(sql)) {
                return work.apply(statement);
            } catch (SQLException e) {
                throw new DataAccessException("SQL failed: " + e.getMessage() + " [" + sql + "]", e);
            }
        });
    }
}
