package dev.keyward.app;

import dev.keyward.adapter.events.AuditCloudEvents;
import dev.keyward.adapter.events.EventsSettings;
import dev.keyward.adapter.events.JsonLinesAuditPublisher;
import dev.keyward.adapter.events.KafkaConfigured;
import dev.keyward.adapter.persistence.JdbcRelayTransactions;
import dev.keyward.domain.audit.AuditBacklog;
import dev.keyward.domain.audit.AuditPublisher;
import dev.keyward.domain.audit.AuditRelaying;
import dev.keyward.domain.wiring.KeywardDomain;
import io.micrometer.core.instrument.MeterRegistry;
import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Requires;
import jakarta.inject.Singleton;

import java.time.Clock;

/**
 * Wires the audit relay: the outbox backlog from persistence, the publisher from the events adapter
 * (Kafka when {@code KAFKA_BOOTSTRAP_SERVERS} is set, else a JSON-lines file), and the relay's own
 * READ COMMITTED transactions. docs/audit-events.md describes the settings.
 */
@Factory
class EventsFactory {

    /** The relay, its passes counted for the metrics ({@link MeteredAuditRelaying}). */
    @Singleton
    AuditRelaying auditRelay(AuditBacklog backlog, AuditPublisher publisher, JdbcRelayTransactions transactions, Clock clock,
                             EventsSettings events, MeterRegistry registry) {
        return new MeteredAuditRelaying(KeywardDomain.auditRelay(backlog, publisher, transactions, clock, events.batchSize(),
                events.claimDuration()), registry);
    }

    /** Without Kafka: the JSON-lines file, by default in the data directory (an app setting, hence wired here). */
    @Singleton
    @Requires(condition = KafkaConfigured.Not.class)
    JsonLinesAuditPublisher jsonLinesAuditPublisher(EventsSettings events, KeywardSettings settings, AuditCloudEvents cloudEvents) {
        return new JsonLinesAuditPublisher(
                events.configuredFile().orElse(settings.dataDir().resolve(JsonLinesAuditPublisher.DEFAULT_FILE_NAME)), cloudEvents);
    }
}
