package dev.keyward.adapter.persistence.check;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.context.annotation.Context;
import io.micronaut.context.exceptions.ConfigurationException;
import io.micronaut.core.bind.annotation.Bindable;

import java.time.Duration;

/**
 * The {@code keyward.tokens.*} settings of recorded uses, the default written here and only here.
 *
 * @param lastUsedFlushInterval how often a node stores the uses it saw, in one batched statement;
 *                              {@code lastUsedAt} and {@code lastUsedFrom} lag by at most this much
 */
@Context
@ConfigurationProperties("keyward.tokens")
public record TokenUseSettings(@Bindable(defaultValue = "5s") Duration lastUsedFlushInterval) {

    public TokenUseSettings {
        if (lastUsedFlushInterval.isNegative() || lastUsedFlushInterval.isZero()) {
            throw new ConfigurationException("keyward.tokens.last-used-flush-interval must be a positive duration (e.g. 5s), was "
                    + lastUsedFlushInterval);
        }
    }
}
