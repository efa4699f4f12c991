package dev.keyward.adapter.persistence;

import dev.keyward.domain.error.ConcurrentChangeException;
import dev.keyward.domain.error.UnavailableException;
import io.micronaut.transaction.TransactionCallback;
import io.micronaut.transaction.TransactionDefinition;
import io.micronaut.transaction.TransactionOperations;
import io.micronaut.transaction.TransactionStatus;
import io.micronaut.transaction.support.TransactionSynchronization;
import org.junit.jupiter.api.Test;

import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What a write answers when the database fails at each moment of its transaction: the answer must
 * match what the database holds (a transaction manager that fails on cue stands in for the real one).
 */
class JdbcTransactionsTest {

    /** When the stand-in transaction manager fails. */
    private enum FailAt { NOWHERE, WORK, COMMIT, AFTER_COMMIT }

    /** Runs the callback, then "commits": fails at the moment asked, like a connection lost there would. */
    private static final class FailingTransactions implements TransactionOperations<Connection> {
        private final FailAt failAt;
        private final RuntimeException failure;
        /** How many transactions fail before the next ones succeed. */
        private int failing;
        boolean inTransaction;
        int started;

        FailingTransactions(FailAt failAt, RuntimeException failure) {
            this(failAt, failure, Integer.MAX_VALUE);
        }

        FailingTransactions(FailAt failAt, RuntimeException failure, int failing) {
            this.failAt = failAt;
            this.failure = failure;
            this.failing = failing;
        }

        @Override
        public Connection getConnection() {
            throw new UnsupportedOperationException();
        }

        @Override
        public boolean hasConnection() {
            return false;
        }

        @Override
        @SuppressWarnings("unchecked")
        public Optional<? extends TransactionStatus<?>> findTransactionStatus() {
            return inTransaction ? Optional.of((TransactionStatus<?>) Proxy.newProxyInstance(getClass().getClassLoader(),
                    new Class<?>[] {TransactionStatus.class}, (proxy, method, args) -> null)) : Optional.empty();
        }

        @Override
        @SuppressWarnings("unchecked")
        public <R> R execute(TransactionDefinition definition, TransactionCallback<Connection, R> callback) {
            List<TransactionSynchronization> synchronizations = new ArrayList<>();
            TransactionStatus<Connection> status = (TransactionStatus<Connection>) Proxy.newProxyInstance(
                    getClass().getClassLoader(), new Class<?>[] {TransactionStatus.class}, (proxy, method, args) -> {
                        if (method.getName().equals("registerSynchronization")) {
                            synchronizations.add((TransactionSynchronization) args[0]);
                            return null;
                        }
                        return method.getReturnType() == boolean.class ? false : null;
                    });
            started++;
            FailAt failHere = failing-- > 0 ? failAt : FailAt.NOWHERE;
            if (failHere == FailAt.WORK) {
                throw failure;
            }
            R result;
            try {
                result = callback.call(status);
            } catch (RuntimeException e) {
                throw e;
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
            if (failHere == FailAt.COMMIT) {
                throw failure;
            }
            synchronizations.forEach(TransactionSynchronization::afterCommit);
            if (failHere == FailAt.AFTER_COMMIT) {
                throw failure;
            }
            return result;
        }
    }

    private static final RuntimeException CONNECTION_LOST = new RuntimeException(new SQLTransientConnectionException("connection reset"));

    private static final RuntimeException CERTIFICATION_FAILURE =
            new RuntimeException("commit failed", new SQLException("Deadlock found", "40001", 1213));

    private static String write(FailAt failAt, RuntimeException failure) {
        return new JdbcTransactions(new FailingTransactions(failAt, failure)).inWrite(() -> "kw_the-new-value");
    }

    @Test
    void a_write_that_commits_answers_its_result() {
        assertEquals("kw_the-new-value", write(FailAt.NOWHERE, null));
    }

    @Test
    void a_failure_after_a_successful_commit_does_not_turn_the_done_change_into_an_error() {
        assertEquals("kw_the-new-value", write(FailAt.AFTER_COMMIT, CONNECTION_LOST),
                "the rotated value must reach its owner: the old one is already dead");
    }

    @Test
    void a_connection_lost_during_commit_says_the_change_may_have_been_applied() {
        UnavailableException unknown = assertThrows(UnavailableException.class, () -> write(FailAt.COMMIT, CONNECTION_LOST));
        assertEquals(JdbcTransactions.OUTCOME_UNKNOWN, unknown.getMessage());
        assertTrue(unknown.getMessage().contains("may have been applied") && !unknown.getMessage().contains("nothing was changed"));
    }

    @Test
    void a_connection_lost_before_commit_says_nothing_was_changed() {
        UnavailableException unavailable = assertThrows(UnavailableException.class, () -> write(FailAt.WORK, CONNECTION_LOST));
        assertEquals(DatabaseUnreachable.MESSAGE, unavailable.getMessage());
    }

    @Test
    void a_conflict_reported_at_commit_every_time_is_a_concurrent_change_not_a_server_error() {
        FailingTransactions database = new FailingTransactions(FailAt.COMMIT, CERTIFICATION_FAILURE);
        ConcurrentChangeException conflict = assertThrows(ConcurrentChangeException.class,
                () -> new JdbcTransactions(database).inWrite(() -> "kw_the-new-value"));
        assertTrue(conflict.getMessage().contains("nothing was changed"), conflict.getMessage());
        assertEquals(JdbcTransactions.ATTEMPTS, database.started, "the use case ran again before answering the conflict");
    }

    @Test
    void a_use_case_that_lost_a_race_at_commit_runs_again_from_its_first_read_and_answers_the_retry() {
        FailingTransactions database = new FailingTransactions(FailAt.COMMIT, CERTIFICATION_FAILURE, 2);
        List<Integer> reads = new ArrayList<>();
        String answer = new JdbcTransactions(database).inWrite(() -> {
            reads.add(reads.size() + 1);
            return "kw_value-" + reads.size();
        });
        assertEquals("kw_value-3", answer, "the answer is the attempt that committed");
        assertEquals(List.of(1, 2, 3), reads);
    }

    @Test
    void a_statement_that_lost_a_race_runs_the_use_case_again() {
        FailingTransactions database = new FailingTransactions(FailAt.NOWHERE, null);
        List<Integer> attempts = new ArrayList<>();
        String answer = new JdbcTransactions(database).inWrite(() -> {
            attempts.add(attempts.size());
            if (attempts.size() == 1) {
                throw new ConcurrentChangeException("token t was changed or deleted by another request");
            }
            return "kw_done";
        });
        assertEquals("kw_done", answer);
        assertEquals(2, database.started);
    }

    @Test
    void a_nested_write_is_never_retried_on_its_own_the_outermost_one_is() {
        FailingTransactions database = new FailingTransactions(FailAt.NOWHERE, null);
        database.inTransaction = true;
        assertThrows(ConcurrentChangeException.class, () -> new JdbcTransactions(database).inWrite(() -> {
            throw new ConcurrentChangeException("lost");
        }));
        assertEquals(1, database.started);
    }

    @Test
    void other_failures_are_never_retried() {
        FailingTransactions database = new FailingTransactions(FailAt.WORK, CONNECTION_LOST);
        assertThrows(UnavailableException.class, () -> new JdbcTransactions(database).inWrite(() -> "kw_x"));
        assertEquals(1, database.started);
    }
}
