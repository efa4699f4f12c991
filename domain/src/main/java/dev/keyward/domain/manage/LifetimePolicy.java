package dev.keyward.domain.manage;

import dev.keyward.domain.error.InvalidInputException;
import dev.keyward.domain.token.Expiry;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * The installation's cap on how long a new token may live: with a cap, a token asked for without an
 * expiry gets one at the cap, and an expiry beyond the cap is refused, so no token outlives policy.
 *
 * @param maxLifetime null: no cap (tokens may never expire)
 */
public record LifetimePolicy(Duration maxLifetime) {

    public static final LifetimePolicy UNLIMITED = new LifetimePolicy(null);

    public LifetimePolicy {
        if (maxLifetime != null && (maxLifetime.isZero() || maxLifetime.isNegative())) {
            throw new IllegalArgumentException("a maximum lifetime must be positive, was " + maxLifetime);
        }
    }

    /**
     * The expiry a token created at {@code now} gets when {@code requested} was asked for under {@code field}.
     *
     * @throws InvalidInputException naming {@code field} and the cap when {@code requested} lies beyond it
     */
    public Expiry apply(String field, Expiry requested, Instant now) {
        if (maxLifetime == null) {
            return requested;
        }
        Instant latest = now.plus(maxLifetime).truncatedTo(ChronoUnit.MICROS);
        if (latest.isAfter(Expiry.LATEST)) {
            return requested;
        }
        if (requested.isNever()) {
            return new Expiry(latest);
        }
        if (requested.at().isAfter(latest)) {
            throw new InvalidInputException(field, field + " may be at most " + maxLifetime
                    + " (the maximum token lifetime, keyward.tokens.max-lifetime) after creation, i.e. no later than " + latest);
        }
        return requested;
    }
}
