package dev.keyward.adapter.events;

import dev.keyward.domain.audit.PendingAuditEvent;
import dev.keyward.domain.token.TokenId;
import io.cloudevents.CloudEvent;
import io.cloudevents.jackson.JsonFormat;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@link KafkaAuditPublisher} against a real KRaft broker: structured CloudEvents, keyed, in order, acknowledged. */
class KafkaAuditPublisherIT {

    private static TestKafka kafka;
    private final AuditCloudEvents cloudEvents = new AuditCloudEvents("/keyward");

    @BeforeAll
    static void startBroker() {
        kafka = TestKafka.start();
    }

    @AfterAll
    static void stopBroker() throws Exception {
        kafka.close();
    }

    @Test
    void every_event_is_acknowledged_and_arrives_keyed_by_token_as_a_structured_cloudevent_in_order() {
        String topic = TestKafka.uniqueTopic("keyward.audit.publisher");
        List<PendingAuditEvent> events = new ArrayList<>();
        List<TokenId> tokens = List.of(TestEvents.newTokenId(), TestEvents.newTokenId(), TestEvents.newTokenId());
        for (int round = 0; round < 4; round++) {
            for (TokenId token : tokens) {
                events.add(TestEvents.lifeOf(token).get(round));
            }
        }
        Set<UUID> acknowledged;
        try (KafkaAuditPublisher publisher = new KafkaAuditPublisher(kafka.bootstrapServers(), topic, Duration.ofSeconds(30),
                Duration.ofSeconds(30), cloudEvents)) {
            acknowledged = publisher.publish(events);
        }

        assertEquals(events.stream().map(PendingAuditEvent::id).collect(java.util.stream.Collectors.toSet()), acknowledged);
        List<ConsumerRecord<String, byte[]>> records = TestKafka.consume(kafka.bootstrapServers(), topic,
                read -> read.size() >= events.size(), Duration.ofSeconds(30));
        assertEquals(events.size(), records.size());
        Map<String, List<String>> idsByKey = new LinkedHashMap<>();
        for (ConsumerRecord<String, byte[]> record : records) {
            Header contentType = record.headers().lastHeader("content-type");
            assertEquals("application/cloudevents+json", new String(contentType.value(), StandardCharsets.UTF_8));
            CloudEvent event = new JsonFormat().deserialize(record.value());
            assertEquals(record.key(), event.getSubject(), "key = token id = subject");
            idsByKey.computeIfAbsent(record.key(), k -> new ArrayList<>()).add(event.getId());
        }
        for (TokenId token : tokens) {
            List<String> expected = events.stream().filter(e -> token.equals(e.tokenId()))
                    .map(e -> e.id().toString()).toList();
            assertEquals(expected, idsByKey.get(token.toString()), "one token's events in publishing order");
        }
    }

    @Test
    void with_no_broker_reachable_nothing_is_acknowledged_and_the_wait_is_bounded_by_the_ack_timeout() throws IOException {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        // Several tokens' lives: send() waits max.block.ms per record for metadata, so a publisher that
        // kept sending after the first failure would wait that long for every event of the batch.
        List<PendingAuditEvent> events = new java.util.ArrayList<>();
        for (int i = 0; i < 5; i++) {
            events.addAll(TestEvents.lifeOf(TestEvents.newTokenId()));
        }

        long start = System.nanoTime();
        Set<UUID> acknowledged;
        try (KafkaAuditPublisher publisher = new KafkaAuditPublisher("127.0.0.1:" + closedPort, "keyward.audit",
                Duration.ofSeconds(2), Duration.ofSeconds(30), cloudEvents)) {
            acknowledged = publisher.publish(events);
        }
        Duration waited = Duration.ofNanos(System.nanoTime() - start);

        assertEquals(Set.of(), acknowledged);
        assertTrue(waited.compareTo(Duration.ofSeconds(9)) < 0, "waited " + waited + " for " + events.size() + " events");
    }
}
