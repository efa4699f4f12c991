package dev.keyward.adapter.events;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.context.annotation.Context;
import io.micronaut.context.exceptions.ConfigurationException;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.bind.annotation.Bindable;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/**
 * The {@code keyward.events.*} settings (docs/audit-events.md), each default written here and only
 * here. Bound at start ({@link Context}) so a bad value refuses the start instead of failing later.
 *
 * @param file          the JSON-lines file without Kafka; unset means {@code <keyward.data-dir>/audit-events.jsonl}
 * @param claimDuration how long a relay's claim on outbox rows lasts; a relay that stops mid-pass leaves
 *                      its rows to another after that long
 */
@Context
@ConfigurationProperties("keyward.events")
public record EventsSettings(@Bindable(defaultValue = "/keyward") String source,
                             @Bindable(defaultValue = "keyward.audit") String topic,
                             @Nullable Path file,
                             @Bindable(defaultValue = "200") int batchSize,
                             @Bindable(defaultValue = "100ms") Duration pollInterval,
                             @Bindable(defaultValue = "10s") Duration ackTimeout,
                             @Bindable(defaultValue = "30s") Duration claimDuration,
                             @Bindable(defaultValue = "10s") Duration maxBackoff,
                             @Bindable(defaultValue = "7d") Duration retention,
                             @Bindable(defaultValue = "1h") Duration pruneInterval,
                             Kafka kafka) {

    public EventsSettings {
        if (source.isBlank() || topic.isBlank()) {
            throw new ConfigurationException("keyward.events.source and keyward.events.topic must not be blank");
        }
        if (batchSize < 1) {
            throw new ConfigurationException("keyward.events.batch-size must be at least 1, was " + batchSize);
        }
        positive("poll-interval", pollInterval);
        positive("ack-timeout", ackTimeout);
        if (claimDuration.compareTo(ackTimeout) <= 0) {
            throw new ConfigurationException("keyward.events.claim-duration must be longer than keyward.events.ack-timeout ("
                    + ackTimeout + "), was " + claimDuration);
        }
        positive("max-backoff", maxBackoff);
        positive("retention", retention);
        positive("prune-interval", pruneInterval);
    }

    public Optional<Path> configuredFile() {
        return Optional.ofNullable(file);
    }

    /** The Kafka producer's own limits. */
    @ConfigurationProperties("kafka")
    public record Kafka(@Bindable(defaultValue = "30s") Duration deliveryTimeout) {

        public Kafka {
            positive("kafka.delivery-timeout", deliveryTimeout);
        }
    }

    static void positive(String name, Duration value) {
        if (value.isNegative() || value.isZero()) {
            throw new ConfigurationException("keyward.events." + name + " must be a positive duration (e.g. 10s), was " + value);
        }
    }
}
