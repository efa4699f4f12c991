package dev.keyward.domain.lifecycle;

import dev.keyward.domain.token.TokenView;

import java.time.Duration;
import java.time.Instant;

/**
 * How often a token's value should be replaced: its rotation is due one {@code period} after it was
 * last rotated, or after it was created if never. Computed on every read, never stored, so a change of
 * the period applies to every token at once.
 */
public record RotationPolicy(Duration period) {

    public RotationPolicy {
        if (period == null || period.isZero() || period.isNegative()) {
            throw new IllegalArgumentException("a rotation period must be positive, was " + period);
        }
    }

    /**
     * When the value behind this token should have been replaced by: one period after its last renewal,
     * but never after the token expires (a rotation due after the end of the token's life means nothing).
     */
    public Instant dueAt(TokenView token) {
        Instant due = lastRenewal(token).plus(period);
        Instant expiresAt = token.expiresAt();
        return expiresAt != null && expiresAt.isBefore(due) ? expiresAt : due;
    }

    /** The start of the current value's life: its last rotation, or the token's creation. */
    static Instant lastRenewal(TokenView token) {
        return token.rotatedAt() != null ? token.rotatedAt() : token.createdAt();
    }
}
