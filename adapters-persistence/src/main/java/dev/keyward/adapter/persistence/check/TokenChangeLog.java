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
import java.sql.ResultSet;
import java.time.Clock;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/**
 * The change feed's writing side: one {@code token_changes} row per changed hash, in the caller's
 * transaction, so other nodes' {@link ChangeFeed} see the change exactly when it commits; and this node's
 * {@link CheckCache} drops the hashes once the transaction has completed (before the use case returns).
 * <p>
 * The rows' numbers come from the one row of {@code token_change_counter}, updated in the same
 * transaction: its lock is held until COMMIT, so numbers are handed out in commit order, without gaps,
 * and a rollback gives them back. That is what lets the feed read "everything after the last number"
 * and never miss a change, whatever the server (AUTO_INCREMENT is neither: it reserves ids a batch does
 * not use, Galera interleaves nodes' ids, and ids are taken at INSERT, not at COMMIT). The price is that
 * token writes pass the counter one at a time, for the short end of their transactions.
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
        List<SecretHash> changed = List.copyOf(hashes);
        if (changed.isEmpty()) {
            return;
        }
        Optional<? extends TransactionStatus<?>> transaction = transactions.findTransactionStatus();
        if (transaction.isEmpty()) {
            // The counter's lock must last from taking the numbers to the rows' COMMIT.
            transactions.executeWrite(status -> {
                write(changed);
                return null;
            });
            cache.invalidate(changed);
            return;
        }
        write(changed);
        transaction.get().registerSynchronization(new TransactionSynchronization() {
            @Override
            public void afterCompletion(Status status) {
                // Also after a rollback: a needless invalidation is only a cache miss.
                cache.invalidate(changed);
            }
        });
    }

    private void write(List<SecretHash> changed) {
        long last = takeNumbers(changed.size());
        long first = last - changed.size() + 1;
        // changed_at only dates the row for pruning.
        var when = clock.instant();
        statements.run("INSERT INTO token_changes (seq, secret_hash, changed_at) VALUES (?, ?, ?)", ps -> {
            for (int i = 0; i < changed.size(); i++) {
                ps.setLong(1, first + i);
                ps.setBytes(2, changed.get(i).bytes());
                Columns.bindInstant(ps, 3, when);
                ps.addBatch();
            }
            return ps.executeBatch();
        });
    }

    /** Advances the counter by {@code count} (locking its row until COMMIT) and returns the last number taken. */
    private long takeNumbers(int count) {
        statements.run("UPDATE token_change_counter SET seq = seq + ? WHERE id = 1", ps -> {
            ps.setLong(1, count);
            if (ps.executeUpdate() != 1) {
                throw new IllegalStateException("token_change_counter has no row: the V6 migration did not run");
            }
            return null;
        });
        // Our own update is visible to us whatever the isolation level.
        return statements.run("SELECT seq FROM token_change_counter WHERE id = 1", ps -> {
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        });
    }
}
