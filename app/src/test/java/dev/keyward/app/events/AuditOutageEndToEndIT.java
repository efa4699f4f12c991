package dev.keyward.app.events;

import dev.keyward.adapter.events.StandaloneKafka;
import dev.keyward.adapter.events.TestKafka;
import dev.keyward.app.support.EndToEndTest;
import dev.keyward.testkit.HttpApi.Reply;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Kafka goes away for longer than the producer's delivery timeout while the API takes 200+ changes:
 * every request still succeeds quickly; once the broker is back every outbox event is delivered, each
 * token's events in commit order. The broker is a separate process, killed and restarted on the same port.
 */
@MicronautTest(transactional = false)
class AuditOutageEndToEndIT extends EndToEndTest {

    private static final Logger LOG = LoggerFactory.getLogger(AuditOutageEndToEndIT.class);

    /** A measurement for whoever reads the build log. */
    private static void report(String format, Object... args) {
        LOG.info(String.format(format, args).strip());
    }

    static final Duration DELIVERY_TIMEOUT = Duration.ofSeconds(3);
    static final Duration SLOW = Duration.ofSeconds(1);

    private final String topic = TestKafka.uniqueTopic("keyward.audit.outage");
    private final StandaloneKafka kafka = startKafka();

    @Inject
    DataSource dataSource;

    @Override
    public Map<String, String> getProperties() {
        Map<String, String> properties = super.getProperties();
        properties.put("kafka.bootstrap.servers", kafka.bootstrapServers());
        properties.put("keyward.events.topic", topic);
        properties.put("keyward.events.kafka.delivery-timeout", DELIVERY_TIMEOUT.toMillis() + "ms");
        properties.put("keyward.events.ack-timeout", "2s");
        properties.put("keyward.events.max-backoff", "1s");
        properties.put("keyward.events.batch-size", "50");
        return properties;
    }

    @AfterAll
    void stopKafka() throws Exception {
        kafka.close();
    }

    @Test
    void changes_made_while_kafka_is_down_are_all_delivered_in_order_once_it_is_back() throws Exception {
        Outbox outbox = new Outbox(dataSource);
        String warmup = api.createReply(admin, "before-outage", List.of("RuleRead"), null).string("id");
        awaitDrained(outbox, Duration.ofSeconds(60));

        kafka.kill();
        long outageStart = System.nanoTime();
        List<Reply> replies = new ArrayList<>();
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            Reply created = api.createReply(admin, "outage-" + i, List.of("RuleRead"), null);
            replies.add(created);
            ids.add(created.string("id"));
        }
        for (String id : ids) {
            replies.add(api.update(id, admin, "outage-renamed", List.of("RuleRead", "RuleModify")));
            replies.add(api.rotate(id, admin));
            replies.add(api.update(id, admin, "outage-again", List.of("RuleModify")));
        }
        for (String id : ids.subList(0, 25)) {
            replies.add(api.delete("/api-tokens/" + id, admin));
        }
        replies.add(api.rotate(warmup, admin));
        Duration mutating = Duration.ofNanos(System.nanoTime() - outageStart);
        // stay down well past the delivery timeout, so the Kafka client gives records up
        long minimumOutage = DELIVERY_TIMEOUT.multipliedBy(3).toNanos();
        Thread.sleep(Math.max(0, (minimumOutage - (System.nanoTime() - outageStart)) / 1_000_000));
        // On a loaded machine the relay's first failing pass may still be waiting out its ack timeout.
        List<Outbox.Row> duringOutage = outbox.rows();
        for (long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
             duringOutage.stream().noneMatch(r -> !r.sent() && r.attempts() > 0) && System.nanoTime() < deadline; ) {
            Thread.sleep(200);
            duringOutage = outbox.rows();
        }
        kafka.restart();
        Duration outage = Duration.ofNanos(System.nanoTime() - outageStart);
        long backAt = System.nanoTime();
        awaitDrained(outbox, Duration.ofSeconds(120));
        Duration drain = Duration.ofNanos(System.nanoTime() - backAt);

        assertTrue(replies.size() >= 200, "mutations: " + replies.size());
        for (Reply reply : replies) {
            assertEquals(2, reply.status() / 100, reply.body());
            assertTrue(reply.took().compareTo(SLOW) < 0, "a request waited " + reply.took() + " during the outage");
        }
        Duration slowest = replies.stream().map(Reply::took).max(Duration::compareTo).orElseThrow();
        long pendingDuringOutage = duringOutage.stream().filter(r -> !r.sent()).count();
        assertTrue(pendingDuringOutage >= 200, "the outbox kept the events: " + pendingDuringOutage);
        assertTrue(duringOutage.stream().anyMatch(r -> !r.sent() && r.attempts() > 0), "the relay tried and failed during the outage");

        List<Outbox.Row> rows = outbox.rows();
        Consumed consumed = new Consumed(TestKafka.consume(kafka.bootstrapServers(), topic,
                records -> new Consumed(records).ids().size() >= rows.size(), Duration.ofSeconds(60)));
        assertEquals(rows.stream().map(Outbox.Row::eventId).sorted().toList(), consumed.ids().stream().sorted().toList(),
                "every outbox id consumed");
        Map<String, List<String>> expectedOrder = Outbox.idsByToken(rows);
        Map<String, List<String>> seen = consumed.firstSeenIdsByKey();
        expectedOrder.forEach((token, order) -> assertEquals(order, seen.get(token), "order of token " + token));
        report("OUTAGE: %d mutations in %d ms (slowest request %d ms), %d events pending during the outage, "
                        + "broker down %d ms (delivery timeout %d ms), drained %d events in %d ms after it came back, "
                        + "%d records read (%d re-deliveries)%n",
                replies.size(), mutating.toMillis(), slowest.toMillis(), pendingDuringOutage, outage.toMillis(),
                DELIVERY_TIMEOUT.toMillis(), rows.size(), drain.toMillis(), consumed.records.size(),
                consumed.records.size() - consumed.ids().size());
    }

    private static void awaitDrained(Outbox outbox, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (outbox.unsent() > 0) {
            assertTrue(System.nanoTime() < deadline, "the outbox did not drain within " + timeout);
            Thread.sleep(50);
        }
    }

    private static StandaloneKafka startKafka() {
        try {
            Path directory = Files.createTempDirectory("keyward-kafka-");
            return StandaloneKafka.start(directory);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (Exception e) {
            throw new IllegalStateException("cannot start the standalone Kafka broker", e);
        }
    }
}
