package dev.keyward.adapter.persistence.check;

import dev.keyward.adapter.persistence.Columns;
import dev.keyward.adapter.persistence.Daemons;
import dev.keyward.adapter.persistence.Statements;
import dev.keyward.domain.token.SecretHash;
import io.micronaut.context.annotation.Context;
import io.micronaut.data.connection.ConnectionOperations;
import jakarta.annotation.PreDestroy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.Connection;
import java.sql.ResultSet;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Keeps this node's {@link CheckCache} coherent with changes made on any node: every
 * {@code keyward.check.feed-poll-interval} it reads the {@code token_changes} rows after the last one it
 * saw and drops their hashes. The cost is one indexed query per poll, proportional to the changes.
 * <p>
 * {@link TokenChangeLog} numbers the rows in commit order without gaps, so "after the last one seen" is
 * the whole rule: a committed change cannot hide behind a number that commits later. Should a number
 * ever be missing (rows pruned while this node could not read them, or a node of an older release still
 * numbering rows by AUTO_INCREMENT), the feed cannot know what it missed and empties the cache.
 * <p>
 * It also says whether the cache may be trusted: only while the last successful poll is at most
 * {@code keyward.check.max-staleness} old ({@link #isFresh()}).
 */
@Context
public final class ChangeFeed {

    private static final Logger LOG = LoggerFactory.getLogger(ChangeFeed.class);

    /** Rows read per query; a longer backlog is drained by further queries in the same poll. */
    static final int BATCH = 1000;
    private static final Duration PRUNE_EVERY = Duration.ofMinutes(1);

    private final Statements statements;
    private final Clock clock;
    private final CheckCache cache;
    private final CheckSettings settings;
    private final ScheduledExecutorService poller;
    private long high;
    private long lastPruneNanos;
    private volatile long lastSuccessNanos;
    private volatile boolean databaseDown;
    private volatile long polls;

    public ChangeFeed(ConnectionOperations<Connection> connections, CheckCache cache, CheckSettings settings, Clock clock) {
        this.statements = new Statements(connections);
        this.clock = clock;
        this.cache = cache;
        this.settings = settings;
        // The cache is empty at start: only changes committed from now on matter.
        this.high = newestSequence();
        this.lastPruneNanos = System.nanoTime();
        poll();
        this.poller = Daemons.singleThread("keyward-change-feed");
        long every = settings.feedPollInterval().toNanos();
        poller.scheduleWithFixedDelay(this::poll, every, every, TimeUnit.NANOSECONDS);
    }

    /** Whether the last successful poll is recent enough for the cache to be trusted. */
    public boolean isFresh() {
        return System.nanoTime() - lastSuccessNanos <= settings.maxStaleness().toNanos();
    }

    /** Whether the last poll failed: the database is probably unreachable. */
    public boolean isDatabaseDown() {
        return databaseDown;
    }

    /** How many polls succeeded so far, for tests. */
    long polls() {
        return polls;
    }

    /** Reads and applies every change not seen yet; never throws (a failure just leaves the feed older). */
    synchronized void poll() {
        try {
            List<SecretHash> changed = new ArrayList<>();
            int read;
            do {
                read = readAfterHigh(changed);
            } while (read == BATCH);
            if (!changed.isEmpty()) {
                cache.invalidate(changed);
            }
            pruneNowAndThen();
            lastSuccessNanos = System.nanoTime();
            databaseDown = false;
            polls++;
        } catch (RuntimeException e) {
            if (!databaseDown) {
                LOG.warn("cannot read the token change feed; cached checks are trusted for {} more at most: {}",
                        settings.maxStaleness(), e.toString());
            }
            databaseDown = true;
        }
    }

    private int readAfterHigh(List<SecretHash> changed) {
        return statements.run("SELECT seq, secret_hash FROM token_changes WHERE seq > ? ORDER BY seq LIMIT " + BATCH, ps -> {
            ps.setLong(1, high);
            int count = 0;
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    long seq = rs.getLong(1);
                    changed.add(new SecretHash(rs.getBytes(2)));
                    if (seq != high + 1) {
                        missed(seq);
                    }
                    high = seq;
                    count++;
                }
            }
            return count;
        });
    }

    private void missed(long seq) {
        LOG.warn("the token change feed went from {} to {}: changes in between were pruned before this node read "
                + "them, or a node of an older release is writing; emptying this node's check cache", high, seq);
        cache.invalidateAll();
    }

    private void pruneNowAndThen() {
        if (System.nanoTime() - lastPruneNanos < PRUNE_EVERY.toNanos()) {
            return;
        }
        lastPruneNanos = System.nanoTime();
        Instant cutoff = clock.instant().minus(settings.feedRetention());
        int pruned = pruneBefore(cutoff);
        LOG.debug("pruned {} token change rows older than {}", pruned, cutoff);
    }

    /** Deletes change rows older than {@code cutoff} now; returns how many. */
    int pruneBefore(Instant cutoff) {
        return statements.run("DELETE FROM token_changes WHERE changed_at < ?", ps -> {
            Columns.bindInstant(ps, 1, cutoff);
            return ps.executeUpdate();
        });
    }

    private long newestSequence() {
        return statements.run("SELECT MAX(seq) FROM token_changes", ps -> {
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getLong(1) : 0L;
            }
        });
    }

    @PreDestroy
    void stop() {
        poller.shutdownNow();
    }
}
