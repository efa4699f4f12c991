package dev.keyward.domain.event;

import dev.keyward.domain.token.Origin;
import dev.keyward.domain.token.TokenView;

/** A token was created. */
public record TokenCreated(TokenView token, Origin origin) implements TokenEvent {

    @Override
    public AuditEventType type() {
        return AuditEventType.CREATED;
    }
}
