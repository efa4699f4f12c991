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
 * @param maxRotationGrace      the longest grace period a rotation may ask for (0: none allowed)
 * @param retiredValueMemory    how long the hashes of values rotated away are kept to detect their reuse
 * @param revokeOnReuse         whether a reused value also deletes its token
 */
@Context
@ConfigurationProperties("keyward.tokens")
record LifecycleSettings(@Nullable Duration maxLifetime,
                         @Bindable(defaultValue = "90d") Duration rotationPeriod,
                         @Bindable(defaultValue = "7d,1d") List<Duration> expiryWarnings,
                         @Bindable(defaultValue = "1m") Duration lifecycleScanInterval,
                         @Bindable(defaultValue = "24h") Duration maxRotationGrace,
                         @Bindable(defaultValue = "30d") Duration retiredValueMemory,
                         @Bindable(defaultValue = "false") boolean revokeOnReuse) {

    LifecycleSettings {
        requirePositive("max-lifetime", maxLifetime);
        requirePositive("rotation-period", rotationPeriod);
        requirePositive("lifecycle-scan-interval", lifecycleScanInterval);
        requireNotNegative("max-rotation-grace", maxRotationGrace);
        requirePositive("retired-value-memory", retiredValueMemory);
        expiryWarnings = List.copyOf(expiryWarnings);
        expiryWarnings.forEach(warning -> requirePositive("expiry-warnings", warning));
    }

    private static void requireNotNegative(String name, Duration value) {
        if (value != null && value.isNegative()) {
            throw new StartupRefusedException("keyward.tokens." + name + " must be a duration of 0 or more, was " + value);
        }
    }

    private static void requirePositive(String name, Duration value) {
        if (value != null && (value.isZero() || value.isNegative())) {
            throw new StartupRefusedException("keyward.tokens." + name + " must be a positive duration, was " + value);
        }
    }
}
