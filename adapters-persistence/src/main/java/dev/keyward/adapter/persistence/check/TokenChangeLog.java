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
import java.util.UUID;

/**
 * The change feed's writing side: one {@code token_changes} row per changed hash, in the caller's
 * transaction, so other nodes' {@link ChangeFeed} see the change exactly when it commits; and this node's
 * {@link CheckCache} drops the hashes once the transaction has completed (before the use case returns).
 * <p>
 * The rows' numbers come from this writer's own row of {@code token_change_writers}, updated in the same
 * transaction: its lock is held until COMMIT, so one writer's numbers are handed out in commit order,
 * without gaps, and a rollback gives them back. That is what lets the feed read "everything after the
 * last number of each writer" and never miss a change, whatever the server (AUTO_INCREMENT is neither: it
 * reserves ids a batch does not use, Galera interleaves nodes' ids, and ids are taken at INSERT, not at
 * COMMIT). A writer is this process, under a random id it takes at its first write; should its row
 * vanish (pruned after a long idle time), it takes a new one. One counter per writer, not one for the
 * database: on a Galera cluster a row that every node updates would make every two writes committed at
 * once on two nodes fail certification. The price on one node is that its token writes pass its counter
 * one at a time, for the short end of their transactions.
 */
@Singleton
public final class TokenChangeLog implements TokenChanges {

    private final Statements statements;
    private final TransactionOperations<Connection> transactions;
    private final CheckCache cache;
    private final Clock clock;
    /** This process's id as a writer of the feed; null until its first write. */
    private volatile String writer;

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
        Numbers numbers = takeNumbers(changed.size());
        long first = numbers.last() - changed.size() + 1;
        // changed_at only dates the row for pruning.
        var when = clock.instant();
        statements.run("INSERT INTO token_changes (writer, seq, secret_hash, changed_at) VALUES (?, ?, ?, ?)", ps -> {
            for (int i = 0; i < changed.size(); i++) {
                ps.setString(1, numbers.writer());
                ps.setLong(2, first + i);
                ps.setBytes(3, changed.get(i).bytes());
                Columns.bindInstant(ps, 4, when);
                ps.addBatch();
            }
            return ps.executeBatch();
        });
    }

    /** The last of the numbers a writer just took. */
    private record Numbers(String writer, long last) {
    }

    /**
     * Advances this writer's counter by {@code count} (locking its row until COMMIT) and returns the last
     * number taken; the first write, or one whose counter row has gone, registers a new writer.
     */
    private Numbers takeNumbers(int count) {
        String current = writer;
        if (current != null) {
            int moved = statements.run("UPDATE token_change_writers SET seq = seq + ?, touched_at = ? WHERE writer = ?", ps -> {
                ps.setLong(1, count);
                Columns.bindInstant(ps, 2, clock.instant());
                ps.setString(3, current);
                return ps.executeUpdate();
            });
            if (moved == 1) {
                // Our own update is visible to us whatever the isolation level.
                return new Numbers(current, statements.run("SELECT seq FROM token_change_writers WHERE writer = ?", ps -> {
                    ps.setString(1, current);
                    try (ResultSet rs = ps.executeQuery()) {
                        rs.next();
                        return rs.getLong(1);
                    }
                }));
            }
        }
        // Registered in this transaction: if it rolls back, the next write finds no row and registers again.
        String registered = UUID.randomUUID().toString();
        statements.run("INSERT INTO token_change_writers (writer, seq, touched_at) VALUES (?, ?, ?)", ps -> {
            ps.setString(1, registered);
            ps.setLong(2, count);
            Columns.bindInstant(ps, 3, clock.instant());
            return ps.executeUpdate();
        });
        writer = registered;
        return new Numbers(registered, count);
    }
}
