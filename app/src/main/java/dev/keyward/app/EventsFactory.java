package dev.keyward.app;

import dev.keyward.adapter.persistence.JdbcRelayTransactions;
import dev.keyward.domain.audit.AuditBacklog;
import dev.keyward.domain.audit.AuditPublisher;
import dev.keyward.domain.audit.AuditRelay;
import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Value;
import jakarta.inject.Singleton;

import java.time.Clock;

/**
 * Wires the audit relay: the outbox backlog from persistence, the publisher from the events adapter
 * (Kafka when {@code KAFKA_BOOTSTRAP_SERVERS} is set, else a JSON-lines file), and the relay's own
 * READ COMMITTED transactions. docs/audit-events.md describes the settings.
 */
@Factory
class EventsFactory {

    @Singleton
    AuditRelay auditRelay(AuditBacklog backlog, AuditPublisher publisher, JdbcRelayTransactions transactions, Clock clock,
                          @Value("${keyward.events.batch-size:200}") int batchSize) {
        return new AuditRelay(backlog, publisher, transactions, clock, batchSize);
    }
}
