package dev.keyward.domain.lifecycle;

import java.time.Duration;
import java.time.Instant;

/**
 * How long the installation remembers a value after it stopped working ({@code keyward.tokens.retired-value-memory}),
 * so that presenting it again is recognised as reuse. Zero: not at all.
 */
public record RetiredValueMemory(Duration span) {

    public static final RetiredValueMemory NONE = new RetiredValueMemory(Duration.ZERO);

    public RetiredValueMemory {
        if (span == null || span.isNegative()) {
            throw new IllegalArgumentException("the retired-value memory cannot be negative, was " + span);
        }
    }

    public boolean isOff() {
        return span.isZero();
    }

    /** Whether a value retired at {@code retiredAt} is still remembered at {@code now}. */
    public boolean remembers(Instant retiredAt, Instant now) {
        return now.isBefore(retiredAt.plus(span));
    }

    /** Forgets, in {@code values}, what is no longer remembered at {@code now}; returns how many. */
    public int forget(RetiredValues values, Instant now) {
        return isOff() ? 0 : values.forgetRetiredUntil(now.minus(span));
    }
}
