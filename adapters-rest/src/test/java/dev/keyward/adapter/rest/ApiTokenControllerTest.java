package dev.keyward.adapter.rest;

import dev.keyward.domain.error.UnauthenticatedException;
import dev.keyward.testkit.HttpApi;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.List;
import java.util.Map;

import static dev.keyward.testkit.HttpApi.JSON;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The REST adapter's own concerns, over the real domain service on in-memory fakes. */
@MicronautTest
class ApiTokenControllerTest extends ServerTest {

    private static final String VALID = "{\"name\":\"ci\",\"permissions\":[\"AlertRead\"]}";


    @Test
    void an_unauthenticated_request_with_a_malformed_body_is_refused_before_the_body_is_read() {
        HttpApi.Reply reply = client.post("/api-tokens", null, "{not json");
        assertEquals(401, reply.status());
        assertEquals(UnauthenticatedException.MESSAGE, reply.message());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"//api-tokens", "/api-tokens/", "/api-tokens//self", "/api-tokens/./self", "/x/../api-tokens",
            "/api-tokens/self/", "/API-TOKENS", "/api-tokens%2Fself", "/api-tokens/self;x=1", "/api-tokens?limit=1"})
    void no_spelling_of_a_path_reaches_a_token_without_a_key(String path) {
        HttpApi.Reply reply = client.get(path, null);
        assertTrue(reply.status() == 401 || reply.status() == 404, path + " gave " + reply.status() + " " + reply.body());
        assertFalse(reply.body().contains("\"id\""), reply.body());
    }

    @Test
    void create_returns_the_value_once_with_no_store_and_every_field_present() {
        HttpApi.Reply created = client.post("/api-tokens", admin, VALID);
        assertEquals(200, created.status(), created.body());
        assertEquals("no-store", created.header("Cache-Control"));
        Map<String, Object> token = created.json();
        assertTrue(((String) token.get("value")).matches("kw_[0-9A-Za-z]{36}"));
        assertEquals(List.of(), token.get("allowedCIDRBlocks"));
        assertTrue(token.containsKey("expiresAt") && token.get("expiresAt") == null, created.body());
        assertTrue(token.containsKey("rotatedAt") && token.containsKey("lastUsedAt"), created.body());
        assertEquals(Map.of("id", tokenIdOf(admin), "type", "api-token"), token.get("createdBy"));

        HttpApi.Reply read = client.get("/api-tokens/" + token.get("id"), admin);
        assertEquals(200, read.status());
        assertFalse(read.json().containsKey("value"), read.body());
        assertNull(read.header("Cache-Control"));
    }

    @ParameterizedTest(name = "{0} → 400 naming {1}")
    @CsvSource(delimiter = '|', value = {
            "{\"name\":5,\"permissions\":[\"AlertRead\"]}                              | name",
            "{\"name\":\"x\",\"permissions\":\"AlertRead\"}                            | permissions",
            "{\"name\":\"x\",\"permissions\":[1]}                                      | permissions",
            "{\"name\":\"x\",\"permissions\":[\"AlertRead\"],\"allowedCIDRBlocks\":\"10.0.0.0/8\"} | allowedCIDRBlocks",
            "{\"name\":\"x\",\"permissions\":[\"AlertRead\"],\"expiresAt\":1}          | expiresAt",
            "{\"name\":\"x\",\"permissions\":[\"AlertRead\"],\"enabled\":\"false\"}  | enabled",
            "{\"name\":\"x\",\"permissions\":[\"AlertRead\"],\"enabled\":0}          | enabled",
            "{\"name\":\"x\",\"permissions\":[\"AlertRead\"],\"meta\":[\"plan\"]}     | meta",
            "{\"name\":\"x\",\"permissions\":[\"AlertRead\"],\"meta\":\"{}\"}         | meta",
            "{\"name\":[\"x\"],\"permissions\":[\"AlertRead\"]}                        | name",
            "{\"permissions\":[\"AlertRead\"]}                                          | name",
            "{\"name\":\"x\"}                                                           | permissions",
            "[1]                                                                        | body",
            "\"text\"                                                                   | body",
            "null                                                                       | body",
            "{not json                                                                  | malformed JSON",
    })
    void a_body_of_the_wrong_shape_is_a_400_naming_the_field(String body, String field) {
        HttpApi.Reply reply = client.post("/api-tokens", admin, body);
        assertEquals(400, reply.status(), reply.body());
        assertTrue(reply.message().contains(field), reply.body());
    }

    @Test
    void a_missing_body_is_a_400() {
        HttpApi.Reply reply = client.send("POST", "/api-tokens", admin, JSON, null);
        assertEquals(400, reply.status());
        assertTrue(reply.message().contains("body"), reply.body());
    }

    @Test
    void an_oversized_body_is_a_400_not_a_413() {
        String body = "{\"name\":\"x\",\"permissions\":[],\"pad\":\"" + "a".repeat(70_000) + "\"}";
        HttpApi.Reply reply = client.post("/api-tokens", admin, body);
        assertEquals(400, reply.status(), reply.body());
        assertTrue(reply.message().contains("too large"), reply.body());
    }

    @Test
    void a_non_integer_limit_is_a_400_naming_limit() {
        HttpApi.Reply reply = client.get("/api-tokens?limit=abc", admin);
        assertEquals(400, reply.status());
        assertTrue(reply.message().contains("limit"), reply.body());
    }

    @Test
    void framework_errors_use_the_message_only_body() {
        HttpApi.Reply unknown = client.get("/api-tokens/a/b/c", admin);
        assertEquals(404, unknown.status());
        unknown.message();
        HttpApi.Reply method = client.send("PUT", "/api-tokens", admin, JSON, "{}");
        assertEquals(405, method.status());
        assertTrue(method.message().contains("PUT"), method.body());
        HttpApi.Reply type = client.send("POST", "/api-tokens", admin, "text/plain", VALID);
        assertEquals(415, type.status());
        assertTrue(type.message().contains("text/plain"), type.body());
        HttpApi.Reply html = client.send("GET", "/nowhere", admin, null, null, "Accept", "text/html");
        assertEquals(404, html.status());
        html.message();
    }

    @Test
    void an_update_without_allowed_cidr_blocks_keeps_them_and_an_empty_list_clears_them() {
        String id = (String) client.post("/api-tokens", admin,
                "{\"name\":\"net\",\"permissions\":[],\"allowedCIDRBlocks\":[\"10.0.0.0/8\"]}").json().get("id");
        HttpApi.Reply kept = client.post("/api-tokens/" + id, admin, "{\"name\":\"renamed\",\"permissions\":[]}");
        assertEquals(200, kept.status(), kept.body());
        assertEquals(List.of("10.0.0.0/8"), kept.json().get("allowedCIDRBlocks"));
        assertEquals("renamed", kept.json().get("name"));
        assertFalse(kept.json().containsKey("value"));
        HttpApi.Reply cleared = client.post("/api-tokens/" + id, admin,
                "{\"name\":\"renamed\",\"permissions\":[],\"allowedCIDRBlocks\":[]}");
        assertEquals(List.of(), cleared.json().get("allowedCIDRBlocks"));
    }

    @Test
    void enabled_is_true_unless_sent_false_an_update_without_it_keeps_it_and_a_disabled_token_cannot_call_the_api() {
        assertEquals(true, client.post("/api-tokens", admin, VALID).json().get("enabled"));
        HttpApi.Reply created = client.post("/api-tokens", admin,
                "{\"name\":\"off\",\"permissions\":[\"OrganizationAPITokenRead\"],\"enabled\":false}");
        assertEquals(false, created.json().get("enabled"), created.body());
        String id = (String) created.json().get("id");
        String key = (String) created.json().get("value");

        assertEquals(401, client.get("/api-tokens/self", key).status());
        assertEquals(false, client.post("/api-tokens/" + id, admin,
                "{\"name\":\"still off\",\"permissions\":[\"OrganizationAPITokenRead\"]}").json().get("enabled"));
        assertEquals(false, client.get("/api-tokens/" + id, admin).json().get("enabled"), "listed and readable while off");
        HttpApi.Reply on = client.post("/api-tokens/" + id, admin,
                "{\"name\":\"on\",\"permissions\":[\"OrganizationAPITokenRead\"],\"enabled\":true}");
        assertEquals(true, on.json().get("enabled"), on.body());

        assertEquals(200, client.get("/api-tokens/self", key).status(), "the same value works again");
    }

    @Test
    void meta_is_an_object_kept_as_sent_cleared_by_an_empty_one_and_kept_by_an_update_without_it() {
        HttpApi.Reply created = client.post("/api-tokens", admin,
                "{\"name\":\"tagged\",\"permissions\":[],\"meta\":{\"plan\":\"gold\",\"seats\":12,\"eu\":true,\"tags\":[\"a\"]}}");
        assertEquals(200, created.status(), created.body());
        Map<String, Object> meta = Map.of("plan", "gold", "seats", 12, "eu", true, "tags", List.of("a"));
        assertEquals(meta, created.json().get("meta"));
        String id = (String) created.json().get("id");

        assertEquals(meta, client.post("/api-tokens/" + id, admin, "{\"name\":\"tagged\",\"permissions\":[]}").json().get("meta"));
        assertEquals(Map.of(), client.post("/api-tokens/" + id, admin,
                "{\"name\":\"tagged\",\"permissions\":[],\"meta\":{}}").json().get("meta"));
        assertEquals(Map.of(), client.post("/api-tokens", admin, VALID).json().get("meta"), "none: {}");
    }

    @Test
    void meta_over_4_kib_or_holding_a_token_value_is_a_400_naming_meta_that_does_not_echo_the_value() {
        HttpApi.Reply big = client.post("/api-tokens", admin,
                "{\"name\":\"big\",\"permissions\":[],\"meta\":{\"k\":\"" + "x".repeat(4090) + "\"}}");
        HttpApi.Reply secret = client.post("/api-tokens", admin,
                "{\"name\":\"leaky\",\"permissions\":[],\"meta\":{\"k\":\"" + admin + "\"}}");

        assertEquals(400, big.status(), big.body());
        assertTrue(big.message().contains("meta") && big.message().contains("4096"), big.body());
        assertEquals(400, secret.status(), secret.body());
        assertTrue(secret.message().contains("meta"), secret.body());
        assertFalse(secret.body().contains(admin.substring(3)), secret.body());
    }

    @Test
    void delete_answers_204_with_no_body() {
        String id = (String) client.post("/api-tokens", admin, VALID).json().get("id");
        HttpApi.Reply deleted = client.send("DELETE", "/api-tokens/" + id, admin, null, null);
        assertEquals(204, deleted.status());
        assertEquals("", deleted.body());
        assertEquals(404, client.get("/api-tokens/" + id, admin).status());
    }

    @Test
    void a_forwarded_for_header_from_an_untrusted_peer_is_ignored() {
        String value = (String) client.post("/api-tokens", admin,
                "{\"name\":\"lan\",\"permissions\":[\"OrganizationAPITokenRead\"],\"allowedCIDRBlocks\":[\"10.0.0.0/8\"]}").json().get("value");
        assertEquals(401, client.send("GET", "/api-tokens/self", value, null, null, "X-Forwarded-For", "10.1.2.3").status());
    }

    @Test
    void an_error_message_never_echoes_a_token_value_the_client_put_in_the_path_or_body() {
        HttpApi.Reply byPath = client.get("/api-tokens/" + admin, admin);
        assertEquals(404, byPath.status());
        assertFalse(byPath.body().contains(admin), byPath.body());
        HttpApi.Reply byBody = client.post("/api-tokens", admin, "{\"name\":\"x\",\"permissions\":[\"" + admin + "\"]}");
        assertEquals(400, byBody.status());
        assertFalse(byBody.body().contains(admin), byBody.body());
        assertTrue(byBody.message().contains("kw_[redacted]"), byBody.body());
    }

    private String tokenIdOf(String key) {
        return (String) client.get("/api-tokens/self", key).json().get("id");
    }
}
