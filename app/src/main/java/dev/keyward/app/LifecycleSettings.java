package dev.keyward.app;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.context.annotation.Context;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.bind.annotation.Bindable;

import java.time.Duration;
import java.util.List;

/**
 * The {@code keyward.tokens.*} settings of a token's lifecycle, each default written here and only here
 * (README, "Configuration"). Bound at start ({@link Context}), so a bad value refuses the start.
 *
 * @param maxLifetime           the longest a new token may live; unset: tokens may never expire
 * @param rotationPeriod        a token's rotation is due this long after its last rotation (or creation)
 * @param expiryWarnings        how long before {@code expiresAt} each {@code expiring} event goes out
 * @param lifecycleScanInterval how often each node looks for lifecycle occasions that are due
 */
@Context
@ConfigurationProperties("keyward.tokens")
record LifecycleSettings(@Nullable Duration maxLifetime,
                         @Bindable(defaultValue = "90d") Duration rotationPeriod,
                         @Bindable(defaultValue = "7d,1d") List<Duration> expiryWarnings,
                         @Bindable(defaultValue = "1m") Duration lifecycleScanInterval) {

    LifecycleSettings {
        requirePositive("max-lifetime", maxLifetime);
        requirePositive("rotation-period", rotationPeriod);
        requirePositive("lifecycle-scan-interval", lifecycleScanInterval);
        expiryWarnings = List.copyOf(expiryWarnings);
        expiryWarnings.forEach(warning -> requirePositive("expiry-warnings", warning));
    }

    private static void requirePositive(String name, Duration value) {
        if (value != null && (value.isZero() || value.isNegative())) {
            throw new StartupRefusedException("keyward.tokens." + name + " must be a positive duration, was " + value);
        }
    }
}
