package dev.keyward.domain.token;

/**
 * A token's secret was replaced. The previous value stopped working at {@code origin().at()}, or, if
 * the rotation granted a grace period, works until {@code token().previousValueExpiresAt()}.
 */
public record TokenRotated(TokenView token, Origin origin) implements TokenEvent {

    @Override
    public AuditEventType type() {
        return AuditEventType.ROTATED;
    }
}
