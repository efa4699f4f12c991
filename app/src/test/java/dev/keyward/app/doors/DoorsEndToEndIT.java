package dev.keyward.app.doors;

import dev.keyward.app.support.EndToEndTest;
import dev.keyward.testkit.HttpApi.Reply;
import dev.keyward.testkit.HttpApi.Token;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static dev.keyward.testkit.HttpApi.GRAPHQL;
import static dev.keyward.testkit.HttpApi.JSON;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The doors for other services, end to end on the real database: {@code /api-tokens/verify} with every
 * result code, {@code /introspect}, Bearer beside X-API-Key on REST and GraphQL, forward-auth refusing
 * a peer that is no trusted proxy, and every door counting as a use (uses are flushed every 200 ms here).
 */
@MicronautTest(transactional = false)
class DoorsEndToEndIT extends EndToEndTest {

    private static final String FORM = "application/x-www-form-urlencoded";

    @Override
    public Map<String, String> getProperties() {
        Map<String, String> properties = new HashMap<>(super.getProperties());
        properties.put("keyward.tokens.last-used-flush-interval", "200ms");
        return properties;
    }

    private Map<String, Object> verify(String body) {
        Reply reply = api.post("/api-tokens/verify", admin, body);
        assertEquals(200, reply.status(), reply.body());
        return reply.json();
    }

    private static String key(String value) {
        return "{\"key\":\"" + value + "\"";
    }

    @Test
    void verify_answers_every_result_code() throws InterruptedException {
        Token live = api.create(admin, unique("live"), "AlertRead");
        Token fenced = api.create(admin, unique("fenced"), List.of("AlertRead"), List.of("10.0.0.0/8"));
        Reply shortLived = api.post("/api-tokens", admin, "{\"name\":\"" + unique("brief") + "\",\"permissions\":[],\"expiresAt\":\""
                + Instant.now().plusSeconds(2) + "\"}");
        Token rotated = api.create(admin, unique("rotated"));
        api.rotate(rotated.id(), admin);

        assertEquals("VALID", verify(key(live.value()) + ",\"permissions\":[\"AlertRead\"]}").get("code"));
        assertEquals("MALFORMED", verify(key("kw_short") + "}").get("code"));
        assertEquals("NOT_FOUND", verify(key(rotated.value()) + "}").get("code"));
        assertEquals("ADDRESS_NOT_ALLOWED", verify(key(fenced.value()) + ",\"clientAddress\":\"192.0.2.7\"}").get("code"));
        assertEquals("VALID", verify(key(fenced.value()) + ",\"clientAddress\":\"10.20.30.40\"}").get("code"));
        Map<String, Object> lacking = verify(key(live.value()) + ",\"permissions\":[\"AlertRead\",\"RuleModify\"]}");
        assertEquals("INSUFFICIENT_PERMISSIONS", lacking.get("code"));
        assertEquals(List.of("RuleModify"), lacking.get("missingPermissions"));
        Thread.sleep(Duration.between(Instant.now(), Instant.parse(shortLived.string("expiresAt"))).toMillis() + 100);
        Map<String, Object> expired = verify(key(shortLived.string("value")) + "}");
        assertEquals("EXPIRED", expired.get("code"));
        assertEquals(false, expired.get("valid"));
        assertEquals(shortLived.string("id"), ((Map<?, ?>) expired.get("token")).get("id"));
    }

    @Test
    void introspection_tells_active_from_inactive_and_needs_a_reading_caller() {
        Token live = api.create(admin, unique("introspected"), "AlertRead", "RuleRead");
        Token fenced = api.create(admin, unique("fenced"), List.of(), List.of("10.0.0.0/8"));
        Token writer = api.create(admin, unique("writer"), "OrganizationAPITokenModify");

        Reply active = api.send("POST", "/introspect", admin, FORM, "token=" + live.value() + "&token_type_hint=whatever");
        assertEquals(200, active.status(), active.body());
        assertEquals(true, active.json().get("active"));
        assertEquals("AlertRead RuleRead", active.json().get("scope"));
        assertEquals(live.id(), active.json().get("sub"));
        assertEquals("api_key", active.json().get("token_type"));
        assertFalse(active.json().containsKey("exp"), active.body());
        assertEquals("{\"active\":false}", api.send("POST", "/introspect", admin, FORM, "token=kw_nothing").body());
        assertEquals("{\"active\":false}", api.send("POST", "/introspect", admin, FORM, "token=" + fenced.value()).body());
        assertEquals(true, api.send("POST", "/introspect", admin, FORM, "token=" + fenced.value() + "&client_address=10.1.1.1").json().get("active"));
        assertEquals(403, api.send("POST", "/introspect", writer.value(), FORM, "token=" + live.value()).status());
        assertEquals(401, api.send("POST", "/introspect", null, FORM, "token=" + live.value()).status());
        assertEquals(200, api.send("POST", "/introspect", null, FORM, "token=" + live.value(), "Authorization", "Bearer " + admin).status());
    }

    @Test
    void forward_auth_refuses_a_peer_that_is_not_a_trusted_proxy() {
        Reply reply = api.get("/forward-auth", admin);
        assertEquals(403, reply.status());
        assertNull(reply.header("X-Keyward-Token-Id"));
        assertTrue(reply.message().contains("trusted-proxies"), reply.message());
    }

    @Test
    void a_bearer_token_works_on_rest_and_graphql_and_two_different_keys_are_refused_on_both() {
        Token other = api.create(admin, unique("other"), "OrganizationAPITokenRead");
        String query = api.toJson(Map.of("query", "{ apiToken(id: \"self\") { name } }"));

        assertEquals(200, api.send("GET", "/api-tokens/self", null, null, null, "Authorization", "Bearer " + admin).status());
        assertEquals("bootstrap-admin", api.send("POST", GRAPHQL, null, JSON, query, "Authorization", "Bearer " + admin).at("data", "apiToken", "name"));
        assertEquals(200, api.send("GET", "/api-tokens/self", admin, null, null, "Authorization", "Bearer " + admin).status());

        Reply rest = api.send("GET", "/api-tokens/self", admin, null, null, "Authorization", "Bearer " + other.value());
        assertEquals(401, rest.status());
        assertTrue(rest.header("WWW-Authenticate").contains("Bearer") && rest.header("WWW-Authenticate").contains("X-API-Key"));
        Reply graphql = api.send("POST", GRAPHQL, admin, JSON, query, "Authorization", "Bearer " + other.value());
        assertEquals(401, graphql.status(), graphql.body());
        assertEquals("UNAUTHENTICATED", graphql.errorCode());
    }

    @Test
    void every_door_counts_as_a_use_of_the_checked_token() throws InterruptedException {
        Token viaVerify = api.create(admin, unique("verified"));
        Token viaIntrospection = api.create(admin, unique("introspected"));
        Token viaBearer = api.create(admin, unique("bearer"), "OrganizationAPITokenRead");

        verify(key(viaVerify.value()) + ",\"clientAddress\":\"203.0.113.9\"}");
        api.send("POST", "/introspect", admin, FORM, "token=" + viaIntrospection.value() + "&client_address=198.51.100.4");
        api.send("GET", "/api-tokens?limit=1", null, null, null, "Authorization", "Bearer " + viaBearer.value());

        assertEquals("203.0.113.9", usedFrom(viaVerify.id()));
        assertEquals("198.51.100.4", usedFrom(viaIntrospection.id()));
        assertEquals("127.0.0.1", usedFrom(viaBearer.id()));
    }

    /** Waits (a few flush intervals at most) until the token's use is stored, then returns lastUsedFrom. */
    private String usedFrom(String id) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        Reply token;
        do {
            Thread.sleep(100);
            token = api.get("/api-tokens/" + id, admin);
        } while (token.json().get("lastUsedAt") == null && System.nanoTime() < deadline);
        assertNotNull(token.json().get("lastUsedAt"), token.body());
        return token.string("lastUsedFrom");
    }
}
