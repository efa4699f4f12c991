package dev.keyward.adapter.events;

import dev.keyward.domain.audit.AuditPublisher;
import dev.keyward.domain.audit.PendingAuditEvent;
import io.cloudevents.CloudEvent;
import io.cloudevents.core.message.Encoding;
import io.cloudevents.jackson.JsonFormat;
import io.cloudevents.kafka.CloudEventSerializer;
import io.micronaut.context.annotation.Property;
import io.micronaut.context.annotation.Requires;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.StringSerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * {@link AuditPublisher} to Kafka: CloudEvents in structured JSON mode, keyed by token id so one token's
 * events share a partition, from an idempotent producer with {@code acks=all}. A batch waits at most
 * the acknowledgement timeout; what the client has not confirmed by then stays unsent in the outbox, and
 * so do records the client drops after its delivery timeout.
 */
@Singleton
@Requires(condition = KafkaConfigured.class)
public final class KafkaAuditPublisher implements AuditPublisher, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(KafkaAuditPublisher.class);
    private static final int LINGER_MS = 5;

    private final Producer<String, CloudEvent> producer;
    private final String topic;
    private final AuditCloudEvents cloudEvents;
    private final Duration ackTimeout;

    @Inject
    public KafkaAuditPublisher(@Property(name = KafkaConfigured.BOOTSTRAP_SERVERS) String bootstrapServers,
                               EventsSettings settings, AuditCloudEvents cloudEvents) {
        this(bootstrapServers, settings.topic(), settings.ackTimeout(), settings.kafka().deliveryTimeout(), cloudEvents);
    }

    public KafkaAuditPublisher(String bootstrapServers, String topic, Duration ackTimeout, Duration deliveryTimeout,
                               AuditCloudEvents cloudEvents) {
        this.topic = topic;
        this.cloudEvents = cloudEvents;
        this.ackTimeout = ackTimeout;
        this.producer = new KafkaProducer<>(config(bootstrapServers, ackTimeout, deliveryTimeout));
    }

    static Map<String, Object> config(String bootstrapServers, Duration ackTimeout, Duration deliveryTimeout) {
        long delivery = Math.max(deliveryTimeout.toMillis(), 1_000 + LINGER_MS);
        Map<String, Object> config = new HashMap<>();
        config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        config.put(ProducerConfig.CLIENT_ID_CONFIG, "keyward-audit-relay");
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        // at most 5 in flight keeps an idempotent producer's per-partition order through retries
        config.put(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, 5);
        config.put(ProducerConfig.LINGER_MS_CONFIG, LINGER_MS);
        config.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, (int) delivery);
        // the client requires delivery.timeout.ms >= linger.ms + request.timeout.ms
        config.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) Math.min(30_000, delivery - LINGER_MS));
        // send() blocks while metadata is unknown (broker down): never longer than a batch may wait
        config.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, ackTimeout.toMillis());
        config.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
        config.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, CloudEventSerializer.class);
        config.put(CloudEventSerializer.ENCODING_CONFIG, Encoding.STRUCTURED);
        config.put(CloudEventSerializer.EVENT_FORMAT_CONFIG, JsonFormat.CONTENT_TYPE);
        return config;
    }

    @Override
    public Set<UUID> publish(List<PendingAuditEvent> events) {
        long deadline = System.nanoTime() + ackTimeout.toNanos();
        List<Future<RecordMetadata>> sent = new ArrayList<>(events.size());
        for (PendingAuditEvent event : events) {
            if (System.nanoTime() - deadline >= 0) {
                break; // the rest wait for the next pass: one pass never holds its claim past the ack timeout
            }
            Future<RecordMetadata> future;
            try {
                future = producer.send(new ProducerRecord<>(topic, AuditCloudEvents.subject(event.event()),
                        cloudEvents.toCloudEvent(event)));
            } catch (RuntimeException e) {
                // Stop here: sending later events past a failed one could reorder a token's events.
                LOG.warn("audit event {} could not be handed to Kafka: {}", event.id(), e.toString());
                break;
            }
            sent.add(future);
            if (future.isDone() && failed(future)) {
                // send() reports most failures (e.g. no metadata within max.block.ms: broker down) as an
                // already-failed future, not an exception; every later send would block just as long.
                break;
            }
        }
        Set<UUID> acknowledged = new LinkedHashSet<>();
        for (int i = 0; i < sent.size(); i++) {
            try {
                sent.get(i).get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
                acknowledged.add(events.get(i).id());
            } catch (ExecutionException | TimeoutException e) {
                LOG.debug("audit event {} not acknowledged: {}", events.get(i).id(), e.toString());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        return acknowledged;
    }

    private static boolean failed(Future<RecordMetadata> future) {
        try {
            future.get();
            return false;
        } catch (ExecutionException e) {
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return true;
        }
    }

    @PreDestroy
    @Override
    public void close() {
        producer.close(Duration.ofSeconds(5));
    }
}
