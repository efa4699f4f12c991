package dev.keyward.domain.manage;

import dev.keyward.domain.error.InvalidInputException;

import java.time.Duration;

/**
 * The installation's cap on a rotation's grace period, the overlap during which the value replaced
 * still works. A rotation asks for none by default, so its old value dies at once.
 *
 * @param maxGrace the longest grace period a rotation may ask for ({@code keyward.tokens.max-rotation-grace})
 */
public record GracePolicy(Duration maxGrace) {

    public GracePolicy {
        if (maxGrace == null || maxGrace.isNegative()) {
            throw new IllegalArgumentException("a maximum grace period must be zero or positive, was " + maxGrace);
        }
    }

    /**
     * The grace period asked for as {@code seconds} under {@code field}: null or 0 is none.
     *
     * @throws InvalidInputException naming {@code field} when negative or beyond the cap
     */
    public Duration parse(String field, Long seconds) {
        if (seconds == null || seconds == 0) {
            return Duration.ZERO;
        }
        if (seconds < 0) {
            throw new InvalidInputException(field, field + " must be 0 (the old value stops working at once) or a positive "
                    + "number of seconds, was " + seconds);
        }
        if (seconds > maxGrace.toSeconds()) {
            throw new InvalidInputException(field, field + " may be at most " + maxGrace.toSeconds() + " seconds ("
                    + maxGrace + ", the maximum rotation grace period, keyward.tokens.max-rotation-grace), was " + seconds);
        }
        return Duration.ofSeconds(seconds);
    }
}
