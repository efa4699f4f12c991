package dev.keyward.app.events;

import dev.keyward.app.support.KeywardNodes;
import dev.keyward.app.support.KeywardTestApp;
import dev.keyward.domain.lifecycle.LifecycleScanning;
import dev.keyward.testkit.HttpApi;
import dev.keyward.testkit.HttpApi.Reply;
import io.micronaut.context.ApplicationContext;
import io.micronaut.json.JsonMapper;
import io.micronaut.runtime.server.EmbeddedServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Collectors;
import javax.sql.DataSource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Two Keyward nodes on one MariaDB database, both scanning the lifecycle calendar every 20 ms, and four
 * more threads calling the scan as fast as they can on both nodes: every token's occasions (two expiry
 * warnings, its rotation falling due, its expiry) are each announced exactly once. The times are
 * seconds instead of days: warnings 4 s and 2 s before expiry, a 5-second rotation period, tokens that
 * live 6 seconds; a lifetime cap of one hour.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class LifecycleTwoNodesEndToEndIT {

    /** Where the nodes keep their tokens; the *GaleraIT subclass runs every test on the cluster. */
    protected KeywardNodes.Database database() {
        return KeywardNodes.ONE_SERVER;
    }

    static final String ADMIN = KeywardTestApp.newKey();
    static final int TOKENS = 12;

    private KeywardNodes nodes;
    private List<HttpApi> apis;

    @BeforeAll
    void startTwoNodes() {
        nodes = database().start(2, "lifecycle_two_nodes", ADMIN, Map.of(
                "keyward.tokens.expiry-warnings", "4s,2s",
                "keyward.tokens.rotation-period", "5s",
                "keyward.tokens.max-lifetime", "1h",
                "keyward.tokens.lifecycle-scan-interval", "20ms"), node -> Map.of());
        apis = nodes.apis();
    }

    @AfterAll
    void stop() {
        nodes.close();
    }

    @Test
    void every_occasion_of_every_token_is_announced_exactly_once_however_many_nodes_scan() throws Exception {
        AtomicBoolean hammering = new AtomicBoolean(true);
        ExecutorService scanners = Executors.newFixedThreadPool(4);
        List<Future<?>> scans = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            LifecycleScanning scanning = nodes.bean(i % 2, LifecycleScanning.class);
            scans.add(scanners.submit(() -> {
                while (hammering.get()) {
                    scanning.scanOnce();
                }
                return null;
            }));
        }
        List<String> ids = new ArrayList<>();
        Instant lastExpiry = Instant.now();
        for (int i = 0; i < TOKENS; i++) {
            lastExpiry = Instant.now().plusSeconds(6);
            Reply created = apis.get(i % 2).post("/api-tokens", ADMIN,
                    "{\"name\":\"life-" + i + "\",\"permissions\":[],\"expiresAt\":\"" + lastExpiry + "\"}");
            assertEquals(200, created.status(), created.body());
            ids.add(created.string("id"));
        }
        Thread.sleep(Duration.between(Instant.now(), lastExpiry).plusSeconds(1).toMillis());
        hammering.set(false);
        for (Future<?> scan : scans) {
            scan.get(30, TimeUnit.SECONDS);
        }
        scanners.shutdown();

        Map<String, List<String>> lifecycleTypes = new Outbox(nodes.bean(0, DataSource.class)).rows()
                .stream().filter(row -> ids.contains(row.tokenId()) && !row.type().equals("created"))
                .collect(Collectors.groupingBy(Outbox.Row::tokenId, Collectors.mapping(Outbox.Row::type, Collectors.toList())));
        for (String id : ids) {
            assertEquals(List.of("expiring", "expiring", "rotation-due", "expired"), lifecycleTypes.get(id), "token " + id);
        }
    }

    @Test
    void rest_and_graphql_show_when_a_rotation_is_due_and_the_lifetime_cap_applies_to_new_tokens() {
        HttpApi api = apis.get(0);
        Reply created = api.post("/api-tokens", ADMIN, "{\"name\":\"capped\",\"permissions\":[]}");
        Instant createdAt = Instant.parse(created.string("createdAt"));
        assertEquals(createdAt.plusSeconds(5), Instant.parse(created.string("rotationDueAt")));
        assertEquals(createdAt.plus(Duration.ofHours(1)), Instant.parse(created.string("expiresAt")), "the cap fills in expiresAt");

        Reply graphql = apis.get(1).graphql(ADMIN, "{ apiToken(id: \"" + created.string("id") + "\") { rotationDueAt } }");
        assertEquals(created.string("rotationDueAt"), graphql.at("data", "apiToken", "rotationDueAt"));

        Reply tooLong = api.post("/api-tokens", ADMIN, "{\"name\":\"long\",\"permissions\":[],\"expiresAt\":\""
                + Instant.now().plus(Duration.ofHours(2)) + "\"}");
        assertEquals(400, tooLong.status(), tooLong.body());
        assertTrue(tooLong.message().contains("keyward.tokens.max-lifetime") && tooLong.message().contains("expiresAt"), tooLong.body());
    }
}
