package dev.keyward.adapter.persistence.check;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.context.annotation.Context;
import io.micronaut.context.exceptions.ConfigurationException;
import io.micronaut.core.bind.annotation.Bindable;

import java.time.Duration;

/**
 * The {@code keyward.check.*} settings of the check's cache and change feed (README, "Configuration"),
 * each default written here and only here. Bound at start ({@link Context}) so a bad value refuses the
 * start.
 *
 * @param cacheSize         the most tokens a node keeps cached
 * @param negativeCacheSize the most unknown hashes a node remembers
 * @param negativeTtl       how long an unknown hash is remembered (a created token's hash is dropped at once anyway)
 * @param feedPollInterval  how often a node reads the change feed; at most 250 ms so changes spread within 1 s
 * @param maxStaleness      how old the last successful feed read may be before the cache is no longer
 *                          trusted: then checks read the database, or are refused with 503 if it is unreachable
 * @param feedRetention     how long change rows are kept before they are pruned
 */
@Context
@ConfigurationProperties("keyward.check")
public record CheckSettings(@Bindable(defaultValue = "100000") long cacheSize,
                            @Bindable(defaultValue = "100000") long negativeCacheSize,
                            @Bindable(defaultValue = "60s") Duration negativeTtl,
                            @Bindable(defaultValue = "200ms") Duration feedPollInterval,
                            @Bindable(defaultValue = "1s") Duration maxStaleness,
                            @Bindable(defaultValue = "1h") Duration feedRetention) {

    /** The slowest feed poll the propagation bound allows. */
    static final Duration SLOWEST_POLL = Duration.ofMillis(250);

    public CheckSettings {
        if (cacheSize < 0 || negativeCacheSize < 0) {
            throw new ConfigurationException("keyward.check.cache-size and keyward.check.negative-cache-size must not be negative");
        }
        positive("negative-ttl", negativeTtl);
        positive("feed-poll-interval", feedPollInterval);
        positive("max-staleness", maxStaleness);
        positive("feed-retention", feedRetention);
        if (feedPollInterval.compareTo(SLOWEST_POLL) > 0) {
            throw new ConfigurationException("keyward.check.feed-poll-interval must be at most 250ms, was " + feedPollInterval);
        }
        if (maxStaleness.compareTo(feedPollInterval) <= 0) {
            throw new ConfigurationException("keyward.check.max-staleness (" + maxStaleness
                    + ") must be longer than keyward.check.feed-poll-interval (" + feedPollInterval + ")");
        }
    }

    static void positive(String name, Duration value) {
        if (value.isNegative() || value.isZero()) {
            throw new ConfigurationException("keyward.check." + name + " must be a positive duration (e.g. 1s), was " + value);
        }
    }
}
