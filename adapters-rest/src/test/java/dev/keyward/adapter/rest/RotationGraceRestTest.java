package dev.keyward.adapter.rest;

import dev.keyward.testkit.HttpApi;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code POST /api-tokens/{id}/rotate} with its optional {@code {"gracePeriodSeconds": N}} body. */
@MicronautTest
class RotationGraceRestTest extends ServerTest {

    private static final String MANAGER = "{\"name\":\"manager\",\"permissions\":[\"OrganizationAPITokenModify\",\"OrganizationAPITokenRead\"]}";

    private HttpApi.Reply rotateSelf(String key, String body) {
        return client.send("POST", "/api-tokens/self/rotate", key, body == null ? null : HttpApi.JSON, body);
    }

    @Test
    void a_grace_period_keeps_the_old_value_working_as_the_token_but_not_for_changing_it() {
        String old = create(MANAGER);
        Instant before = Instant.now();

        HttpApi.Reply rotated = rotateSelf(old, "{\"gracePeriodSeconds\": 3600}");

        assertEquals(200, rotated.status(), rotated.body());
        assertEquals("no-store", rotated.header("Cache-Control"));
        Instant until = Instant.parse((String) rotated.json().get("previousValueExpiresAt"));
        assertTrue(!until.isBefore(before.plus(Duration.ofHours(1))) && until.isBefore(Instant.now().plus(Duration.ofHours(1)).plusSeconds(1)),
                until.toString());
        String next = (String) rotated.json().get("value");
        HttpApi.Reply self = client.get("/api-tokens/self", old);
        assertEquals(200, self.status(), self.body());
        assertEquals(rotated.json().get("id"), self.json().get("id"));
        assertEquals(rotated.json().get("previousValueExpiresAt"), self.json().get("previousValueExpiresAt"));
        assertEquals(200, client.get("/api-tokens/self", next).status());

        HttpApi.Reply refused = rotateSelf(old, null);
        assertEquals(403, refused.status(), refused.body());
        assertTrue(refused.message().contains("previous value"), refused.body());
        assertEquals(403, client.send("DELETE", "/api-tokens/" + rotated.json().get("id"), old, null, null).status());
        HttpApi.Reply leak = client.post("/leaked-tokens", old, "[{\"token\":\"" + next + "\"}]");
        assertEquals(403, leak.status(), "the previous value cannot revoke the new one: " + leak.body());
        assertEquals(200, client.get("/api-tokens/self", next).status(), "the refused writes changed nothing");
    }

    @Test
    void introspecting_a_previous_value_says_it_expires_when_its_grace_period_ends() {
        String old = create("{\"name\":\"introspected\",\"permissions\":[\"AlertRead\"]}");
        HttpApi.Reply rotated = rotateSelf(old, "{\"gracePeriodSeconds\": 600}");
        String next = (String) rotated.json().get("value");
        long until = Instant.parse((String) rotated.json().get("previousValueExpiresAt")).getEpochSecond();

        HttpApi.Reply previous = client.send("POST", "/introspect", admin, "application/x-www-form-urlencoded", "token=" + old);
        HttpApi.Reply current = client.send("POST", "/introspect", admin, "application/x-www-form-urlencoded", "token=" + next);

        assertEquals(true, previous.json().get("active"), previous.body());
        assertEquals(until, ((Number) previous.json().get("exp")).longValue());
        assertEquals(true, current.json().get("active"), current.body());
        assertNull(current.json().get("exp"), "the token itself never expires");
    }

    @Test
    void no_body_or_an_empty_object_keeps_pantherlike_rotation() {
        for (String body : new String[] {null, "{}", "{\"gracePeriodSeconds\": 0}", "  "}) {
            String old = create(MANAGER);

            HttpApi.Reply rotated = rotateSelf(old, body);

            assertEquals(200, rotated.status(), body + ": " + rotated.body());
            Map<String, Object> token = rotated.json();
            assertTrue(token.containsKey("previousValueExpiresAt"), rotated.body());
            assertNull(token.get("previousValueExpiresAt"));
            assertEquals(401, client.get("/api-tokens/self", old).status(), "the old value died at once for " + body);
        }
    }

    @Test
    void a_grace_period_beyond_the_cap_is_a_400_naming_the_field_and_rotates_nothing() {
        String old = create(MANAGER);

        HttpApi.Reply refused = rotateSelf(old, "{\"gracePeriodSeconds\": 86401}");

        assertEquals(400, refused.status(), refused.body());
        assertTrue(refused.message().startsWith("gracePeriodSeconds may be at most 86400"), refused.body());
        assertEquals(200, client.get("/api-tokens/self", old).status());
    }

    @ParameterizedTest
    @ValueSource(strings = {"{\"gracePeriodSeconds\": \"3600\"}", "{\"gracePeriodSeconds\": 1.5}", "{\"gracePeriodSeconds\": -1}",
            "{\"gracePeriodSeconds\": 99999999999999999999}", "[3600]", "{not json", "3600"})
    void a_body_that_is_not_a_grace_period_is_a_400_with_a_message(String body) {
        String old = create(MANAGER);

        HttpApi.Reply refused = rotateSelf(old, body);

        assertEquals(400, refused.status(), body + ": " + refused.body());
        assertTrue(refused.message().contains("gracePeriodSeconds") || refused.message().contains("body"), refused.body());
        assertEquals(200, client.get("/api-tokens/self", old).status(), "nothing was rotated");
    }
}
