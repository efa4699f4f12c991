package dev.keyward.app.events;

import dev.keyward.app.support.KeywardNodes;
import dev.keyward.app.support.KeywardTestApp;
import dev.keyward.testkit.HttpApi;
import io.micronaut.context.ApplicationContext;
import io.micronaut.json.JsonMapper;
import io.micronaut.runtime.server.EmbeddedServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Two Keyward nodes on one MariaDB database with {@code keyward.tokens.revoke-on-reuse}: a value rotated
 * away, replayed by eight clients on both nodes at once, is refused every time, revokes the token, and
 * makes exactly one {@code reused} event (which stands for the deletion: no {@code deleted} event).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ReuseTwoNodesEndToEndIT {

    /** Where the nodes keep their tokens; the *GaleraIT subclass runs every test on the cluster. */
    protected KeywardNodes.Database database() {
        return KeywardNodes.ONE_SERVER;
    }

    static final String ADMIN = KeywardTestApp.newKey();

    private KeywardNodes nodes;
    private List<HttpApi> apis;

    @BeforeAll
    void startTwoNodes() {
        nodes = database().start(2, "reuse_two_nodes", ADMIN, Map.of("keyward.tokens.revoke-on-reuse", "true"), node -> Map.of());
        apis = nodes.apis();
    }

    @AfterAll
    void stop() {
        nodes.close();
    }

    @Test
    void a_value_replayed_on_both_nodes_revokes_its_token_with_exactly_one_reused_event() throws Exception {
        var token = apis.get(0).create(ADMIN, "replayed", "OrganizationAPITokenRead");
        var current = apis.get(1).rotate(token.id(), ADMIN);
        assertEquals(200, current.status(), current.body());

        ExecutorService clients = Executors.newFixedThreadPool(8);
        List<Future<List<Integer>>> replays = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            HttpApi node = apis.get(i % 2);
            replays.add(clients.submit(() -> {
                List<Integer> statuses = new ArrayList<>();
                for (int n = 0; n < 25; n++) {
                    statuses.add(node.get("/api-tokens/self", token.value()).status());
                }
                return statuses;
            }));
        }
        for (Future<List<Integer>> replay : replays) {
            assertTrue(replay.get(60, TimeUnit.SECONDS).stream().allMatch(status -> status == 401));
        }
        clients.shutdown();

        Outbox outbox = new Outbox(nodes.bean(0, DataSource.class));
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (!outbox.typesOf(token.id()).contains("reused") && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        assertEquals(List.of("created", "rotated", "reused"), outbox.typesOf(token.id()));
        for (HttpApi node : apis) {
            assertEquals(404, node.get("/api-tokens/" + token.id(), ADMIN).status(), "revoked on every node");
            assertEquals(401, node.get("/api-tokens/self", current.string("value")).status(), "the current value died with the token");
        }
    }
}
