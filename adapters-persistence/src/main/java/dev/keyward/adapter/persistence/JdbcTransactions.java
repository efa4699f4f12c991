package dev.keyward.adapter.persistence;

import dev.keyward.domain.token.Transactions;
import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Singleton;

import java.sql.Connection;
import java.util.function.Supplier;

/**
 * {@link Transactions} on the default datasource's transaction manager: one read-write transaction
 * per use case; a nested call joins the outer one; a runtime exception rolls back and propagates as is,
 * except that a database out of reach (at begin, mid-way or at commit) is {@link dev.keyward.domain.error.UnavailableException}.
 */
@Singleton
public final class JdbcTransactions implements Transactions {

    private final TransactionOperations<Connection> transactions;

    public JdbcTransactions(TransactionOperations<Connection> transactions) {
        this.transactions = transactions;
    }

    @Override
    public <T> T inWrite(Supplier<T> work) {
        return DatabaseUnreachable.translated(() -> transactions.executeWrite(status -> work.get()));
    }
}
