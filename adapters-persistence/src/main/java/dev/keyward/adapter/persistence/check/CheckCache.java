package dev.keyward.adapter.persistence.check;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import dev.keyward.domain.check.CachedValue;
import dev.keyward.domain.check.ValueMatch;
import dev.keyward.domain.token.SecretHash;
import jakarta.inject.Singleton;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * This node's cache of checked tokens (Caffeine): hash → what it is (a token's current or previous
 * value with the token as shown, or a retired value), and hashes that matched nothing (for a short
 * time), both bounded. A token's entry never outlives its {@code expiresAt}, a previous value's never
 * its {@code previousValueExpiresAt}.
 * <p>
 * Invalidation bumps an epoch first, then drops the hashes; a load remembers the epoch it started at
 * and takes its result back out if an invalidation happened meanwhile, so a read taken before a change
 * committed can never stay cached after the change was invalidated. Epochs are kept per stripe of
 * hashes, so a change to one token does not discard the loads of unrelated ones.
 */
@Singleton
public final class CheckCache {

    private final Cache<SecretHash, ValueMatch> tokens;
    private final Cache<SecretHash, Boolean> unknown;
    /** Epoch stripes: a power of two, so a hash picks its stripe with a mask. */
    private static final int STRIPES = 4096;

    private final AtomicLongArray epochs = new AtomicLongArray(STRIPES);
    private final AtomicLong everything = new AtomicLong();

    public CheckCache(CheckSettings settings, Clock clock) {
        this.tokens = Caffeine.newBuilder()
                .maximumSize(settings.cacheSize())
                .expireAfter(new UntilExpiry(clock))
                .build();
        this.unknown = Caffeine.newBuilder()
                .maximumSize(settings.negativeCacheSize())
                .expireAfterWrite(settings.negativeTtl())
                .build();
    }

    /** What the cache knows of {@code hash}: a hit, a known miss, or nothing ({@link CachedValue#NEEDS_DATABASE}). */
    CachedValue lookup(SecretHash hash) {
        ValueMatch value = tokens.getIfPresent(hash);
        if (value != null) {
            return new CachedValue.Hit(value);
        }
        return unknown.getIfPresent(hash) != null ? CachedValue.KNOWN_MISS : CachedValue.NEEDS_DATABASE;
    }

    /** The epoch a load of {@code hash} must remember before it reads the database. */
    long epoch(SecretHash hash) {
        // Only invalidations move these forward, so the sum changes exactly when either does.
        return everything.get() + epochs.get(stripe(hash));
    }

    /** Caches what a load found, unless {@code hash} was invalidated since {@code loadedAtEpoch}. */
    void put(SecretHash hash, Optional<ValueMatch> found, long loadedAtEpoch) {
        if (found.isPresent()) {
            tokens.put(hash, found.get());
        } else {
            unknown.put(hash, Boolean.TRUE);
        }
        if (epoch(hash) != loadedAtEpoch) {
            // An invalidation raced this load: its read may predate the change, so do not keep it.
            tokens.invalidate(hash);
            unknown.invalidate(hash);
        }
    }

    /** Forgets everything about these hashes (positive and negative). */
    public void invalidate(Collection<SecretHash> hashes) {
        hashes.forEach(hash -> epochs.incrementAndGet(stripe(hash)));
        tokens.invalidateAll(hashes);
        unknown.invalidateAll(hashes);
    }

    /** Forgets everything, e.g. when changes may have been missed. */
    void invalidateAll() {
        everything.incrementAndGet();
        tokens.invalidateAll();
        unknown.invalidateAll();
    }

    private static int stripe(SecretHash hash) {
        return hash.hashCode() & (STRIPES - 1);
    }

    long size() {
        return tokens.estimatedSize() + unknown.estimatedSize();
    }

    /**
     * Keeps a token's current value no longer than until its {@code expiresAt}, its previous value no
     * longer than until its {@code previousValueExpiresAt}, so that a reload sees it retired; forever
     * (until evicted) a token that never expires, or a retired value. Only memory is at stake: the check
     * compares both times with its own clock every time.
     */
    private static final class UntilExpiry implements Expiry<SecretHash, ValueMatch> {

        /** Longer than this is "never" to Caffeine (and would overflow its nanoseconds). */
        private static final Duration LONGEST = Duration.ofDays(365L * 100);

        private final Clock clock;

        private UntilExpiry(Clock clock) {
            this.clock = clock;
        }

        @Override
        public long expireAfterCreate(SecretHash key, ValueMatch value, long currentTime) {
            Instant end = value instanceof ValueMatch.Retired ? null : value.endsAt();
            if (end == null) {
                return Long.MAX_VALUE;
            }
            Duration left = Duration.between(clock.instant(), end);
            if (left.isNegative()) {
                return 0;
            }
            return left.compareTo(LONGEST) > 0 ? Long.MAX_VALUE : left.toNanos();
        }

        @Override
        public long expireAfterUpdate(SecretHash key, ValueMatch value, long currentTime, long currentDuration) {
            return expireAfterCreate(key, value, currentTime);
        }

        @Override
        public long expireAfterRead(SecretHash key, ValueMatch value, long currentTime, long currentDuration) {
            return currentDuration;
        }
    }
}
