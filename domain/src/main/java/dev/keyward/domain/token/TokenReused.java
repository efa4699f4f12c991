package dev.keyward.domain.token;

import java.time.Instant;
import java.util.Objects;

/**
 * A value the token had before a rotation was presented again: refused as any unknown value, and
 * reported, at most once per token per minute. If the installation revokes on reuse, the token was
 * deleted for it ({@code revoked}; this event then stands for the deletion: no separate deleted event).
 *
 * @param token     the token's state (just before, if it was revoked)
 * @param origin    Keyward's reuse detection as actor, and the client address the value came from
 * @param retiredAt when the presented value stopped working
 * @param revoked   whether the token was deleted for this reuse
 */
public record TokenReused(TokenView token, Origin origin, Instant retiredAt, boolean revoked) implements TokenEvent {

    public TokenReused {
        Objects.requireNonNull(retiredAt, "retiredAt");
    }

    @Override
    public AuditEventType type() {
        return AuditEventType.REUSED;
    }
}
