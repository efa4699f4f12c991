package dev.keyward.adapter.rest;

import dev.keyward.testkit.HttpApi;
import io.micronaut.core.type.Argument;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code POST /leaked-tokens} and the unconfigured GitHub door, over the real domain service on in-memory fakes. */
@MicronautTest
class LeakedTokensControllerTest extends ServerTest {

    private List<Map<String, Object>> results(HttpApi.Reply reply) throws IOException {
        assertEquals(200, reply.status(), reply.body());
        return json.readValue(reply.body(), Argument.listOf(Argument.mapOf(String.class, Object.class)));
    }

    private String newValue() {
        return create("{\"name\":\"ci\",\"permissions\":[\"AlertRead\"]}");
    }

    @Test
    void a_report_without_a_key_is_refused_by_the_filter() {
        HttpApi.Reply reply = client.post("/leaked-tokens", null, "[{\"token\":\"kw_x\"}]");
        assertEquals(401, reply.status(), reply.body());
    }

    @Test
    void a_reported_value_is_revoked_then_already_dead_and_garbage_is_unknown() throws IOException {
        String value = newValue();
        String body = "[{\"token\":\"" + value + "\",\"location\":\"https://example.com/x\",\"source\":\"gitleaks\"},"
                + "{\"token\":\"not-a-token\"}]";

        List<Map<String, Object>> first = results(client.post("/leaked-tokens", admin, body));
        assertEquals(List.of(Map.of("token", value.substring(0, 8) + "…", "result", "revoked"),
                Map.of("token", "not-a-to…", "result", "unknown")), first);
        assertFalse(client.post("/leaked-tokens", admin, body).body().contains(value), "the answer never repeats the value");
        assertEquals(401, client.get("/api-tokens/self", value).status());
        assertEquals("already-dead", results(client.post("/leaked-tokens", admin, body)).get(0).get("result"));
    }

    @Test
    void an_item_of_the_wrong_type_is_a_400_naming_its_index_and_field() {
        HttpApi.Reply reply = client.post("/leaked-tokens", admin, "[{\"token\":\"kw_a\"},{\"token\":5}]");
        assertEquals(400, reply.status(), reply.body());
        assertTrue(reply.message().contains("[1].token"), reply.body());
        HttpApi.Reply notAnObject = client.post("/leaked-tokens", admin, "[\"kw_a\"]");
        assertTrue(notAnObject.message().contains("[0]"), notAnObject.body());
    }

    @Test
    void a_body_that_is_not_an_array_or_too_long_is_a_400() {
        assertEquals(400, client.post("/leaked-tokens", admin, "{\"token\":\"kw_a\"}").status());
        String many = "[" + String.join(",", java.util.Collections.nCopies(1001, "{\"token\":\"kw_a\"}")) + "]";
        HttpApi.Reply reply = client.post("/leaked-tokens", admin, many);
        assertEquals(400, reply.status(), reply.body());
        assertTrue(reply.message().contains("1000"), reply.body());
    }

    @Test
    void the_github_door_needs_no_keyward_key_and_says_when_it_is_not_set_up() {
        HttpApi.Reply reply = client.post("/secret-scanning/github", null, "[]");
        assertEquals(404, reply.status(), reply.body());
        assertTrue(reply.message().contains("keyward.leaks.github-public-keys"), reply.body());
    }
}
