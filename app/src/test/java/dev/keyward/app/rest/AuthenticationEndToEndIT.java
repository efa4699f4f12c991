package dev.keyward.app.rest;

import dev.keyward.app.support.EndToEndTest;
import dev.keyward.domain.error.UnauthenticatedException;
import dev.keyward.domain.token.TokenValue;
import dev.keyward.testkit.HttpApi.Reply;
import dev.keyward.testkit.HttpApi.Token;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import org.junit.jupiter.api.Test;

import java.security.SecureRandom;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/** Who gets in: every refused key looks the same from outside; allowlists and proxies decide the address. */
@MicronautTest(transactional = false)
class AuthenticationEndToEndIT extends EndToEndTest {

    private static final String UNAUTHENTICATED = "{\"message\":\"" + UnauthenticatedException.MESSAGE + "\"}";

    @Test
    void every_kind_of_bad_key_gets_the_same_401() throws InterruptedException {
        Token deleted = api.create(admin, unique("deleted"), "OrganizationAPITokenRead");
        api.delete("/api-tokens/" + deleted.id(), admin);
        Token rotated = api.create(admin, unique("rotated"), "OrganizationAPITokenRead");
        api.rotate(rotated.id(), admin);
        Reply expiring = api.post("/api-tokens", admin, "{\"name\":\"brief\",\"permissions\":[\"OrganizationAPITokenRead\"],"
                + "\"expiresAt\":\"" + Instant.now().plusMillis(1500) + "\"}");
        assertEquals(200, expiring.status(), expiring.body());
        String expired = expiring.string("value");
        assertEquals(200, api.get("/api-tokens/self", expired).status(), "usable before it expires");
        String unknown = TokenValue.generate(new SecureRandom()).reveal();
        String badChecksum = admin.substring(0, admin.length() - 1) + (admin.endsWith("0") ? "1" : "0");
        Thread.sleep(2000);

        Map<String, String> keys = new LinkedHashMap<>();
        keys.put("malformed", "kw_short");
        keys.put("wrong prefix", "xx" + admin.substring(2));
        keys.put("forged checksum", badChecksum);
        keys.put("unknown", unknown);
        keys.put("deleted", deleted.value());
        keys.put("rotated away", rotated.value());
        keys.put("expired", expired);
        keys.put("empty", "");
        keys.put("admin with spaces inside", admin.substring(0, 10) + " " + admin.substring(10));
        for (var key : keys.entrySet()) {
            for (String path : List.of("/api-tokens", "/api-tokens/self")) {
                Reply reply = api.get(path, key.getValue());
                assertEquals(401, reply.status(), key.getKey());
                assertEquals(UNAUTHENTICATED, reply.body(), key.getKey());
                assertFalse(key.getValue().length() > 3 && reply.body().contains(key.getValue()), "the key is not echoed");
            }
        }
        Reply missing = api.get("/api-tokens", null);
        assertEquals(401, missing.status());
        assertEquals(UNAUTHENTICATED, missing.body());
    }

    @Test
    void authentication_comes_before_the_body_is_read() {
        Reply reply = api.post("/api-tokens", null, "{this is not json");
        assertEquals(401, reply.status());
        assertEquals(UNAUTHENTICATED, reply.body());
        Reply unknownId = api.get("/api-tokens/no-such-id", null);
        assertEquals(401, unknownId.status(), "a stranger cannot probe which ids exist");
    }

    @Test
    void a_token_allowed_only_from_another_network_is_refused_from_loopback() {
        Token lan = api.create(admin, unique("lan"), List.of("OrganizationAPITokenRead"), List.of("10.0.0.0/8"));
        Reply reply = api.get("/api-tokens/self", lan.value());
        assertEquals(401, reply.status());
        assertEquals(UNAUTHENTICATED, reply.body(), "the refusal does not reveal that the token exists");
    }

    @Test
    void a_token_allowed_from_loopback_works_from_loopback() {
        Token local = api.create(admin, unique("local"), List.of("OrganizationAPITokenRead"), List.of("192.0.2.0/24", "127.0.0.0/8"));
        assertEquals(200, api.get("/api-tokens/self", local.value()).status());
    }

    @Test
    void x_forwarded_for_from_an_untrusted_peer_is_ignored() {
        Token lan = api.create(admin, unique("lan"), List.of("OrganizationAPITokenRead"), List.of("10.0.0.0/8"));
        assertEquals(401, api.send("GET", "/api-tokens/self", lan.value(), null, null, "X-Forwarded-For", "10.1.2.3").status());
        Token local = api.create(admin, unique("local"), List.of("OrganizationAPITokenRead"), List.of("127.0.0.0/8"));
        assertEquals(200, api.send("GET", "/api-tokens/self", local.value(), null, null, "X-Forwarded-For", "203.0.113.9").status(),
                "a forged header cannot lock a client out either");
    }

    @Test
    void narrowing_a_token_allowlist_takes_effect_on_its_next_request() {
        Token token = api.create(admin, unique("narrowed"), "OrganizationAPITokenRead");
        assertEquals(200, api.get("/api-tokens/self", token.value()).status());
        api.post("/api-tokens/" + token.id(), admin,
                "{\"name\":\"narrowed\",\"permissions\":[\"OrganizationAPITokenRead\"],\"allowedCIDRBlocks\":[\"10.0.0.0/8\"]}");
        assertEquals(401, api.get("/api-tokens/self", token.value()).status());
    }
}
