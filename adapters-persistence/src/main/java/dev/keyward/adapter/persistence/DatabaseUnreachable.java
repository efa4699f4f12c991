package dev.keyward.adapter.persistence;

import dev.keyward.domain.error.UnavailableException;

import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTransientConnectionException;
import java.util.function.Supplier;

/**
 * The one translation of "cannot get a connection" and "the connection broke" into the domain's
 * {@link UnavailableException} (REST 503, GraphQL UNAVAILABLE), applied where every statement and
 * transaction passes: {@link Statements} and {@link JdbcTransactions}. Any other failure is left as it is.
 */
final class DatabaseUnreachable {

    static final String MESSAGE = "the token database is unavailable: nothing was changed, try again later";

    private DatabaseUnreachable() {
    }

    /** Runs {@code work}, turning a lost or unobtainable connection into {@link UnavailableException}. */
    static <T> T translated(Supplier<T> work) {
        try {
            return work.get();
        } catch (UnavailableException e) {
            throw e;
        } catch (RuntimeException e) {
            if (isUnreachable(e)) {
                throw unavailable(e);
            }
            throw e;
        }
    }

    static UnavailableException unavailable(Throwable failure) {
        UnavailableException unavailable = new UnavailableException(MESSAGE);
        // The driver's reason (refused, timed out, reset) helps whoever reads the log; the client needs none of it.
        unavailable.addSuppressed(failure);
        return unavailable;
    }

    /**
     * Whether a failure, anywhere in its causes, says the database could not be reached: the pool's
     * timeout waiting for a connection, a connection-class SQLSTATE (08xxx), a socket error, or a
     * "connection is closed" without SQLSTATE.
     */
    static boolean isUnreachable(Throwable failure) {
        int depth = 0;
        for (Throwable cause = failure; cause != null && depth < 20; cause = cause.getCause(), depth++) {
            if (cause instanceof SQLTransientConnectionException || cause instanceof SQLNonTransientConnectionException
                    || cause instanceof SQLRecoverableException
                    || cause instanceof ConnectException || cause instanceof NoRouteToHostException
                    || cause instanceof SocketTimeoutException || cause instanceof SocketException) {
                return true;
            }
            if (cause instanceof java.sql.SQLException sql && sql.getSQLState() != null && sql.getSQLState().startsWith("08")) {
                return true;
            }
            if (cause instanceof java.sql.SQLException sql && sql.getSQLState() == null && sql.getMessage() != null
                    && sql.getMessage().toLowerCase(java.util.Locale.ROOT).contains("connection is closed")) {
                // HikariCP's proxy after the pool evicted a broken connection: no SQLSTATE, same meaning.
                return true;
            }
        }
        return false;
    }
}
