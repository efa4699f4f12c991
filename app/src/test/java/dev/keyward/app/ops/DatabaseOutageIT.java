package dev.keyward.app.ops;

import dev.keyward.app.support.EndToEndTest;
import dev.keyward.app.support.KeywardTestApp;
import dev.keyward.app.support.TcpProxy;
import dev.keyward.testkit.HttpApi;
import io.micronaut.context.ApplicationContext;
import io.micronaut.data.connection.jdbc.advice.DelegatingDataSource;
import io.micronaut.json.JsonMapper;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import javax.sql.DataSource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The database cut off and back, through a TCP proxy between Keyward and the real MariaDB: every
 * request that needs the database fails fast with 503 and says why, readiness goes DOWN while
 * liveness stays UP, nothing is half-written, and everything recovers without a restart.
 */
@MicronautTest(transactional = false)
class DatabaseOutageIT extends EndToEndTest {

    private static final Logger LOG = LoggerFactory.getLogger(DatabaseOutageIT.class);

    /** The issue asks for 2 s; the margin is for a loaded 2-core test machine. */
    private static final Duration FAST = Duration.ofMillis(2500);

    private TcpProxy proxy;

    @Inject
    DataSource dataSource;

    @Override
    public Map<String, String> getProperties() {
        Map<String, String> properties = new LinkedHashMap<>(super.getProperties());
        String url = properties.get("datasources.default.url");
        proxy = TcpProxy.inFrontOf(url);
        properties.put("datasources.default.url", proxy.rewrite(url));
        return properties;
    }

    @AfterAll
    void closeTheProxy() {
        proxy.close();
    }

    @Test
    void with_the_database_cut_off_requests_fail_fast_with_503_and_recover_when_it_returns() throws Exception {
        HttpApi.Token token = api.create(admin, unique("before-the-cut"), "OrganizationAPITokenRead");
        awaitReadiness(200, Duration.ofSeconds(20));
        long rowsBefore = count("api_tokens");
        long eventsBefore = count("audit_outbox");
        String attempted = unique("during-the-cut");

        proxy.cut();
        long cutAt = System.nanoTime();
        Duration readinessDown = awaitReadiness(503, Duration.ofSeconds(10));
        LOG.info("[outage] readiness DOWN " + readinessDown.toMillis() + " ms after the cut");
        assertTrue(readinessDown.compareTo(FAST) < 0, "readiness went DOWN only after " + readinessDown);

        List<String> slow = new java.util.ArrayList<>();
        Map<String, Supplier<HttpApi.Reply>> requests = new LinkedHashMap<>();
        requests.put("GraphQL list", () -> api.graphql(admin, "{ apiTokens { results { id } } }"));
        requests.put("REST list", () -> api.get("/api-tokens", admin));
        requests.put("REST get", () -> api.get("/api-tokens/" + token.id(), admin));
        requests.put("REST create", () -> api.createReply(admin, attempted, List.of("AlertRead"), null));
        requests.put("REST self as the new token", () -> api.get("/api-tokens/self", token.value()));
        requests.put("GraphQL list again", () -> api.graphql(admin, "{ apiTokens { results { id } } }"));
        requests.put("GraphQL self", () -> api.graphql(admin, "{ apiToken(id: \"self\") { id } }"));
        requests.put("GraphQL create", () -> api.graphql(admin,
                "mutation ($in: CreateAPITokenInput!) { createAPIToken(input: $in) { token { id } } }",
                Map.of("in", Map.of("name", attempted, "permissions", List.of("AlertRead")))));
        requests.forEach((what, request) -> {
            HttpApi.Reply reply = request.get();
            LOG.info("[outage] " + what + ": " + reply.status() + " in " + reply.took().toMillis() + " ms");
            assertEquals(503, reply.status(), what + ": " + reply.body());
            if (what.startsWith("GraphQL")) {
                assertEquals("UNAVAILABLE", reply.errorCode(), reply.body());
                assertTrue(reply.errorMessage().startsWith("the token database is unavailable"), what + ": " + reply.body());
            } else {
                assertTrue(reply.message().startsWith("the token database is unavailable"), what + ": " + reply.body());
            }
            slow.add(reply.took().compareTo(FAST) < 0 ? "" : what + " took " + reply.took());
        });

        assertEquals(List.of(), slow.stream().filter(t -> !t.isEmpty()).toList(), "requests slower than " + FAST);
        HttpApi.Reply readiness = api.get("/health/readiness", null);
        HttpApi.Reply health = api.get("/health", null);
        HttpApi.Reply liveness = api.get("/health/liveness", null);
        LOG.info("[outage] readiness " + readiness.status() + " in " + readiness.took().toMillis() + " ms, health "
                + health.status() + " in " + health.took().toMillis() + " ms, liveness " + liveness.status() + " in "
                + liveness.took().toMillis() + " ms");
        assertEquals(503, readiness.status(), readiness.body());
        assertEquals("DOWN", readiness.string("status"), readiness.body());
        HttpApi.Reply head = api.send("HEAD", "/health/readiness", null, null, null);
        assertEquals(503, head.status(), "a load balancer probing with HEAD is told the truth too");
        assertEquals("", head.body());
        assertEquals(503, health.status(), health.body());
        assertTrue(health.took().compareTo(FAST) < 0, "/health took " + health.took());
        assertEquals(200, liveness.status(), liveness.body());
        assertEquals("UP", liveness.string("status"), liveness.body());
        LOG.info("[outage] the cut lasted " + Duration.ofNanos(System.nanoTime() - cutAt).toMillis() + " ms");

        proxy.open();
        Duration readinessUp = awaitReadiness(200, Duration.ofSeconds(20));
        LOG.info("[outage] readiness UP " + readinessUp.toMillis() + " ms after the database came back");
        HttpApi.Reply first = api.createReply(admin, unique("the-moment-readiness-says-up"), List.of("AlertRead"), null);
        assertEquals(200, first.status(), "a write sent the moment readiness turns 200 succeeds: " + first.body());
        assertTrue(readinessUp.compareTo(FAST) < 0, "readiness came back only after " + readinessUp);
        eventsBefore++;
        HttpApi.Reply list = api.get("/api-tokens", admin);
        assertEquals(200, list.status(), list.body());
        assertTrue(list.results().stream().noneMatch(t -> attempted.equals(t.get("name"))), "the create during the cut left a token");
        assertEquals(rowsBefore + 1, count("api_tokens"), "token rows: only the one created after the cut");
        assertEquals(eventsBefore, count("audit_outbox"), "outbox events");
        assertEquals(200, api.get("/api-tokens/self", token.value()).status());
        HttpApi.Reply created = api.createReply(admin, unique("after-the-cut"), List.of("AlertRead"), null);
        assertEquals(200, created.status(), created.body());
        assertEquals(eventsBefore + 1, count("audit_outbox"), "the create after the cut wrote its event");
    }

    @Test
    void with_the_database_black_holed_requests_still_answer_503_within_the_bound() throws Exception {
        HttpApi.Token token = api.create(admin, unique("before-the-hole"), "OrganizationAPITokenRead");
        awaitReadiness(200, Duration.ofSeconds(20));
        long rowsBefore = count("api_tokens");
        String attempted = unique("during-the-hole");

        proxy.blackHole();
        try {
            Map<String, Supplier<HttpApi.Reply>> requests = new LinkedHashMap<>();
            requests.put("REST list", () -> api.get("/api-tokens", admin));
            requests.put("REST create", () -> api.createReply(admin, attempted, List.of("AlertRead"), null));
            requests.put("REST get", () -> api.get("/api-tokens/" + token.id(), admin));
            requests.put("GraphQL list", () -> api.graphql(admin, "{ apiTokens { results { id } } }"));
            for (Map.Entry<String, Supplier<HttpApi.Reply>> request : requests.entrySet()) {
                HttpApi.Reply reply = request.getValue().get();
                LOG.info("[black hole] " + request.getKey() + ": " + reply.status() + " in " + reply.took().toMillis() + " ms");
                assertEquals(503, reply.status(), request.getKey() + ": " + reply.body());
                assertTrue(reply.took().compareTo(FAST) < 0, request.getKey() + " took " + reply.took());
            }
            awaitReadiness(503, Duration.ofSeconds(5));
        } finally {
            proxy.open();
        }
        awaitReadiness(200, Duration.ofSeconds(20));
        assertEquals(rowsBefore, count("api_tokens"), "nothing half-written during the black hole");
        HttpApi.Reply created = api.createReply(admin, unique("after-the-hole"), List.of("AlertRead"), null);
        assertEquals(200, created.status(), created.body());
    }

    @Test
    void a_node_cut_off_in_its_first_second_is_never_ready_until_the_database_answers_again() throws Exception {
        // A database of its own: asking for this class's properties again would recreate the class's database.
        Map<String, Object> properties = new LinkedHashMap<>(KeywardTestApp.properties("ops_fresh_node_cut", admin));
        String url = (String) properties.get("datasources.default.url");
        properties.put("micronaut.server.port", "-1");
        try (TcpProxy own = TcpProxy.inFrontOf(url)) {
            properties.put("datasources.default.url", own.rewrite(url));
            startCutAndRecover(properties, own);
        }
    }

    private void startCutAndRecover(Map<String, Object> properties, TcpProxy proxy) throws Exception {
        try (EmbeddedServer fresh = ApplicationContext.run(EmbeddedServer.class, properties)) {
            HttpApi node = new HttpApi(fresh.getPort(), fresh.getApplicationContext().getBean(JsonMapper.class));
            assertReadinessTellsTheTruth(node.get("/health/readiness", null));
            proxy.cut();
            try {
                Duration down = awaitReadiness(node, 503, Duration.ofSeconds(10));
                LOG.info("[outage] a node cut in its first second: readiness DOWN " + down.toMillis() + " ms after the cut");
                assertTrue(down.compareTo(FAST) < 0, "readiness went DOWN only after " + down);
                long until = System.nanoTime() + Duration.ofSeconds(3).toNanos();
                while (System.nanoTime() < until) {
                    HttpApi.Reply reply = node.get("/health/readiness", null);
                    assertEquals(503, reply.status(), "ready while the database is cut: " + reply.body());
                    Thread.sleep(100);
                }
            } finally {
                proxy.open();
            }
            awaitReadiness(node, 200, Duration.ofSeconds(20));
            HttpApi.Reply created = node.createReply(admin, unique("fresh-node-after-the-cut"), List.of("AlertRead"), null);
            assertEquals(200, created.status(), "a write right after readiness turns 200: " + created.body());
        }
    }

    /** Readiness says exactly UP (200) or DOWN (503): never UNKNOWN, never 200 without UP. */
    private static void assertReadinessTellsTheTruth(HttpApi.Reply reply) {
        String status = reply.string("status");
        assertTrue(("UP".equals(status) && reply.status() == 200) || ("DOWN".equals(status) && reply.status() == 503),
                "readiness answered " + reply.status() + ": " + reply.body());
    }

    /** Polls {@code /health/readiness} until it answers {@code status}; returns how long that took. */
    private Duration awaitReadiness(int status, Duration limit) throws InterruptedException {
        return awaitReadiness(api, status, limit);
    }

    private static Duration awaitReadiness(HttpApi api, int status, Duration limit) throws InterruptedException {
        long start = System.nanoTime();
        while (true) {
            HttpApi.Reply reply = api.get("/health/readiness", null);
            assertTrue(reply.took().compareTo(FAST) < 0, "/health/readiness took " + reply.took());
            assertReadinessTellsTheTruth(reply);
            Duration waited = Duration.ofNanos(System.nanoTime() - start);
            if (reply.status() == status) {
                return waited;
            }
            assertTrue(waited.compareTo(limit) < 0, "readiness still " + reply.status() + " after " + waited + ": " + reply.body());
            Thread.sleep(50);
        }
    }

    private long count(String table) throws SQLException {
        try (Connection connection = DelegatingDataSource.unwrapDataSource(dataSource).getConnection();
             Statement statement = connection.createStatement();
             ResultSet rs = statement.executeQuery("SELECT COUNT(*) FROM " + table)) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
