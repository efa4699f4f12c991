package dev.keyward.adapter.persistence;

import dev.keyward.domain.error.ConcurrentChangeException;
import dev.keyward.domain.error.DomainException;
import dev.keyward.domain.error.UnavailableException;
import dev.keyward.domain.token.Transactions;
import io.micronaut.context.annotation.Value;
import io.micronaut.transaction.TransactionDefinition;
import io.micronaut.transaction.TransactionOperations;
import io.micronaut.transaction.support.TransactionSynchronization;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.Connection;
import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;
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
 *       any, must reach its owner;</li>
 *   <li>a race lost to another transaction ({@link ConcurrentChangeException}: a deadlock, a Galera
 *       certification failure at COMMIT, a row changed under us) rolled everything back: the whole use
 *       case runs again, from its first read, up to {@link #ATTEMPTS} times ({@code keyward.database.write-attempts}) within {@link #RETRY_BUDGET},
 *       after a short random pause; then the conflict is answered (409). On a Galera cluster every
 *       write of every node takes the change feed's counter row, so two writes committed at once on two
 *       nodes always conflict and one of them is retried here.</li>
 * </ul>
 * A nested call is never retried on its own: the outermost one runs the whole use case again.
 */
@Singleton
public final class JdbcTransactions implements Transactions {

    static final String OUTCOME_UNKNOWN = "the token database stopped answering while committing: the change may have "
            + "been applied; read the token before retrying";

    /** How many times a use case runs at most when it keeps losing races, unless configured. */
    static final int ATTEMPTS = 8;
    /** No new attempt starts after this long since the first. */
    static final Duration RETRY_BUDGET = Duration.ofSeconds(1);

    private static final Logger LOG = LoggerFactory.getLogger(JdbcTransactions.class);

    private final TransactionOperations<Connection> transactions;
    private final int attempts;
    private final TransactionDefinition definition;

    @Inject
    public JdbcTransactions(TransactionOperations<Connection> transactions,
                            @Value("${keyward.database.write-attempts:" + ATTEMPTS + "}") int attempts) {
        this(transactions, attempts, TransactionDefinition.DEFAULT);
    }

    public JdbcTransactions(TransactionOperations<Connection> transactions) {
        this(transactions, ATTEMPTS);
    }

    /** Transactions of {@code definition} (e.g. an isolation level of their own), each use case run at most {@code attempts} times. */
    JdbcTransactions(TransactionOperations<Connection> transactions, int attempts, TransactionDefinition definition) {
        if (attempts < 1) {
            throw new IllegalArgumentException("keyward.database.write-attempts must be at least 1, was " + attempts);
        }
        this.transactions = transactions;
        this.attempts = attempts;
        this.definition = definition;
    }

    /** How far one transaction got, as seen from inside it. */
    private static final class Progress<T> {
        volatile T result;
        volatile boolean worked;
        volatile boolean committed;
    }

    @Override
    public <T> T inWrite(Supplier<T> work) {
        if (transactions.findTransactionStatus().isPresent()) {
            return once(work);
        }
        long started = System.nanoTime();
        for (int attempt = 1; ; attempt++) {
            try {
                return once(work);
            } catch (ConcurrentChangeException lost) {
                if (attempt == attempts || System.nanoTime() - started > RETRY_BUDGET.toNanos()) {
                    throw lost;
                }
                LOG.debug("write attempt {} lost a race ({}); running it again", attempt, lost.getMessage());
                pause(attempt);
            }
        }
    }

    /** Up to 2^attempt ms, at random, so two writers that just collided do not collide again in step. */
    private static void pause(int attempt) {
        try {
            Thread.sleep(ThreadLocalRandom.current().nextLong(1L << Math.min(attempt + 1, 6)));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ConcurrentChangeException(Statements.LOST_RACE_MESSAGE);
        }
    }

    private <T> T once(Supplier<T> work) {
        Progress<T> progress = new Progress<>();
        try {
            return DatabaseUnreachable.translated(() -> transactions.execute(definition, status -> {
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
