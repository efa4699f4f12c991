package dev.keyward.domain.token;

import java.time.Instant;

/** A token's value has lived a rotation period without being rotated, since {@code rotationDueAt}. */
public record TokenRotationDue(TokenView token, Origin origin, Instant rotationDueAt) implements TokenEvent {

    @Override
    public AuditEventType type() {
        return AuditEventType.ROTATION_DUE;
    }
}
