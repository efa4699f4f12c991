package dev.keyward.adapter.persistence.check;

import dev.keyward.adapter.persistence.Columns;
import dev.keyward.adapter.persistence.Daemons;
import dev.keyward.adapter.persistence.Statements;
import dev.keyward.domain.check.CheckObserver;
import dev.keyward.domain.check.TokenUses;
import dev.keyward.domain.network.IpAddress;
import dev.keyward.domain.token.TokenId;
import io.micronaut.context.annotation.Context;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.connection.ConnectionOperations;
import io.micronaut.transaction.TransactionOperations;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Inject;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.Connection;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * {@link TokenUses} in memory: the latest use of each token, stored every
 * {@code keyward.tokens.last-used-flush-interval} in one batched statement (one transaction), so a
 * check never writes. Forward-only: a flush never moves {@code last_used_at} back, whichever node wrote
 * later. A failed flush keeps its uses for the next one; the last flush runs at shutdown.
 */
@Context
public final class BatchedTokenUses implements TokenUses {

    private static final Logger LOG = LoggerFactory.getLogger(BatchedTokenUses.class);

    /** The latest use of one token. */
    record Use(Instant at, IpAddress from) {

        Use later(Use other) {
            return other.at.isAfter(at) ? other : this;
        }
    }

    private final Map<TokenId, Use> pending = new ConcurrentHashMap<>();
    private final Statements statements;
    private final TransactionOperations<Connection> transactions;
    private final ScheduledExecutorService flusher;
    private final AtomicLong batches = new AtomicLong();
    private final CheckObserver observer;

    public BatchedTokenUses(ConnectionOperations<Connection> connections, TransactionOperations<Connection> transactions,
                            TokenUseSettings settings) {
        this(connections, transactions, settings, null);
    }

    /** @param observer told each flush's size (metrics); none: nobody is told */
    @Inject
    public BatchedTokenUses(ConnectionOperations<Connection> connections, TransactionOperations<Connection> transactions,
                            TokenUseSettings settings, @Nullable CheckObserver observer) {
        this.observer = observer == null ? CheckObserver.NONE : observer;
        this.statements = new Statements(connections);
        this.transactions = transactions;
        this.flusher = Daemons.singleThread("keyward-last-used-flush");
        long every = settings.lastUsedFlushInterval().toNanos();
        flusher.scheduleWithFixedDelay(this::flushQuietly, every, every, TimeUnit.NANOSECONDS);
    }

    @Override
    public void record(TokenId id, Instant at, IpAddress from) {
        pending.merge(id, new Use(at, from), Use::later);
    }

    /** How many uses wait for the next flush (one per token). */
    public int pendingCount() {
        return pending.size();
    }

    /** How many batched statements have been executed so far. */
    public long batches() {
        return batches.get();
    }

    /**
     * Stores every pending use in one batched statement; returns how many tokens it covered.
     *
     * @throws RuntimeException if the database refused; the uses are kept for the next flush
     */
    public synchronized int flush() {
        List<Map.Entry<TokenId, Use>> taken = new ArrayList<>();
        for (TokenId id : List.copyOf(pending.keySet())) {
            Use use = pending.remove(id);
            if (use != null) {
                taken.add(Map.entry(id, use));
            }
        }
        if (taken.isEmpty()) {
            return 0;
        }
        // One lock order for every node's batch, so two flushes cannot deadlock each other.
        taken.sort(Comparator.comparing(entry -> entry.getKey().toString()));
        try {
            transactions.executeWrite(status -> statements.run("UPDATE api_tokens SET last_used_at = ?, last_used_from = ? "
                    + "WHERE id = ? AND (last_used_at IS NULL OR last_used_at < ?)", ps -> {
                        for (Map.Entry<TokenId, Use> entry : taken) {
                            Use use = entry.getValue();
                            Columns.bindInstant(ps, 1, use.at());
                            ps.setString(2, use.from() == null ? null : use.from().toString());
                            ps.setString(3, entry.getKey().toString());
                            Columns.bindInstant(ps, 4, use.at());
                            ps.addBatch();
                        }
                        return ps.executeBatch();
                    }));
        } catch (RuntimeException e) {
            taken.forEach(entry -> pending.merge(entry.getKey(), entry.getValue(), Use::later));
            throw e;
        }
        batches.incrementAndGet();
        observer.usesFlushed(taken.size());
        return taken.size();
    }

    private void flushQuietly() {
        try {
            flush();
        } catch (RuntimeException e) {
            LOG.warn("could not store the last uses of {} tokens; will try again: {}", pending.size(), e.toString());
        }
    }

    @PreDestroy
    public void stop() {
        flusher.shutdownNow();
        flushQuietly();
    }
}
