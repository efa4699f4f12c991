package dev.keyward.app.events;

import dev.keyward.adapter.events.TestKafka;
import dev.keyward.app.support.KeywardNodes;
import dev.keyward.app.support.KeywardTestApp;
import dev.keyward.testkit.HttpApi;
import dev.keyward.testkit.HttpApi.Reply;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import javax.sql.DataSource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The relay against a three-broker KRaft cluster (replication factor 3, min.insync.replicas=2, the
 * producer's acks=all) that loses a broker while tokens keep changing: every event still reaches the
 * topic, and each token's events arrive in commit order.
 */
class KafkaBrokerLossEndToEndIT {

    private static final Logger LOG = LoggerFactory.getLogger(KafkaBrokerLossEndToEndIT.class);
    private static final String ADMIN = KeywardTestApp.newKey();

    @Test
    void the_relay_survives_the_loss_of_one_of_three_brokers_with_nothing_lost_and_each_tokens_order_kept() throws Exception {
        String topic = TestKafka.uniqueTopic("keyward.audit.brokers");
        try (TestKafka kafka = TestKafka.startCluster(3);
             KeywardNodes nodes = KeywardNodes.start(1, "kafka_broker_loss", ADMIN, Map.of(
                     "kafka.bootstrap.servers", kafka.bootstrapServers(),
                     "keyward.events.topic", topic))) {
            HttpApi api = nodes.apis().get(0);
            AtomicBoolean changing = new AtomicBoolean(true);
            ExecutorService clients = Executors.newFixedThreadPool(4);
            List<Future<Integer>> work = new ArrayList<>();
            for (int c = 0; c < 4; c++) {
                int client = c;
                work.add(clients.submit(() -> {
                    String id = api.create(ADMIN, "brokers-" + client, "RuleRead").id();
                    int changes = 1;
                    while (changing.get()) {
                        Reply reply = changes % 2 == 0 ? api.update(id, ADMIN, "brokers-" + client + "-" + changes, List.of("RuleRead"))
                                : api.rotate(id, ADMIN);
                        assertEquals(200, reply.status(), reply.body());
                        changes++;
                    }
                    return changes;
                }));
            }
            Thread.sleep(2_000);
            int lost = kafka.brokerIds().get(0);
            kafka.stopBroker(lost);
            LOG.info("BROKER LOSS: broker {} stopped", lost);
            Thread.sleep(5_000);
            changing.set(false);
            int changes = 0;
            for (Future<Integer> done : work) {
                changes += done.get();
            }
            clients.shutdown();

            Outbox outbox = new Outbox(nodes.bean(0, DataSource.class));
            List<Outbox.Row> rows = outbox.awaitDrained(Duration.ofSeconds(60));
            assertEquals(0, outbox.unsent(), "the relay delivered everything after the loss");
            Consumed consumed = new Consumed(TestKafka.consume(kafka.bootstrapServers(), topic,
                    records -> new Consumed(records).ids().size() >= rows.size(), Duration.ofSeconds(60)));

            LOG.info("BROKER LOSS: {} changes, {} events in the outbox, {} records read, {} distinct", changes, rows.size(),
                    consumed.records.size(), consumed.ids().size());
            assertTrue(changes > 50, "the load was real: " + changes);
            assertEquals(rows.stream().map(Outbox.Row::eventId).sorted().toList(), consumed.ids().stream().sorted().toList(),
                    "every event reached the topic");
            Map<String, List<String>> seen = consumed.firstSeenIdsByKey();
            Outbox.idsByToken(rows).forEach((token, order) -> assertEquals(order, seen.get(token), "order of token " + token));
        }
    }
}
