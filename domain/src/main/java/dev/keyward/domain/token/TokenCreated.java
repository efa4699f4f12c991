package dev.keyward.domain.token;

/** A token was created. */
public record TokenCreated(TokenView token, Origin origin) implements TokenEvent {

    @Override
    public AuditEventType type() {
        return AuditEventType.CREATED;
    }
}
