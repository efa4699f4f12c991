package dev.keyward.domain.event;

import dev.keyward.domain.token.Origin;
import dev.keyward.domain.token.TokenView;

/** A token was deleted; {@code token()} is its state just before. */
public record TokenDeleted(TokenView token, Origin origin) implements TokenEvent {

    @Override
    public AuditEventType type() {
        return AuditEventType.DELETED;
    }
}
