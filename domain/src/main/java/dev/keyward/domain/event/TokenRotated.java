package dev.keyward.domain.event;

import dev.keyward.domain.token.Origin;
import dev.keyward.domain.token.TokenView;

/** A token's secret was replaced; the previous value stopped working at {@code origin().at()}. */
public record TokenRotated(TokenView token, Origin origin) implements TokenEvent {

    @Override
    public AuditEventType type() {
        return AuditEventType.ROTATED;
    }
}
