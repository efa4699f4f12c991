package dev.keyward.adapter.persistence;

import dev.keyward.domain.error.ConcurrentChangeException;
import dev.keyward.domain.error.DomainException;
import dev.keyward.domain.error.UnavailableException;
import dev.keyward.domain.token.Transactions;
import io.micronaut.transaction.TransactionOperations;
import io.micronaut.transaction.support.TransactionSynchronization;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.Connection;
import java.util.function.Supplier;

/**
 * {@link Transactions} on the default datasource's transaction manager: one read-write transaction
 * per use case; a nested call joins the outer one; a runtime exception rolls back and propagates as is,
 * except that a database out of reach is {@link UnavailableException}. The answer always matches what
 * the database holds:
 * <ul>
 *   <li>out of reach before COMMIT: the server rolls the transaction back when the connection drops, so
 *       the 503 says nothing was changed;</li>
 *   <li>lost during COMMIT: nobody can know whether it committed, so the 503 says the change may have
 *       been applied and to read the token before retrying ({@link #OUTCOME_UNKNOWN});</li>
 *   <li>a failure after a successful COMMIT (restoring the connection's state, returning it to the
 *       pool) is logged and the use case's result returned: the change is done and its new value, if
 *       any, must reach its owner.</li>
 * </ul>
 */
@Singleton
public final class JdbcTransactions implements Transactions {

    static final String OUTCOME_UNKNOWN = "the token database stopped answering while committing: the change may have "
            + "been applied; read the token before retrying";

    private static final Logger LOG = LoggerFactory.getLogger(JdbcTransactions.class);

    private final TransactionOperations<Connection> transactions;

    public JdbcTransactions(TransactionOperations<Connection> transactions) {
        this.transactions = transactions;
    }

    /** How far one transaction got, as seen from inside it. */
    private static final class Progress<T> {
        volatile T result;
        volatile boolean worked;
        volatile boolean committed;
    }

    @Override
    public <T> T inWrite(Supplier<T> work) {
        Progress<T> progress = new Progress<>();
        try {
            return DatabaseUnreachable.translated(() -> transactions.executeWrite(status -> {
                T result = work.get();
                progress.result = result;
                progress.worked = true;
                status.registerSynchronization(new TransactionSynchronization() {
                    @Override
                    public void afterCommit() {
                        progress.committed = true;
                    }
                });
                return result;
            }));
        } catch (RuntimeException failure) {
            if (progress.committed) {
                LOG.warn("a write committed, then failed while its connection was released; the change stands: {}",
                        failure.toString());
                return progress.result;
            }
            if (!(failure instanceof DomainException) && Statements.lostRace(failure)) {
                // A conflict reported at COMMIT (a deadlock, or a Galera certification failure): rolled back.
                throw new ConcurrentChangeException(Statements.LOST_RACE_MESSAGE);
            }
            if (progress.worked && failure instanceof UnavailableException) {
                UnavailableException unknown = new UnavailableException(OUTCOME_UNKNOWN);
                unknown.addSuppressed(failure);
                throw unknown;
            }
            throw failure;
        }
    }
}
