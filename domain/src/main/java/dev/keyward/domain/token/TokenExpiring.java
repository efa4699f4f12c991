package dev.keyward.domain.token;

import java.time.Duration;

/** A token expires in {@code warning} (one of the configured expiry warnings); Keyward announces it. */
public record TokenExpiring(TokenView token, Origin origin, Duration warning) implements TokenEvent {

    @Override
    public AuditEventType type() {
        return AuditEventType.EXPIRING;
    }
}
