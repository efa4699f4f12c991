package dev.keyward.domain.token;

/** A token reached its {@code expiresAt} and no longer authenticates; Keyward announces it once. */
public record TokenExpired(TokenView token, Origin origin) implements TokenEvent {

    @Override
    public AuditEventType type() {
        return AuditEventType.EXPIRED;
    }
}
