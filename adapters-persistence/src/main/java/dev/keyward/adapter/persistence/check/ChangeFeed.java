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
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Keeps this node's {@link CheckCache} coherent with changes made on any node: every
 * {@code keyward.check.feed-poll-interval} it reads the counters of {@code token_change_writers} and, for
 * each writer whose counter moved, its {@code token_changes} rows after the last one seen, and drops their
 * hashes. The cost is one query on a table of a row per writing node, plus one indexed query per writer
 * that wrote, proportional to the changes.
 * <p>
 * {@link TokenChangeLog} numbers each writer's rows in commit order without gaps, and a counter commits
 * with its rows, so "up to the counter, after the last one seen" is the whole rule: a committed change
 * cannot hide behind a number that commits later. A writer that appears after this node started is read
 * from its first number. Should a number ever be missing (rows pruned while this node could not read
 * them), the feed cannot know what it missed and empties the cache.
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
    /** Per writer, the last number this node has applied. */
    private Map<String, Long> high;
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
        this.high = counters();
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
            Map<String, Long> counters = counters();
            for (Map.Entry<String, Long> counter : counters.entrySet()) {
                readWriter(counter.getKey(), high.getOrDefault(counter.getKey(), 0L), counter.getValue(), changed);
            }
            // Writers whose counter rows were pruned are forgotten; one that comes back is read from its start.
            high = counters;
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

    /** Reads {@code writer}'s rows numbered {@code from + 1 .. upTo}; a number missing among them empties the cache. */
    private void readWriter(String writer, long from, long upTo, List<SecretHash> changed) {
        long expected = from + 1;
        while (expected <= upTo) {
            long after = expected - 1;
            List<Long> numbers = new ArrayList<>();
            statements.run("SELECT seq, secret_hash FROM token_changes WHERE writer = ? AND seq > ? AND seq <= ? "
                    + "ORDER BY seq LIMIT " + BATCH, ps -> {
                        ps.setString(1, writer);
                        ps.setLong(2, after);
                        ps.setLong(3, upTo);
                        try (ResultSet rs = ps.executeQuery()) {
                            while (rs.next()) {
                                numbers.add(rs.getLong(1));
                                changed.add(new SecretHash(rs.getBytes(2)));
                            }
                        }
                        return null;
                    });
            for (long seq : numbers) {
                if (seq != expected) {
                    missed(writer, expected, seq);
                }
                expected = seq + 1;
            }
            if (numbers.size() < BATCH && expected <= upTo) {
                missed(writer, expected, upTo + 1);
                return;
            }
        }
    }

    private void missed(String writer, long expected, long found) {
        LOG.warn("the token change feed of writer {} went from {} to {}: changes in between were pruned before this "
                + "node read them; emptying this node's check cache", writer, expected - 1, found);
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

    /** Deletes change rows, and the counters of writers idle since, older than {@code cutoff} now; returns how many rows. */
    int pruneBefore(Instant cutoff) {
        int rows = statements.run("DELETE FROM token_changes WHERE changed_at < ?", ps -> {
            Columns.bindInstant(ps, 1, cutoff);
            return ps.executeUpdate();
        });
        statements.run("DELETE FROM token_change_writers WHERE touched_at < ?", ps -> {
            Columns.bindInstant(ps, 1, cutoff);
            return ps.executeUpdate();
        });
        return rows;
    }

    /** Every writer's counter: the last number it handed out in a committed write. */
    private Map<String, Long> counters() {
        return statements.run("SELECT writer, seq FROM token_change_writers", ps -> {
            Map<String, Long> counters = new HashMap<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    counters.put(rs.getString(1), rs.getLong(2));
                }
            }
            return counters;
        });
    }

    @PreDestroy
    void stop() {
        poller.shutdownNow();
    }
}
