package dev.keyward.domain.lifecycle;

import dev.keyward.domain.token.TokenView;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The occasions in a token's life worth announcing: each expiry warning before {@code expiresAt}, the
 * expiry itself, and each rotation period that passes without a rotation. Pure arithmetic on the
 * token's times, so any node computes the same instants; a store keeps only the next one per token.
 *
 * @param expiryWarnings how long before expiry each warning goes out, e.g. 7 days and 1 day
 */
public record LifecycleSchedule(RotationPolicy rotation, List<Duration> expiryWarnings) {

    /** What happens at an occasion; {@code warning} is set for {@link Kind#EXPIRING} only. */
    public record Occasion(Kind kind, Instant at, Duration warning) {

        public enum Kind { EXPIRING, EXPIRED, ROTATION_DUE }
    }

    public LifecycleSchedule {
        if (rotation == null) {
            throw new IllegalArgumentException("a lifecycle schedule needs a rotation policy");
        }
        for (Duration warning : expiryWarnings) {
            if (warning.isZero() || warning.isNegative()) {
                throw new IllegalArgumentException("an expiry warning must come a positive time before expiry, was " + warning);
            }
        }
        expiryWarnings = expiryWarnings.stream().distinct().sorted(Comparator.reverseOrder()).toList();
    }

    /** The first occasion strictly after {@code after}, if the token has any left. */
    public Optional<Instant> nextAfter(TokenView token, Instant after) {
        Instant expiresAt = token.expiresAt();
        Stream<Instant> expiry = expiresAt == null ? Stream.empty()
                : Stream.concat(expiryWarnings.stream().map(expiresAt::minus), Stream.of(expiresAt));
        Instant base = RotationPolicy.lastRenewal(token);
        Duration period = rotation.period();
        long periods = after.isBefore(base) ? 0 : Duration.between(base, after).dividedBy(period);
        Instant rotationDue = base.plus(period.multipliedBy(Math.max(1, periods + 1)));
        Stream<Instant> rotationOccasion = expiresAt == null || rotationDue.isBefore(expiresAt)
                ? Stream.of(rotationDue) : Stream.empty();
        return Stream.concat(expiry, rotationOccasion).filter(at -> at.isAfter(after)).min(Comparator.naturalOrder());
    }

    /**
     * What to announce for a token whose occasions from {@code from} up to {@code now} (both included)
     * have not been announced. A scan that comes late says only what still matters: once the token has
     * expired, just that; of several warnings, the latest; of several missed rotation periods, one.
     */
    public List<Occasion> dueBetween(TokenView token, Instant from, Instant now) {
        Instant expiresAt = token.expiresAt();
        if (expiresAt != null && !expiresAt.isAfter(now)) {
            return expiresAt.isBefore(from) ? List.of() : List.of(new Occasion(Occasion.Kind.EXPIRED, expiresAt, null));
        }
        List<Occasion> due = new ArrayList<>(2);
        if (expiresAt != null) {
            expiryWarnings.stream()
                    .filter(warning -> within(expiresAt.minus(warning), from, now))
                    .min(Comparator.naturalOrder())
                    .ifPresent(warning -> due.add(new Occasion(Occasion.Kind.EXPIRING, expiresAt.minus(warning), warning)));
        }
        Instant base = RotationPolicy.lastRenewal(token);
        long periods = now.isBefore(base) ? 0 : Duration.between(base, now).dividedBy(rotation.period());
        if (periods >= 1) {
            Instant latestDue = base.plus(rotation.period().multipliedBy(periods));
            if (within(latestDue, from, now)) {
                due.add(new Occasion(Occasion.Kind.ROTATION_DUE, latestDue, null));
            }
        }
        return List.copyOf(due);
    }

    private static boolean within(Instant at, Instant from, Instant now) {
        return !at.isBefore(from) && !at.isAfter(now);
    }
}
