package dev.keyward.domain.audit;

import java.time.Duration;
import java.time.Instant;

/**
 * How far publishing lags: the unsent events and when the oldest of them happened (null when none).
 */
public record AuditBacklogStatus(long unsent, Instant oldestUnsentAt) {

    public static final AuditBacklogStatus EMPTY = new AuditBacklogStatus(0, null);

    /** How long the oldest unsent event has waited at {@code now}; zero when nothing waits. */
    public Duration oldestUnsentAge(Instant now) {
        if (oldestUnsentAt == null || oldestUnsentAt.isAfter(now)) {
            return Duration.ZERO;
        }
        return Duration.between(oldestUnsentAt, now);
    }
}
