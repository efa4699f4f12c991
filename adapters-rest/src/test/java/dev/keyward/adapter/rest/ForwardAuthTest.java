package dev.keyward.adapter.rest;

import dev.keyward.domain.check.PresentedKey;
import dev.keyward.domain.error.UnavailableException;
import dev.keyward.testkit.HttpApi;
import io.micronaut.context.annotation.Property;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code /forward-auth} asked by a trusted proxy (the loopback peer is one here). */
@MicronautTest
@Property(name = "test.trusted-proxies", value = "127.0.0.0/8")
@Property(name = "keyward.forward-auth.meta-headers", value = "plan,data-region,seats,missing")
class ForwardAuthTest extends ServerTest {

    @Inject
    TestCheckedTokens checkedTokens;

    @AfterEach
    void theCheckAnswersAgain() {
        checkedTokens.failure = null;
    }

    @ParameterizedTest
    @ValueSource(strings = {"GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"})
    void a_valid_key_gets_200_with_the_token_headers_whatever_the_method(String method) {
        String key = create("{\"name\":\"Zoë's büro\",\"permissions\":[\"AlertRead\",\"RuleRead\"]}");

        boolean withBody = method.equals("POST") || method.equals("PUT");
        HttpApi.Reply reply = client.send(method, "/forward-auth?require=AlertRead", null, withBody ? "text/plain" : null,
                withBody ? "the client's body, ignored" : null, "Authorization", "Bearer " + key);

        assertEquals(200, reply.status(), reply.body());
        assertTrue(reply.header("X-Keyward-Token-Id").startsWith("tok_") || !reply.header("X-Keyward-Token-Id").isBlank());
        assertEquals("Zo%C3%AB%27s%20b%C3%BCro", reply.header("X-Keyward-Token-Name"));
        assertEquals("Zoë's büro", URLDecoder.decode(reply.header("X-Keyward-Token-Name"), StandardCharsets.UTF_8));
        assertEquals("AlertRead,RuleRead", reply.header("X-Keyward-Permissions"));
    }

    @Test
    void the_listed_meta_keys_go_upstream_as_headers_percent_encoded_and_a_key_the_token_lacks_as_empty() {
        String key = create("{\"name\":\"m\",\"permissions\":[],\"meta\":{\"plan\":\"gold plus\",\"data-region\":\"zürich\","
                + "\"seats\":12,\"secret-ish\":\"not listed\"}}");

        HttpApi.Reply reply = client.send("GET", "/forward-auth", key, null, null);

        assertEquals(200, reply.status(), reply.body());
        assertEquals("gold%20plus", reply.header("X-Keyward-Meta-Plan"));
        assertEquals("z%C3%BCrich", reply.header("X-Keyward-Meta-Data-Region"));
        assertEquals("12", reply.header("X-Keyward-Meta-Seats"), "a number goes as its JSON text");
        assertEquals("", reply.header("X-Keyward-Meta-Missing"), "a listed key the token lacks: empty, so a gateway copying it overwrites a forged one");
        assertNull(reply.header("X-Keyward-Meta-Secret-Ish"), "only the listed keys");
    }

    @Test
    void every_authentication_failure_is_the_same_401_with_a_challenge() {
        String fenced = create("{\"name\":\"fenced\",\"permissions\":[],\"allowedCIDRBlocks\":[\"10.0.0.0/8\"]}");
        String disabled = create("{\"name\":\"off\",\"permissions\":[],\"enabled\":false}");
        String[][] failures = {
                {},
                {"X-API-Key", disabled},
                {"X-API-Key", "kw_notatoken"},
                {"X-API-Key", "kw_000000000000000000000000000000000000"},
                {"X-API-Key", fenced, "X-Forwarded-For", "192.0.2.1"},
                {"X-API-Key", admin, "Authorization", "Bearer " + fenced},
        };
        for (String[] headers : failures) {
            HttpApi.Reply reply = client.send("GET", "/forward-auth", null, null, null, headers);
            assertEquals(401, reply.status(), String.join(" ", headers));
            assertEquals(PresentedKey.CHALLENGE, reply.header("WWW-Authenticate"));
            assertEquals(Map.of("message", reply.message()), reply.json());
            assertNull(reply.header("X-Keyward-Token-Id"));
        }
        assertEquals(200, client.send("GET", "/forward-auth", fenced, null, null, "X-Forwarded-For", "10.9.8.7").status());
    }

    @Test
    void a_missing_permission_is_403_naming_it() {
        String key = create("{\"name\":\"alerts\",\"permissions\":[\"AlertRead\"]}");

        HttpApi.Reply reply = client.get("/forward-auth?require=AlertRead,RuleRead", key);

        assertEquals(403, reply.status());
        assertTrue(reply.message().contains("RuleRead"), reply.message());
        assertNull(reply.header("X-Keyward-Token-Id"));
    }

    @Test
    void require_takes_a_permission_query() {
        String key = create("{\"name\":\"alerts\",\"permissions\":[\"AlertRead\",\"UserRead\"]}");

        HttpApi.Reply either = client.get("/forward-auth?require=AlertRead%20AND%20(RuleRead%20OR%20UserRead)", key);
        HttpApi.Reply neither = client.get("/forward-auth?require=RuleRead%20OR%20AlertModify", key);
        HttpApi.Reply malformed = client.get("/forward-auth?require=(AlertRead%20OR", key);

        assertEquals(200, either.status(), either.body());
        assertEquals(403, neither.status(), neither.body());
        assertTrue(neither.message().contains("AlertModify") && neither.message().contains("RuleRead"), neither.message());
        assertEquals(400, malformed.status(), malformed.body());
        assertTrue(malformed.message().contains("require"), malformed.message());
    }

    @Test
    void an_unknown_permission_in_require_is_the_gateways_mistake_400_naming_it() {
        HttpApi.Reply reply = client.get("/forward-auth?require=AlertRead,AlertReed", admin);
        assertEquals(400, reply.status());
        assertTrue(reply.message().contains("AlertReed"), reply.message());
    }

    @Test
    void a_node_that_cannot_answer_says_503() {
        checkedTokens.failure = new UnavailableException("cannot confirm");
        checkedTokens.cached = false;
        try {
            assertEquals(503, client.get("/forward-auth", admin).status());
        } finally {
            checkedTokens.cached = true;
        }
    }
}
