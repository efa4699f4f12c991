package dev.keyward.app.rest;

import dev.keyward.app.support.EndToEndTest;
import dev.keyward.testkit.HttpApi;
import dev.keyward.testkit.HttpApi.Reply;
import dev.keyward.testkit.HttpApi.Token;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Instant;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Every kind of bad request gets a 4xx with {@code {"message"}} naming what is wrong; nothing is stored. */
@MicronautTest(transactional = false)
class ValidationEndToEndIT extends EndToEndTest {

    static Stream<Arguments> invalidBodies() {
        String name256 = "n".repeat(256);
        return Stream.of(
                Arguments.of("malformed JSON", "{\"name\":\"x\",", "malformed JSON"),
                Arguments.of("missing name", "{\"permissions\":[]}", "name"),
                Arguments.of("null name", "{\"name\":null,\"permissions\":[]}", "name"),
                Arguments.of("empty name", "{\"name\":\"\",\"permissions\":[]}", "name"),
                Arguments.of("blank name", "{\"name\":\" \\t \",\"permissions\":[]}", "name"),
                Arguments.of("256-character name", "{\"name\":\"" + name256 + "\",\"permissions\":[]}", "name"),
                Arguments.of("control character in name", "{\"name\":\"a\\u0007b\",\"permissions\":[]}", "name"),
                Arguments.of("zero-width space in name", "{\"name\":\"ad\\u200Bmin\",\"permissions\":[]}", "U+200B"),
                Arguments.of("name of Hangul fillers only", "{\"name\":\"\\u3164\\u3164\",\"permissions\":[]}", "U+3164"),
                Arguments.of("missing permissions", "{\"name\":\"x\"}", "permissions"),
                Arguments.of("unknown permission", "{\"name\":\"x\",\"permissions\":[\"AlertDelete\"]}", "AlertDelete"),
                Arguments.of("wrongly cased permission", "{\"name\":\"x\",\"permissions\":[\"alertread\"]}", "alertread"),
                Arguments.of("duplicate permission", "{\"name\":\"x\",\"permissions\":[\"AlertRead\",\"AlertRead\"]}", "AlertRead"),
                Arguments.of("CIDR with host bits", "{\"name\":\"x\",\"permissions\":[],\"allowedCIDRBlocks\":[\"10.0.0.1/8\"]}", "10.0.0.1/8"),
                Arguments.of("CIDR without prefix", "{\"name\":\"x\",\"permissions\":[],\"allowedCIDRBlocks\":[\"10.0.0.0\"]}", "allowedCIDRBlocks"),
                Arguments.of("CIDR out of range", "{\"name\":\"x\",\"permissions\":[],\"allowedCIDRBlocks\":[\"300.0.0.0/8\"]}", "300.0.0.0/8"),
                Arguments.of("CIDR nonsense", "{\"name\":\"x\",\"permissions\":[],\"allowedCIDRBlocks\":[\"example.com/8\"]}", "allowedCIDRBlocks"),
                Arguments.of("duplicate CIDR", "{\"name\":\"x\",\"permissions\":[],\"allowedCIDRBlocks\":[\"10.0.0.0/8\",\"10.0.0.0/8\"]}", "allowedCIDRBlocks"),
                Arguments.of("number as name", "{\"name\":5,\"permissions\":[]}", "name"),
                Arguments.of("string as permissions", "{\"name\":\"x\",\"permissions\":\"AlertRead\"}", "permissions"),
                Arguments.of("number in permissions", "{\"name\":\"x\",\"permissions\":[1]}", "permissions"),
                Arguments.of("object as CIDR list", "{\"name\":\"x\",\"permissions\":[],\"allowedCIDRBlocks\":{}}", "allowedCIDRBlocks"),
                Arguments.of("number as expiry", "{\"name\":\"x\",\"permissions\":[],\"expiresAt\":1893456000}", "expiresAt"),
                Arguments.of("body is an array", "[]", "object"),
                Arguments.of("body is a string", "\"x\"", "object"),
                Arguments.of("body is null", "null", "object"),
                Arguments.of("bad expiresAt", "{\"name\":\"x\",\"permissions\":[],\"expiresAt\":\"tomorrow\"}", "expiresAt"),
                Arguments.of("expiresAt without offset", "{\"name\":\"x\",\"permissions\":[],\"expiresAt\":\"2030-01-01T00:00:00\"}", "expiresAt"),
                Arguments.of("past expiresAt", "{\"name\":\"x\",\"permissions\":[],\"expiresAt\":\"" + Instant.now().minusSeconds(60) + "\"}", "expiresAt"));
    }

    @ParameterizedTest(name = "create with {0} → 400")
    @MethodSource("invalidBodies")
    void an_invalid_create_body_is_a_400_naming_the_field(String description, String body, String named) {
        int before = countTokens();
        Reply reply = api.post("/api-tokens", admin, body);
        assertEquals(400, reply.status(), reply.body());
        assertTrue(reply.message().contains(named), description + " → " + reply.body());
        assertEquals(before, countTokens(), "nothing was stored");
    }

    @ParameterizedTest(name = "update with {0} → 400")
    @MethodSource("invalidBodies")
    void an_invalid_update_body_is_a_400_naming_the_field(String description, String body, String named) {
        if (description.contains("expiresAt") || description.contains("expiry")) {
            return; // an update does not read expiresAt: the field is ignored there, as any unknown field
        }
        Token token = api.create(admin, unique("target"));
        Reply reply = api.post("/api-tokens/" + token.id(), admin, body);
        assertEquals(400, reply.status(), reply.body());
        assertTrue(reply.message().contains(named), description + " → " + reply.body());
    }

    @Test
    void a_255_character_name_is_accepted() {
        Reply reply = api.post("/api-tokens", admin, "{\"name\":\"" + "é".repeat(255) + "\",\"permissions\":[]}");
        assertEquals(200, reply.status(), reply.body());
        assertEquals("é".repeat(255), reply.string("name"));
    }

    @Test
    void a_missing_body_is_a_400() {
        Reply reply = api.send("POST", "/api-tokens", admin, HttpApi.JSON, null);
        assertEquals(400, reply.status(), reply.body());
        assertTrue(reply.message().contains("body"), reply.body());
    }

    @Test
    void an_oversized_body_is_a_400() {
        String body = "{\"name\":\"big\",\"permissions\":[],\"padding\":\"" + "x".repeat(1_100_000) + "\"}";
        Reply reply = api.post("/api-tokens", admin, body);
        assertEquals(400, reply.status(), reply.body());
        assertTrue(reply.message().contains("too large"), reply.body());
    }

    @ParameterizedTest(name = "limit={0} → 400")
    @ValueSource(strings = {"0", "101", "-1", "abc", "1.5", "", "99999999999"})
    void a_bad_limit_is_a_400_naming_limit(String limit) {
        Reply reply = api.get("/api-tokens?limit=" + limit, admin);
        assertEquals(400, reply.status(), reply.body());
        assertTrue(reply.message().contains("limit"), reply.body());
    }

    @ParameterizedTest(name = "limit={0} → 200")
    @ValueSource(strings = {"1", "100"})
    void the_limit_bounds_are_accepted(String limit) {
        Reply reply = api.get("/api-tokens?limit=" + limit, admin);
        assertEquals(200, reply.status(), reply.body());
        assertTrue(reply.results().size() <= Integer.parseInt(limit));
    }

    @ParameterizedTest(name = "cursor={0} → 400")
    @ValueSource(strings = {"zzz", "AAAA", "%25%25", "bm90LWEtdXVpZA"})
    void a_bad_cursor_is_a_400_naming_cursor(String cursor) {
        Reply reply = api.get("/api-tokens?cursor=" + cursor, admin);
        assertEquals(400, reply.status(), reply.body());
        assertTrue(reply.message().contains("cursor"), reply.body());
    }

    @ParameterizedTest(name = "{0} {1} → 404")
    @MethodSource("unknownIds")
    void an_unknown_id_is_a_404(String method, String path) {
        Reply reply = method.equals("POST") && !path.endsWith("/rotate")
                ? api.post(path, admin, "{\"name\":\"x\",\"permissions\":[]}")
                : api.send(method, path, admin, null, null);
        assertEquals(404, reply.status(), reply.body());
        reply.message();
    }

    static Stream<Arguments> unknownIds() {
        String missing = "/api-tokens/0190e7a0-0000-7000-8000-000000000000";
        return Stream.of(
                Arguments.of("GET", missing), Arguments.of("POST", missing), Arguments.of("DELETE", missing),
                Arguments.of("POST", missing + "/rotate"), Arguments.of("GET", "/api-tokens/not-an-id"),
                Arguments.of("GET", "/api-tokens/SELF"), Arguments.of("GET", missing.toUpperCase().replace("/API-TOKENS", "/api-tokens")));
    }

    @Test
    void an_unknown_route_is_a_404_with_a_message() {
        Reply deep = api.get("/api-tokens/self/rotate/again", admin);
        assertEquals(404, deep.status(), deep.body());
        deep.message();
        Reply elsewhere = api.send("GET", "/no/such/route", null, null, null, "Accept", "text/html");
        assertEquals(404, elsewhere.status());
        elsewhere.message();
    }

    @Test
    void a_wrong_method_is_a_405_with_a_message() {
        Reply reply = api.send("PUT", "/api-tokens/self", admin, HttpApi.JSON, "{}");
        assertEquals(405, reply.status(), reply.body());
        assertTrue(reply.message().contains("PUT"), reply.body());
        Reply patch = api.send("PATCH", "/api-tokens", admin, HttpApi.JSON, "{}");
        assertEquals(405, patch.status(), patch.body());
        patch.message();
    }

    @Test
    void a_wrong_content_type_is_a_415_with_a_message() {
        Reply reply = api.send("POST", "/api-tokens", admin, "text/plain", "{\"name\":\"x\",\"permissions\":[]}");
        assertEquals(415, reply.status(), reply.body());
        assertTrue(reply.message().contains("text/plain"), reply.body());
        Reply form = api.send("POST", "/api-tokens/self", admin, "application/x-www-form-urlencoded", "name=x");
        assertEquals(415, form.status(), form.body());
        form.message();
    }

    private int countTokens() {
        int count = 0;
        String path = "/api-tokens?limit=100";
        while (true) {
            Reply page = api.get(path, admin);
            count += page.results().size();
            Object next = page.json().get("next");
            if (next == null) {
                return count;
            }
            path = "/api-tokens?limit=100&cursor=" + next;
        }
    }
}
