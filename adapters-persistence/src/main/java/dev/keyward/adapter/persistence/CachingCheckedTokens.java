package dev.keyward.adapter.persistence;

import dev.keyward.domain.error.DomainException;
import dev.keyward.domain.error.UnavailableException;
import dev.keyward.domain.port.out.CheckedTokens;
import dev.keyward.domain.check.ValueMatch;
import dev.keyward.domain.token.SecretHash;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Instant;
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
    private final AtomicLong databaseReads = new AtomicLong();
    private final AtomicLong lookups = new AtomicLong();

    public CachingCheckedTokens(CheckCache cache, ChangeFeed feed, JdbcTokens tokens) {
        this.cache = cache;
        this.feed = feed;
        this.tokens = tokens;
    }

    @Override
    public Optional<ValueMatch> findValue(SecretHash hash) {
        lookups.incrementAndGet();
        if (feed.isFresh()) {
            CheckCache.Entry entry = cache.lookup(hash);
            if (entry instanceof CheckCache.Known known) {
                return Optional.of(known.value());
            }
            if (entry instanceof CheckCache.Unknown) {
                return Optional.empty();
            }
        } else if (feed.isDatabaseDown()) {
            // Fail fast: waiting for a connection that will not come would only pile up requests.
            throw new UnavailableException(UNAVAILABLE);
        }
        return load(hash);
    }

    @Override
    public Optional<Optional<ValueMatch>> findCachedValue(SecretHash hash) {
        if (!feed.isFresh()) {
            return Optional.empty();
        }
        CheckCache.Entry entry = cache.lookup(hash);
        if (entry instanceof CheckCache.Known known) {
            lookups.incrementAndGet();
            return Optional.of(Optional.of(known.value()));
        }
        if (entry instanceof CheckCache.Unknown) {
            lookups.incrementAndGet();
            return Optional.of(Optional.empty());
        }
        return Optional.empty();
    }

    /**
     * What {@code hash} is, in one query ({@link JdbcTokens#findValue}); a previous value whose grace
     * period is over is cached as retired, so that its reuse costs no database read.
     */
    private Optional<ValueMatch> load(SecretHash hash) {
        long epoch = cache.epoch(hash);
        Optional<ValueMatch> found;
        databaseReads.incrementAndGet();
        try {
            found = tokens.findValue(hash).map(value -> value.asOf(Instant.now()));
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
