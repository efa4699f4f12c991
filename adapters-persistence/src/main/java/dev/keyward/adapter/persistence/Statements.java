package dev.keyward.adapter.persistence;

import dev.keyward.domain.error.ConcurrentChangeException;
import io.micronaut.data.connection.ConnectionDefinition;
import io.micronaut.data.connection.ConnectionOperations;
import io.micronaut.data.exceptions.DataAccessException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.Set;

/**
 * Runs one prepared statement on the current transaction's connection, or on a pooled connection of
 * its own (auto-commit) when called outside {@link JdbcTransactions#inWrite}, e.g. by authentication.
 * A statement that lost a race with another transaction fails as {@link ConcurrentChangeException}
 * (see {@link #lostRace}); one that cannot reach the database as {@link dev.keyward.domain.error.UnavailableException}
 * (see {@link DatabaseUnreachable}); any other SQL failure as {@link DataAccessException}.
 */
public final class Statements {

    private static final Logger LOG = LoggerFactory.getLogger(Statements.class);

    /**
     * MySQL/MariaDB: 1020 ER_CHECKREAD (snapshot isolation, on by default from MariaDB 11.6), 1205 lock
     * wait timeout, 1213 deadlock. H2: 50200 lock timeout, 90131 concurrent update. The number ranges do
     * not overlap, so the vendor does not need to be known.
     */
    static final String LOST_RACE_MESSAGE = "another request changed the same data at the same time; nothing was changed, try again";

    private static final Set<Integer> LOST_RACE_CODES = Set.of(1020, 1205, 1213, 50200, 90131);

    /** What to do with the prepared statement: bind, execute, read. */
    @FunctionalInterface
    public interface Work<R> {
        R apply(PreparedStatement statement) throws SQLException;
    }

    private final ConnectionOperations<Connection> connections;

    public Statements(ConnectionOperations<Connection> connections) {
        this.connections = connections;
    }

    public <R> R run(String sql, Work<R> work) {
        return DatabaseUnreachable.translated(() -> connections.execute(ConnectionDefinition.DEFAULT, status -> {
            try (PreparedStatement statement = status.getConnection().prepareStatement(sql)) {
                return work.apply(statement);
            } catch (SQLException e) {
                if (lostRace(e)) {
                    // The cause cannot travel with a domain exception: keep it for whoever debugs a burst of 409s.
                    LOG.debug("statement lost a race with another transaction [{}]", sql, e);
                    throw new ConcurrentChangeException(LOST_RACE_MESSAGE);
                }
                if (DatabaseUnreachable.isUnreachable(e)) {
                    throw DatabaseUnreachable.unavailable(e);
                }
                throw new DataAccessException("SQL failed: " + e.getMessage() + " [" + sql + "]", e);
            }
        }));
    }

    /**
     * Whether the database refused a statement because another transaction got there first: a deadlock,
     * a lock wait timeout, a snapshot-isolation conflict, or any SQLSTATE of class 40 (transaction
     * rollback), anywhere in its causes. Retrying the whole use case later may succeed; nothing of it was stored.
     */
    static boolean lostRace(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof SQLException sql && (LOST_RACE_CODES.contains(sql.getErrorCode())
                    || (sql.getSQLState() != null && sql.getSQLState().startsWith("40")))) {
                return true;
            }
        }
        return false;
    }

    /**
     * Whether a foreign key refused the row, anywhere in its causes: MySQL/MariaDB errors 1451 and 1452,
     * or SQLSTATE 23503/23506 (H2, PostgreSQL).
     */
    public static boolean foreignKeyViolation(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof SQLException sql && (sql.getErrorCode() == 1451 || sql.getErrorCode() == 1452
                    || "23503".equals(sql.getSQLState()) || "23506".equals(sql.getSQLState()))) {
                return true;
            }
        }
        return false;
    }

    /** Whether a key refused the row: SQLSTATE class 23 (a unique or a foreign key), anywhere in its causes. */
    public static boolean integrityViolation(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof SQLException sql && sql.getSQLState() != null && sql.getSQLState().startsWith("23")) {
                return true;
            }
        }
        return false;
    }
}
