package dev.keyward.adapter.events;

import dev.keyward.domain.audit.AuditBacklogStatus;
import io.micronaut.core.async.publisher.Publishers;
import io.micronaut.health.HealthStatus;
import io.micronaut.management.health.indicator.HealthIndicator;
import io.micronaut.management.health.indicator.HealthResult;
import jakarta.inject.Singleton;
import org.reactivestreams.Publisher;

import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The audit outbox backlog on {@code /health} as component {@code auditEvents}: unsent count and age of
 * the oldest unsent event, as {@link AuditBacklogMonitor} last read them (never waiting for the database).
 * Always UP: a broker outage must not take the API out of a load balancer, since the API keeps working
 * and the backlog drains later; and a backlog not read yet, or unreadable (the database indicator says
 * why), is a detail, never UNKNOWN, which would make readiness say neither yes nor no.
 */
@Singleton
public final class AuditBacklogHealthIndicator implements HealthIndicator {

    static final String NAME = "auditEvents";

    private final AuditBacklogMonitor monitor;
    private final Clock clock;

    public AuditBacklogHealthIndicator(AuditBacklogMonitor monitor, Clock clock) {
        this.monitor = monitor;
        this.clock = clock;
    }

    @Override
    public Publisher<HealthResult> getResult() {
        AuditBacklogMonitor.Sample sample = monitor.latest();
        HealthResult result = sample.status() == null
                ? HealthResult.builder(NAME, HealthStatus.UP).details(Map.of("unread", String.valueOf(sample.failure()))).build()
                : HealthResult.builder(NAME, HealthStatus.UP).details(details(sample.status(), clock.instant())).build();
        return Publishers.just(result);
    }

    static Map<String, Object> details(AuditBacklogStatus status, Instant now) {
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("unsent", status.unsent());
        details.put("oldestUnsentAt", status.oldestUnsentAt() == null ? null : status.oldestUnsentAt().toString());
        details.put("oldestUnsentAgeSeconds", status.oldestUnsentAge(now).toMillis() / 1000.0);
        return details;
    }
}
