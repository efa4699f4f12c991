package dev.keyward.app.ops;

import dev.keyward.app.support.EndToEndTest;
import dev.keyward.app.support.KeywardTestApp;
import dev.keyward.testkit.HttpApi;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Arrays;
import java.util.List;
import java.util.OptionalDouble;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code /prometheus} after some requests: the named meters exist with sane values, and no key, hash or id is a label. */
@MicronautTest(transactional = false)
class MetricsIT extends EndToEndTest {

    private static final Logger LOG = LoggerFactory.getLogger(MetricsIT.class);

    @Test
    void the_prometheus_scrape_holds_http_jvm_pool_outbox_and_relay_meters() throws Exception {
        HttpApi.Token token = api.create(admin, unique("metrics"), "OrganizationAPITokenRead");
        assertEquals(200, api.get("/api-tokens/self", token.value()).status());
        assertEquals(401, api.get("/api-tokens/self", dev.keyward.app.support.KeywardTestApp.newKey()).status());
        assertEquals(200, api.graphql(token.value(), "{ apiTokens { results { id } } }").status());
        assertEquals(200, api.post("/api-tokens/verify", token.value(), "{\"key\":\"" + admin + "\"}").status());

        String scrape = awaitScrape();
        LOG.info("[metrics] " + scrape.lines().filter(l -> l.startsWith("keyward_")).toList());

        assertTrue(value(scrape, "http_server_requests_seconds_count", "uri=\"/api-tokens/self\"").orElse(0) >= 2, "HTTP server requests");
        assertTrue(value(scrape, "http_server_requests_seconds_count", "status=\"200\",uri=\"/api-tokens/verify\"").orElse(0) >= 1,
                "verify, answered by the authentication filter, is counted like a routed answer");
        assertTrue(value(scrape, "jvm_memory_used_bytes", "").orElse(0) > 0, "JVM memory");
        assertTrue(scrape.lines().anyMatch(l -> l.startsWith("hikaricp_connections") || l.startsWith("jdbc_connections")), "pool metrics");
        assertTrue(value(scrape, "keyward_outbox_backlog", "").isPresent(), "outbox backlog gauge");
        assertTrue(value(scrape, "keyward_outbox_backlog", "").getAsDouble() >= 0);
        assertTrue(value(scrape, "keyward_outbox_oldest_age_seconds", "").getAsDouble() >= 0, "oldest-age gauge");
        assertTrue(value(scrape, "keyward_relay_passes_total", "outcome=\"ok\"").orElse(0) >= 1, "relay passes counted");
        assertTrue(value(scrape, "keyward_relay_events_total", "outcome=\"acknowledged\"").orElse(0) >= 1,
                "the create's event was published and counted");
        assertTrue(value(scrape, "keyward_relay_events_total", "outcome=\"unacknowledged\"").isPresent());
        assertTrue(value(scrape, "keyward_checks_total", "door=\"rest\",result=\"valid\"").orElse(0) >= 2, "valid REST checks");
        assertTrue(value(scrape, "keyward_checks_total", "door=\"rest\",result=\"not_found\"").orElse(0) >= 1, "the unknown key");
        assertTrue(value(scrape, "keyward_checks_total", "door=\"graphql\",result=\"valid\"").orElse(0) >= 1,
                "a GraphQL request is checked at its own door");
        assertEquals(0, value(scrape, "keyward_checks_total", "door=\"introspect\"").orElse(-1), "a door not used yet is at zero");
        assertTrue(value(scrape, "keyward_check_cache_size", "").orElse(0) >= 1, "the cache holds the checked tokens");
        double hitRatio = value(scrape, "keyward_check_cache_hit_ratio", "").orElse(-1);
        assertTrue(hitRatio >= 0 && hitRatio <= 1, "hit ratio " + hitRatio);
        assertTrue(value(scrape, "keyward_check_cache_lookups_total", "").orElse(0) >= 3, "cache lookups");
        assertTrue(value(scrape, "keyward_tokens_last_used_flush_uses_count", "").orElse(0) >= 1, "a lastUsedAt flush was measured");
        assertTrue(scrape.contains("keyward_check_duration_seconds_bucket"), "check latency histogram");

        for (String secret : List.of(admin, token.value(), token.id())) {
            assertFalse(scrape.contains(secret), "a key or token id in the metrics");
        }
        assertFalse(Pattern.compile("[0-9a-f]{64}").matcher(scrape).find(), "nothing shaped like a hash in the metrics");
    }

    @Override
    public java.util.Map<String, String> getProperties() {
        java.util.Map<String, String> properties = new java.util.HashMap<>(super.getProperties());
        // so a flush of lastUsedAt happens during the test
        properties.put("keyward.tokens.last-used-flush-interval", "200ms");
        return properties;
    }

    /** The gauges read the backlog in the background and uses are flushed every 200 ms: wait for both. */
    private String awaitScrape() throws InterruptedException {
        for (int attempt = 0; ; attempt++) {
            HttpApi.Reply reply = api.get("/prometheus", null);
            assertEquals(200, reply.status(), reply.body());
            OptionalDouble backlog = value(reply.body(), "keyward_outbox_backlog", "");
            OptionalDouble acknowledged = value(reply.body(), "keyward_relay_events_total", "outcome=\"acknowledged\"");
            OptionalDouble flushes = value(reply.body(), "keyward_tokens_last_used_flush_uses_count", "");
            if ((backlog.isPresent() && !Double.isNaN(backlog.getAsDouble()) && acknowledged.orElse(0) >= 1 && flushes.orElse(0) >= 1)
                    || attempt > 50) {
                return reply.body();
            }
            Thread.sleep(200);
        }
    }

    /** The sum of a metric's samples whose labels contain {@code labels}; empty if it has none. */
    private static OptionalDouble value(String scrape, String name, String labels) {
        double[] values = scrape.lines()
                .filter(line -> line.startsWith(name + "{") || line.startsWith(name + " "))
                .filter(line -> line.contains(labels))
                .mapToDouble(line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)))
                .toArray();
        return values.length == 0 ? OptionalDouble.empty() : OptionalDouble.of(Arrays.stream(values).sum());
    }
}
