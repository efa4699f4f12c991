package dev.keyward.app.cluster;

import dev.keyward.app.support.GaleraCluster;
import dev.keyward.app.support.KeywardNodes;
import dev.keyward.app.support.KeywardTestApp;
import dev.keyward.testkit.HttpApi;
import dev.keyward.testkit.HttpApi.Reply;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Concurrent writes through two Keyward nodes on two different nodes of a Galera cluster: a write that
 * loses Galera's certification at COMMIT (reported as a deadlock) is retried inside or answered 409,
 * never 500, and whatever was answered holds on both nodes.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class GaleraWritesEndToEndIT {

    private static final Logger LOG = LoggerFactory.getLogger(GaleraWritesEndToEndIT.class);
    private static final String ADMIN = KeywardTestApp.newKey();

    private KeywardNodes nodes;

    @BeforeAll
    void start() {
        nodes = KeywardNodes.onGalera(2, "galera_writes", ADMIN, Map.of(), node -> Map.of());
    }

    @AfterAll
    void stop() {
        if (nodes != null) {
            nodes.close();
        }
    }

    @Test
    void thirty_tokens_rotated_at_once_through_both_nodes_answer_200_or_409_and_the_answered_value_works_on_both() throws Exception {
        List<HttpApi> apis = nodes.apis();
        int tokens = 30;
        int rounds = 5;
        List<HttpApi.Token> created = new ArrayList<>();
        for (int t = 0; t < tokens; t++) {
            created.add(apis.get(t % 2).create(ADMIN, "certified-" + t, "RuleRead"));
        }
        ExecutorService writers = Executors.newFixedThreadPool(tokens);
        CountDownLatch go = new CountDownLatch(1);
        List<Future<List<Reply>>> work = new ArrayList<>();
        for (int t = 0; t < tokens; t++) {
            int token = t;
            work.add(writers.submit(() -> {
                go.await();
                List<Reply> replies = new ArrayList<>();
                for (int round = 0; round < rounds; round++) {
                    replies.add(apis.get((token + round) % 2).rotate(created.get(token).id(), ADMIN));
                }
                return replies;
            }));
        }
        go.countDown();
        Map<Integer, Integer> statuses = new TreeMap<>();
        List<String> unexpected = new ArrayList<>();
        List<String> lastValues = new ArrayList<>();
        for (int t = 0; t < tokens; t++) {
            String last = created.get(t).value();
            for (Reply reply : work.get(t).get()) {
                statuses.merge(reply.status(), 1, Integer::sum);
                if (reply.status() == 200) {
                    last = reply.string("value");
                } else if (reply.status() != 409) {
                    unexpected.add(reply.status() + " " + reply.body());
                }
            }
            lastValues.add(last);
        }
        writers.shutdown();
        LOG.info("GALERA ROTATIONS: {} rotations of {} tokens through two cluster nodes answered {}", tokens * rounds, tokens, statuses);

        assertEquals(List.of(), unexpected, "every rotation answers 200 or 409");
        Thread.sleep(1_000);
        List<String> refused = new ArrayList<>();
        for (int t = 0; t < tokens; t++) {
            for (int node = 0; node < apis.size(); node++) {
                int status = apis.get(node).get("/api-tokens/self", lastValues.get(t)).status();
                if (status != 200) {
                    refused.add("token " + t + " on node " + node + ": " + status + " " + apis.get(node).get("/api-tokens/" + created.get(t).id(), ADMIN).body());
                }
            }
        }
        assertEquals(List.of(), refused, "the last value handed out works on every node");
    }

    @Test
    void two_hundred_fifty_creates_at_once_through_both_nodes_land_whole() throws Exception {
        List<HttpApi> apis = nodes.apis();
        ExecutorService clients = Executors.newFixedThreadPool(25);
        List<Future<Reply>> work = new ArrayList<>();
        for (int i = 0; i < 250; i++) {
            int n = i;
            work.add(clients.submit(() -> apis.get(n % 2).createReply(ADMIN, "landed-" + n, List.of("RuleRead"), null)));
        }
        List<HttpApi.Token> created = new ArrayList<>();
        List<String> unexpected = new ArrayList<>();
        for (Future<Reply> done : work) {
            Reply reply = done.get();
            if (reply.status() == 200) {
                created.add(new HttpApi.Token(reply.string("id"), reply.string("value")));
            } else if (reply.status() != 409) {
                unexpected.add(reply.status() + " " + reply.body());
            }
        }
        clients.shutdown();
        LOG.info("GALERA CREATES: {} of 250 created, {} other answers", created.size(), unexpected.size());

        assertEquals(List.of(), unexpected, "every create answers 200 or 409");
        assertTrue(created.size() >= 240, created.size() + " of 250 creates landed");
        for (HttpApi.Token token : created) {
            for (HttpApi api : apis) {
                Reply self = api.get("/api-tokens/self", token.value());
                assertEquals(200, self.status(), "a created token works on every node");
                assertEquals(token.id(), self.string("id"));
            }
        }
    }
}
