package dev.keyward.domain.event;

import dev.keyward.domain.token.Origin;
import dev.keyward.domain.token.TokenView;

import java.time.Instant;

/** A token's value has lived a rotation period without being rotated, since {@code rotationDueAt}. */
public record TokenRotationDue(TokenView token, Origin origin, Instant rotationDueAt) implements TokenEvent {

    @Override
    public AuditEventType type() {
        return AuditEventType.ROTATION_DUE;
    }
}
