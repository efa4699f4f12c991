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
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Keeps this node's {@link CheckCache} coherent with changes made on any node: every
 * {@code keyward.check.feed-poll-interval} it reads the {@code token_changes} rows after the last one it
 * saw and drops their hashes. The cost is one indexed query per poll, proportional to the changes.
 * <p>
 * Sequence numbers are assigned at insert, not at commit, so a row can become visible after a higher
 * one was already read. A skipped number is therefore remembered as a gap and looked up again on every
 * poll until it appears or {@link #GAP_PATIENCE} passes (a rolled-back write leaves a gap forever).
 * <p>
 * It also says whether the cache may be trusted: only while the last successful poll is at most
 * {@code keyward.check.max-staleness} old ({@link #isFresh()}).
 */
@Context
public final class ChangeFeed {

    private static final Logger LOG = LoggerFactory.getLogger(ChangeFeed.class);

    /** Rows read per query; a longer backlog is drained by further queries in the same poll. */
    static final int BATCH = 1000;
    /** Rows before the newest one at start that are read again, so writes in flight at start are not missed. */
    static final int START_OVERLAP = 1000;
    /** How long a skipped sequence number is waited for: longer than any write transaction lasts. */
    static final Duration GAP_PATIENCE = Duration.ofSeconds(60);
    /** More gaps than this, and the cache is simply emptied rather than tracking them. */
    static final int MAX_GAPS = 10_000;
    private static final Duration PRUNE_EVERY = Duration.ofMinutes(1);

    private final Statements statements;
    private final Clock clock;
    private final CheckCache cache;
    private final CheckSettings settings;
    private final ScheduledExecutorService poller;
    private final Map<Long, Long> gaps = new LinkedHashMap<>();
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
        this.high = Math.max(0, newestSequence() - START_OVERLAP);
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
            readGaps(changed);
            int read;
            do {
                read = readAfterHigh(changed);
            } while (read == BATCH);
            if (!changed.isEmpty()) {
                cache.invalidate(changed);
            }
            forgetOldGaps();
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
                    noteGapsBefore(seq);
                    high = seq;
                    count++;
                }
            }
            return count;
        });
    }

    private void readGaps(List<SecretHash> changed) {
        if (gaps.isEmpty()) {
            return;
        }
        List<Long> wanted = new ArrayList<>(gaps.keySet()).subList(0, Math.min(gaps.size(), 500));
        statements.run("SELECT seq, secret_hash FROM token_changes WHERE seq IN "
                + "(" + String.join(", ", Collections.nCopies(wanted.size(), "?")) + ")", ps -> {
                    for (int i = 0; i < wanted.size(); i++) {
                        ps.setLong(i + 1, wanted.get(i));
                    }
                    try (ResultSet rs = ps.executeQuery()) {
                        while (rs.next()) {
                            gaps.remove(rs.getLong(1));
                            changed.add(new SecretHash(rs.getBytes(2)));
                        }
                    }
                    return null;
                });
    }

    private void noteGapsBefore(long seq) {
        if (seq - high - 1 > MAX_GAPS - gaps.size()) {
            LOG.info("the token change feed skipped {} sequence numbers; emptying this node's check cache", seq - high - 1);
            gaps.clear();
            cache.invalidateAll();
            return;
        }
        long now = System.nanoTime();
        for (long missing = high + 1; missing < seq; missing++) {
            gaps.put(missing, now);
        }
    }

    private void forgetOldGaps() {
        long now = System.nanoTime();
        for (Iterator<Long> noticed = gaps.values().iterator(); noticed.hasNext(); ) {
            if (now - noticed.next() > GAP_PATIENCE.toNanos()) {
                noticed.remove();
            }
        }
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
