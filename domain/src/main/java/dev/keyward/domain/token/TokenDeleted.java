package dev.keyward.domain.token;

/** A token was deleted; {@code token()} is its state just before. */
public record TokenDeleted(TokenView token, Origin origin) implements TokenEvent {

    @Override
    public AuditEventType type() {
        return AuditEventType.DELETED;
    }
}
