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

        FailingTransactions(FailAt failAt, RuntimeException failure) {
            this.failAt = failAt;
            this.failure = failure;
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
        public Optional<? extends TransactionStatus<?>> findTransactionStatus() {
            return Optional.empty();
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
            if (failAt == FailAt.WORK) {
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
            if (failAt == FailAt.COMMIT) {
                throw failure;
            }
            synchronizations.forEach(TransactionSynchronization::afterCommit);
            if (failAt == FailAt.AFTER_COMMIT) {
                throw failure;
            }
            return result;
        }
    }

    private static final RuntimeException CONNECTION_LOST = new RuntimeException(new SQLTransientConnectionException("connection reset"));

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
    void a_conflict_reported_at_commit_is_a_concurrent_change_not_a_server_error() {
        RuntimeException certification = new RuntimeException("commit failed", new SQLException("Deadlock found", "40001", 1213));
        ConcurrentChangeException conflict = assertThrows(ConcurrentChangeException.class, () -> write(FailAt.COMMIT, certification));
        assertTrue(conflict.getMessage().contains("nothing was changed"), conflict.getMessage());
    }
}
