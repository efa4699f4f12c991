package dev.keyward.domain.token;

import java.util.List;

/** A token's name, permissions or allowlist were replaced; {@code changes} lists what differed. */
public record TokenUpdated(TokenView token, Origin origin, List<FieldChange> changes) implements TokenEvent {

    public TokenUpdated {
        changes = List.copyOf(changes);
    }

    @Override
    public AuditEventType type() {
        return AuditEventType.UPDATED;
    }
}
