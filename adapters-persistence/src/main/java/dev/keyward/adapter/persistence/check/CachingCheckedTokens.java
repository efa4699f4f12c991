package dev.keyward.adapter.persistence.check;

import dev.keyward.adapter.persistence.store.JdbcTokens;
import dev.keyward.domain.check.CachedValue;
import dev.keyward.domain.check.CheckedTokens;
import dev.keyward.domain.check.ValueMatch;
import dev.keyward.domain.error.DomainException;
import dev.keyward.domain.error.UnavailableException;
import dev.keyward.domain.token.SecretHash;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;

/**
 * {@link CheckedTokens} from this node's {@link CheckCache}, trusted only while the {@link ChangeFeed}
 * is fresh; otherwise, and on a miss, from the database. When the database cannot be reached, a cached
 * answer is still given while the feed is fresh (no change can be older than the bound unseen);
 * after that, or for a hash not cached, the check is refused as unavailable rather than risk accepting
 * a value revoked meanwhile.
 */
@Singleton
public final class CachingCheckedTokens implements CheckedTokens {

    static final String UNAVAILABLE = "the token database is unavailable: this node cannot confirm the key is still valid;"
            + " try again shortly";

    private static final Logger LOG = LoggerFactory.getLogger(CachingCheckedTokens.class);

    private final CheckCache cache;
    private final ChangeFeed feed;
    private final JdbcTokens tokens;
    private final Clock clock;
    private final AtomicLong databaseReads = new AtomicLong();
    private final AtomicLong lookups = new AtomicLong();

    public CachingCheckedTokens(CheckCache cache, ChangeFeed feed, JdbcTokens tokens, Clock clock) {
        this.cache = cache;
        this.feed = feed;
        this.tokens = tokens;
        this.clock = clock;
    }

    @Override
    public CachedValue cached(SecretHash hash) {
        lookups.incrementAndGet();
        return feed.isFresh() ? cache.lookup(hash) : CachedValue.NEEDS_DATABASE;
    }

    /**
     * What {@code hash} is, in one query ({@link JdbcTokens#findValue}); a previous value whose grace
     * period is over is cached as retired, so that its reuse costs no database read.
     */
    @Override
    public Optional<ValueMatch> load(SecretHash hash) {
        if (!feed.isFresh() && feed.isDatabaseDown()) {
            // Fail fast: waiting for a connection that will not come would only pile up requests.
            throw new UnavailableException(UNAVAILABLE);
        }
        long epoch = cache.epoch(hash);
        Optional<ValueMatch> found;
        databaseReads.incrementAndGet();
        try {
            found = tokens.findValue(hash).map(value -> value.asOf(clock.instant()));
        } catch (DomainException e) {
            throw e;
        } catch (RuntimeException e) {
            LOG.warn("a check could not read the token database: {}", e.toString());
            throw new UnavailableException(UNAVAILABLE);
        }
        cache.put(hash, found, epoch);
        return found;
    }

    /** How many checks asked (the hit ratio is 1 - {@link #databaseReads()} / this). */
    public long lookups() {
        return lookups.get();
    }

    /** Tokens and unknown hashes held in the cache now (an estimate). */
    public long cachedEntries() {
        return cache.size();
    }

    /** How many checks had to read the database (misses, and every check while the feed is stale). */
    public long databaseReads() {
        return databaseReads.get();
    }
}
