package dev.keyward.domain.event;

import dev.keyward.domain.token.Origin;
import dev.keyward.domain.token.TokenView;

/** A token reached its {@code expiresAt} and no longer authenticates; Keyward announces it once. */
public record TokenExpired(TokenView token, Origin origin) implements TokenEvent {

    @Override
    public AuditEventType type() {
        return AuditEventType.EXPIRED;
    }
}
