package dev.keyward.adapter.persistence.check;

import dev.keyward.adapter.persistence.Columns;
import dev.keyward.adapter.persistence.Statements;
import dev.keyward.adapter.persistence.store.TokenChanges;
import dev.keyward.domain.token.SecretHash;
import io.micronaut.data.connection.ConnectionOperations;
import io.micronaut.transaction.TransactionOperations;
import io.micronaut.transaction.TransactionStatus;
import io.micronaut.transaction.support.TransactionSynchronization;
import jakarta.inject.Singleton;

import java.sql.Connection;
import java.time.Clock;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/**
 * The change feed's writing side: one {@code token_changes} row per changed hash, in the caller's
 * transaction, so other nodes' {@link ChangeFeed} see the change exactly when it commits; and this node's
 * {@link CheckCache} drops the hashes once the transaction has completed (before the use case returns),
 * or at once without a transaction.
 */
@Singleton
public final class TokenChangeLog implements TokenChanges {

    private final Statements statements;
    private final TransactionOperations<Connection> transactions;
    private final CheckCache cache;
    private final Clock clock;

    public TokenChangeLog(ConnectionOperations<Connection> connections, TransactionOperations<Connection> transactions,
                          CheckCache cache, Clock clock) {
        this.statements = new Statements(connections);
        this.transactions = transactions;
        this.cache = cache;
        this.clock = clock;
    }

    @Override
    public void changed(Collection<SecretHash> hashes) {
        // changed_at only dates the row for pruning.
        var when = clock.instant();
        statements.run("INSERT INTO token_changes (secret_hash, changed_at) VALUES (?, ?)", ps -> {
            for (SecretHash hash : hashes) {
                ps.setBytes(1, hash.bytes());
                Columns.bindInstant(ps, 2, when);
                ps.addBatch();
            }
            return ps.executeBatch();
        });
        List<SecretHash> changed = List.copyOf(hashes);
        Optional<? extends TransactionStatus<?>> transaction = transactions.findTransactionStatus();
        if (transaction.isPresent()) {
            transaction.get().registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCompletion(Status status) {
                    // Also after a rollback: a needless invalidation is only a cache miss.
                    cache.invalidate(changed);
                }
            });
        } else {
            cache.invalidate(changed);
        }
    }
}
