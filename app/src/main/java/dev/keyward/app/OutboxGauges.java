package dev.keyward.app;

import dev.keyward.adapter.events.AuditBacklogMonitor;
import dev.keyward.domain.audit.AuditBacklogStatus;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micronaut.context.annotation.Context;

import java.time.Clock;

/**
 * {@code keyward_outbox_backlog} (unsent audit events) and {@code keyward_outbox_oldest_age_seconds}
 * (how long the oldest has waited), read from {@link AuditBacklogMonitor} so a scrape never waits for
 * the database; NaN while the backlog cannot be read.
 */
@Context
final class OutboxGauges {

    OutboxGauges(MeterRegistry registry, AuditBacklogMonitor monitor, Clock clock) {
        Gauge.builder("keyward.outbox.backlog", monitor, m -> unsent(m.latest().status()))
                .description("Audit events not yet published").register(registry);
        Gauge.builder("keyward.outbox.oldest.age", monitor, m -> oldestAgeSeconds(m.latest().status(), clock))
                .baseUnit("seconds").description("How long the oldest unpublished audit event has waited").register(registry);
    }

    private static double unsent(AuditBacklogStatus status) {
        return status == null ? Double.NaN : status.unsent();
    }

    private static double oldestAgeSeconds(AuditBacklogStatus status, Clock clock) {
        return status == null ? Double.NaN : status.oldestUnsentAge(clock.instant()).toMillis() / 1000.0;
    }
}
