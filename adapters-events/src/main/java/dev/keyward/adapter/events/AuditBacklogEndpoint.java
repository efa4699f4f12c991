package dev.keyward.adapter.events;

import dev.keyward.domain.audit.AuditRelaying;
import io.micronaut.management.endpoint.annotation.Endpoint;
import io.micronaut.management.endpoint.annotation.Read;

import java.time.Clock;
import java.util.Map;

/**
 * {@code GET /audit-backlog}: the audit outbox backlog (unsent count, oldest unsent time and age) for
 * monitoring, readable without credentials like {@code /health}; it holds counts only.
 */
@Endpoint(id = "audit-backlog", defaultSensitive = false)
public final class AuditBacklogEndpoint {

    private final AuditRelaying relay;
    private final Clock clock;

    public AuditBacklogEndpoint(AuditRelaying relay, Clock clock) {
        this.relay = relay;
        this.clock = clock;
    }

    @Read
    public Map<String, Object> backlog() {
        return AuditBacklogHealthIndicator.details(relay.status(), clock.instant());
    }
}
