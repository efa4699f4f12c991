package dev.keyward.app.events;

import dev.keyward.adapter.events.TestKafka;
import dev.keyward.app.support.KeywardNodes;
import dev.keyward.app.support.KeywardTestApp;
import dev.keyward.testkit.HttpApi;
import dev.keyward.testkit.HttpApi.Reply;
import io.cloudevents.CloudEvent;
import io.micronaut.context.ApplicationContext;
import io.micronaut.json.JsonMapper;
import io.micronaut.runtime.server.EmbeddedServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;
import javax.sql.DataSource;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Two Keyward nodes on one database, both relaying the one outbox to Kafka while both take changes:
 * every event is delivered, and each token's events arrive in commit order, whichever node sent them.
 * Each node has its own CloudEvent source, so the test can see that both relays did work.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TwoRelaysEndToEndIT {

    /** Where the nodes keep their tokens; the *GaleraIT subclass runs every test on the cluster. */
    protected KeywardNodes.Database database() {
        return KeywardNodes.ONE_SERVER;
    }

    private static final Logger LOG = LoggerFactory.getLogger(TwoRelaysEndToEndIT.class);

    /** A measurement for whoever reads the build log. */
    private static void report(String format, Object... args) {
        LOG.info(String.format(format, args).strip());
    }

    static final String ADMIN = KeywardTestApp.newKey();

    private TestKafka kafka;
    private final String topic = TestKafka.uniqueTopic("keyward.audit.two");
    private KeywardNodes nodes;

    @BeforeAll
    void startTwoNodes() {
        kafka = TestKafka.start();
        Map<String, Object> shared = new HashMap<>();
        shared.put("kafka.bootstrap.servers", kafka.bootstrapServers());
        shared.put("keyward.events.topic", topic);
        // small batches and quick polls, so the two relays' claims interleave often
        shared.put("keyward.events.batch-size", "7");
        shared.put("keyward.events.poll-interval", "5ms");
        nodes = database().start(2, "two_relays", ADMIN, shared,
                node -> Map.of("keyward.events.source", "/keyward/node-" + (node == 0 ? "a" : "b")));
    }

    @AfterAll
    void stop() throws Exception {
        nodes.close();
        kafka.close();
    }

    @Test
    void two_relays_over_one_outbox_deliver_every_event_keeping_each_tokens_order() throws Exception {
        List<HttpApi> apis = nodes.apis();
        ExecutorService clients = Executors.newFixedThreadPool(6);
        List<Future<Integer>> work = new ArrayList<>();
        for (int client = 0; client < 6; client++) {
            int c = client;
            work.add(clients.submit(() -> {
                int changes = 0;
                for (int t = 0; t < 6; t++) {
                    // each change of a token goes to a different node than the one before
                    String id = apis.get((c + t) % 2).createReply(ADMIN, "two-" + c + "-" + t, List.of("RuleRead"), null).string("id");
                    changes++;
                    for (int step = 0; step < 6; step++) {
                        HttpApi api = apis.get((c + t + step + 1) % 2);
                        Reply reply = step % 2 == 0 ? api.update(id, ADMIN, "two-" + step, List.of("RuleRead")) : api.rotate(id, ADMIN);
                        assertEquals(200, reply.status(), reply.body());
                        changes++;
                    }
                }
                return changes;
            }));
        }
        int changes = 0;
        for (Future<Integer> done : work) {
            changes += done.get();
        }
        clients.shutdown();
        Outbox outbox = new Outbox(nodes.bean(0, DataSource.class));
        List<Outbox.Row> rows = outbox.awaitDrained(Duration.ofSeconds(60));

        Consumed consumed = new Consumed(TestKafka.consume(kafka.bootstrapServers(), topic,
                records -> new Consumed(records).ids().size() >= rows.size(), Duration.ofSeconds(60)));

        assertEquals(252, changes);
        assertEquals(changes + 1, rows.size(), "one outbox row per change, plus the bootstrap admin");
        assertEquals(rows.stream().map(Outbox.Row::eventId).sorted().toList(), consumed.ids().stream().sorted().toList());
        Map<String, List<String>> seen = consumed.firstSeenIdsByKey();
        Outbox.idsByToken(rows).forEach((token, order) -> assertEquals(order, seen.get(token), "order of token " + token));
        Set<String> sources = consumed.events.stream().map(CloudEvent::getSource).map(Object::toString).collect(Collectors.toSet());
        assertEquals(Set.of("/keyward/node-a", "/keyward/node-b"), sources, "both relays published");
        long duplicates = consumed.records.size() - consumed.ids().size();
        report("TWO RELAYS: %d events, %d from node a, %d from node b, %d duplicates%n", rows.size(),
                Collections.frequency(consumed.events.stream().map(e -> e.getSource().toString()).toList(), "/keyward/node-a"),
                Collections.frequency(consumed.events.stream().map(e -> e.getSource().toString()).toList(), "/keyward/node-b"),
                duplicates);
        assertEquals(0, duplicates, "without faults no event is published twice, however many nodes relay");
    }
}
