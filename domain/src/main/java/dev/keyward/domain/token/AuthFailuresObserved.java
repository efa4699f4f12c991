package dev.keyward.domain.token;

import dev.keyward.domain.network.IpAddress;

import java.time.Instant;
import java.util.Objects;

/**
 * One client address (or one token asking doors about other keys) failed more checks than allowed within
 * one window (a key-guessing flood, or a client with a stale key). Emitted at most once per address, and
 * per asking token, per window; it names no key.
 *
 * @param clientAddress the address the failed checks came from; null when it was unknown
 * @param askedBy       the token that asked a door (verify, introspection, a leak report) about the keys
 *                      that failed; null when the keys' presenters asked for themselves
 * @param failures      how many checks had failed from it in the window when the threshold was crossed
 * @param windowStart   when the window began (its first failure)
 * @param windowEnd     when the window closes; a later failure starts a new one
 * @param observedAt    when the threshold was crossed
 */
public record AuthFailuresObserved(IpAddress clientAddress, TokenId askedBy, int failures, Instant windowStart,
                                   Instant windowEnd, Instant observedAt) implements AuditEvent {

    public AuthFailuresObserved {
        Objects.requireNonNull(windowStart, "windowStart");
        Objects.requireNonNull(windowEnd, "windowEnd");
        Objects.requireNonNull(observedAt, "observedAt");
        if (failures < 1) {
            throw new IllegalArgumentException("an observation counts at least one failure, not " + failures);
        }
    }

    @Override
    public AuditEventType type() {
        return AuditEventType.AUTH_FAILURES;
    }

    @Override
    public Instant occurredAt() {
        return observedAt;
    }
}
