package dev.keyward.adapter.persistence;

import dev.keyward.domain.token.Transactions;
import io.micronaut.context.annotation.Bean;
import io.micronaut.transaction.TransactionDefinition;
import io.micronaut.transaction.TransactionOperations;
import io.micronaut.transaction.support.DefaultTransactionDefinition;
import jakarta.inject.Singleton;

import java.sql.Connection;
import java.util.function.Supplier;

/**
 * {@link Transactions} for the audit relay and the lifecycle scan only, at READ COMMITTED. At MySQL/MariaDB's default
 * REPEATABLE READ, {@code SELECT ... FOR UPDATE} also locks the index gap after the last claimed row,
 * which is exactly where every new outbox row goes: API writes would then wait for the relay, and the
 * relay waits for the broker. At READ COMMITTED only the claimed rows are locked.
 * <p>
 * What a write answers follows {@link JdbcTransactions} (a race lost at COMMIT, such as a Galera
 * certification conflict between two nodes' claims, is a {@link dev.keyward.domain.error.ConcurrentChangeException}),
 * but a pass is never run again here: the next pass claims afresh.
 * <p>
 * Typed to this class alone, so {@link Transactions} still resolves to {@link JdbcTransactions}.
 */
@Singleton
@Bean(typed = JdbcRelayTransactions.class)
public final class JdbcRelayTransactions implements Transactions {

    private static final TransactionDefinition READ_COMMITTED = readCommitted();

    private final JdbcTransactions transactions;

    public JdbcRelayTransactions(TransactionOperations<Connection> transactions) {
        this.transactions = new JdbcTransactions(transactions, 1, READ_COMMITTED);
    }

    @Override
    public <T> T inWrite(Supplier<T> work) {
        return transactions.inWrite(work);
    }

    private static TransactionDefinition readCommitted() {
        DefaultTransactionDefinition definition = new DefaultTransactionDefinition(TransactionDefinition.Propagation.REQUIRES_NEW);
        definition.setIsolationLevel(TransactionDefinition.Isolation.READ_COMMITTED);
        definition.setName("audit-relay");
        return definition;
    }
}
