package dev.keyward.adapter.rest;

import dev.keyward.domain.check.PresentedKey;
import dev.keyward.domain.error.UnauthenticatedException;
import dev.keyward.domain.error.UnavailableException;
import dev.keyward.testkit.HttpApi;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The doors of the REST adapter over the check: Bearer beside X-API-Key, {@code /api-tokens/verify},
 * {@code /introspect}, and the thread a check runs on. The peer (loopback) is not a trusted proxy here.
 */
@MicronautTest
class DoorsTest extends ServerTest {

    @Inject
    TestCheckedTokens checkedTokens;

    @AfterEach
    void theCheckAnswersFromItsCacheAgain() {
        checkedTokens.cached = true;
        checkedTokens.failure = null;
    }

    private HttpApi.Reply bearer(String method, String path, String bearer, String key, String body) {
        return client.send(method, path, key, body == null ? null : HttpApi.JSON, body, "Authorization", bearer);
    }

    // --- Authorization: Bearer beside X-API-Key

    @Test
    void a_bearer_token_authenticates_like_x_api_key() {
        HttpApi.Reply self = bearer("GET", "/api-tokens/self", "Bearer " + admin, null, null);
        assertEquals(200, self.status(), self.body());
        assertEquals("bootstrap-admin", self.json().get("name"));
    }

    @Test
    void the_same_key_in_both_headers_is_accepted_and_two_different_keys_are_refused() {
        String other = create("{\"name\":\"other\",\"permissions\":[\"OrganizationAPITokenRead\"]}");

        assertEquals(200, bearer("GET", "/api-tokens/self", "Bearer " + admin, admin, null).status());
        HttpApi.Reply conflict = bearer("GET", "/api-tokens/self", "Bearer " + other, admin, null);
        assertEquals(401, conflict.status());
        assertEquals(UnauthenticatedException.MESSAGE, conflict.message());
        assertEquals(PresentedKey.CHALLENGE, conflict.header("WWW-Authenticate"));
    }

    @Test
    void another_authorization_scheme_is_ignored_and_alone_is_no_key() {
        assertEquals(200, bearer("GET", "/api-tokens/self", "Basic dXNlcjpwYXNz", admin, null).status());
        HttpApi.Reply alone = bearer("GET", "/api-tokens/self", "Basic dXNlcjpwYXNz", null, null);
        assertEquals(401, alone.status());
        assertEquals(PresentedKey.CHALLENGE, alone.header("WWW-Authenticate"));
    }

    // --- where a check runs

    @Test
    void a_check_the_cache_answers_never_waits_for_the_blocking_pool() {
        int before = checkedTokens.blockingChecks.get();

        assertEquals(200, client.get("/api-tokens/self", admin).status());
        assertEquals(200, client.post("/api-tokens/verify", admin, "{\"key\":\"" + admin + "\"}").status());

        assertEquals(before, checkedTokens.blockingChecks.get());
    }

    @Test
    void a_cache_miss_is_checked_on_the_blocking_pool_not_the_event_loop() {
        checkedTokens.cached = false;
        int before = checkedTokens.blockingChecks.get();

        HttpApi.Reply self = client.get("/api-tokens/self", admin);

        assertEquals(200, self.status(), self.body());
        assertEquals(before + 1, checkedTokens.blockingChecks.get());
        assertFalse(checkedTokens.lastBlockingThread.contains("eventLoop"), checkedTokens.lastBlockingThread);
    }

    @Test
    void a_node_that_cannot_answer_refuses_with_503_and_a_message() {
        checkedTokens.failure = new UnavailableException("the token database is unreachable");

        HttpApi.Reply self = client.get("/api-tokens/self", admin);

        assertEquals(503, self.status());
        assertEquals("the token database is unreachable", self.message());
    }

    // --- POST /api-tokens/verify

    @Test
    void verify_answers_valid_with_the_token_but_never_its_value() {
        String key = create("{\"name\":\"svc\",\"permissions\":[\"AlertRead\",\"RuleRead\"]}");

        HttpApi.Reply reply = client.post("/api-tokens/verify", admin, "{\"key\":\"" + key + "\",\"permissions\":[\"AlertRead\"]}");

        assertEquals(200, reply.status(), reply.body());
        Map<String, Object> answer = reply.json();
        assertEquals(true, answer.get("valid"));
        assertEquals("VALID", answer.get("code"));
        Map<?, ?> token = (Map<?, ?>) answer.get("token");
        assertEquals("svc", token.get("name"));
        assertEquals(List.of("AlertRead", "RuleRead"), answer.get("effectivePermissions"));
        assertFalse(token.containsKey("value"), reply.body());
        assertFalse(reply.body().contains(key), reply.body());
        assertFalse(answer.containsKey("missingPermissions"), reply.body());
    }

    @Test
    void verify_of_a_disabled_token_says_disabled_and_shows_it_introspection_says_inactive() {
        String key = create("{\"name\":\"paused\",\"permissions\":[\"AlertRead\"],\"enabled\":false}");

        Map<String, Object> answer = client.post("/api-tokens/verify", admin, "{\"key\":\"" + key + "\"}").json();
        HttpApi.Reply introspected = introspect(admin, "token=" + key);

        assertEquals(false, answer.get("valid"));
        assertEquals("DISABLED", answer.get("code"));
        assertFalse(answer.containsKey("effectivePermissions"), "a refused token may do nothing");
        assertEquals(false, ((Map<?, ?>) answer.get("token")).get("enabled"));
        assertEquals("{\"active\":false}", introspected.body());
    }

    @Test
    void verify_shows_the_tokens_meta_and_introspection_adds_it() {
        String key = create("{\"name\":\"metered\",\"permissions\":[\"AlertRead\"],\"meta\":{\"plan\":\"gold\",\"region\":\"eu\"}}");

        Map<String, Object> verified = client.post("/api-tokens/verify", admin, "{\"key\":\"" + key + "\"}").json();
        Map<String, Object> introspected = introspect(admin, "token=" + key).json();

        assertEquals(Map.of("plan", "gold", "region", "eu"), ((Map<?, ?>) verified.get("token")).get("meta"));
        assertEquals(Map.of("plan", "gold", "region", "eu"), introspected.get("meta"));
    }

    @Test
    void verify_names_the_missing_permissions() {
        String key = create("{\"name\":\"reader\",\"permissions\":[\"AlertRead\"]}");

        Map<String, Object> answer = client.post("/api-tokens/verify", admin,
                "{\"key\":\"" + key + "\",\"permissions\":[\"AlertRead\",\"RuleRead\",\"UserRead\"]}").json();

        assertEquals(false, answer.get("valid"));
        assertEquals("INSUFFICIENT_PERMISSIONS", answer.get("code"));
        assertEquals(List.of("RuleRead", "UserRead"), answer.get("missingPermissions"));
        assertTrue(answer.containsKey("token"));
    }

    @Test
    void verify_of_a_fenced_token_needs_a_client_address_inside_its_blocks() {
        String key = create("{\"name\":\"fenced\",\"permissions\":[],\"allowedCIDRBlocks\":[\"10.0.0.0/8\"]}");

        assertEquals("ADDRESS_NOT_ALLOWED", client.post("/api-tokens/verify", admin, "{\"key\":\"" + key + "\"}").json().get("code"));
        assertEquals("ADDRESS_NOT_ALLOWED", client.post("/api-tokens/verify", admin,
                "{\"key\":\"" + key + "\",\"clientAddress\":\"192.0.2.1\"}").json().get("code"));
        assertEquals("VALID", client.post("/api-tokens/verify", admin,
                "{\"key\":\"" + key + "\",\"clientAddress\":\"10.1.2.3\"}").json().get("code"));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "kw_notatoken|MALFORMED",
            "kw_000000000000000000000000000000000000|MALFORMED"})
    void verify_of_something_that_is_no_token_shows_no_token(String key, String code) {
        Map<String, Object> answer = client.post("/api-tokens/verify", admin, "{\"key\":\"" + key + "\"}").json();
        assertEquals(code, answer.get("code"));
        assertEquals(false, answer.get("valid"));
        assertFalse(answer.containsKey("token"));
    }

    @Test
    void verify_of_an_unknown_well_formed_key_is_not_found_without_a_token() {
        String key = create("{\"name\":\"gone\",\"permissions\":[]}");
        String id = (String) client.post("/api-tokens/verify", admin, "{\"key\":\"" + key + "\"}").json().get("code");
        assertEquals("VALID", id);
        client.send("POST", "/api-tokens/self/rotate", key, null, null);

        Map<String, Object> answer = client.post("/api-tokens/verify", admin, "{\"key\":\"" + key + "\"}").json();

        assertEquals("NOT_FOUND", answer.get("code"));
        assertFalse(answer.containsKey("token"));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "{}|key",
            "{\"key\":5}|key",
            "{\"key\":\"kw_x\",\"permissions\":\"AlertRead AND\"}|permissions",
            "{\"key\":\"kw_x\",\"permissions\":\"AlertRead OR (RuleRead\"}|permissions",
            "{\"key\":\"kw_x\",\"permissions\":\"Alert*\"}|wildcard",
            "{\"key\":\"kw_x\",\"permissions\":\"AlertRead OR AlertReed\"}|AlertReed",
            "{\"key\":\"kw_x\",\"permissions\":[\"NoSuchPermission\"]}|NoSuchPermission",
            "{\"key\":\"kw_x\",\"clientAddress\":\"not-an-address\"}|clientAddress",
            "{\"key\":\"kw_x\",\"clientAddress\":7}|clientAddress",
            "[]|body"})
    void verify_refuses_a_bad_body_naming_the_field(String body, String named) {
        HttpApi.Reply reply = client.post("/api-tokens/verify", admin, body);
        assertEquals(400, reply.status(), reply.body());
        assertTrue(reply.message().contains(named), reply.message());
    }

    @Test
    void verify_needs_the_read_permission_and_is_never_taken_for_an_update() {
        String weak = create("{\"name\":\"weak\",\"permissions\":[\"AlertRead\"]}");

        HttpApi.Reply reply = client.post("/api-tokens/verify", weak, "{\"key\":\"" + admin + "\"}");

        assertEquals(403, reply.status());
        assertTrue(reply.message().contains("OrganizationAPITokenRead"), reply.message());
        assertNotEquals("verify", client.get("/api-tokens/self", admin).json().get("name"));
    }

    @Test
    void verify_takes_a_permission_query_and_names_every_permission_it_lacks() {
        String key = create("{\"name\":\"reader\",\"permissions\":[\"AlertRead\",\"UserRead\"]}");

        Map<String, Object> either = client.post("/api-tokens/verify", admin,
                "{\"key\":\"" + key + "\",\"permissions\":\"AlertRead AND (RuleRead OR UserRead)\"}").json();
        Map<String, Object> neither = client.post("/api-tokens/verify", admin,
                "{\"key\":\"" + key + "\",\"permissions\":\"RuleRead OR AlertRead AND AlertModify\"}").json();

        assertEquals("VALID", either.get("code"));
        assertFalse(either.containsKey("missingPermissions"), either.toString());
        assertEquals("INSUFFICIENT_PERMISSIONS", neither.get("code"), "AND binds tighter: RuleRead OR (AlertRead AND AlertModify)");
        assertEquals(List.of("AlertModify", "RuleRead"), neither.get("missingPermissions"));
    }

    @Test
    void verify_checks_the_callers_key_before_the_body_and_its_type() {
        String key = create("{\"name\":\"svc\",\"permissions\":[\"AlertRead\"]}");

        assertEquals(401, client.send("POST", "/api-tokens/verify", null, "text/plain", "not json").status());
        assertEquals(401, client.send("POST", "/api-tokens/verify", null, "application/json", "{\"key\":\"" + key + "\"}").status());
        HttpApi.Reply wrongType = client.send("POST", "/api-tokens/verify", admin, "text/plain", "{\"key\":\"" + key + "\"}");
        assertEquals(415, wrongType.status(), wrongType.body());
        HttpApi.Reply empty = client.send("POST", "/api-tokens/verify", admin, "application/json", null);
        assertEquals(400, empty.status(), empty.body());
        assertTrue(empty.message().contains("body"), empty.message());
    }

    @Test
    void verify_answers_a_browser_as_it_answers_a_service() {
        String key = create("{\"name\":\"svc\",\"permissions\":[\"AlertRead\"]}");
        String body = "{\"key\":\"" + key + "\",\"permissions\":[\"AlertRead\",\"RuleRead\"]}";

        HttpApi.Reply service = client.post("/api-tokens/verify", admin, body);
        HttpApi.Reply browser = client.send("POST", "/api-tokens/verify", admin, "application/json", body, "Origin", client.base());

        assertEquals(200, browser.status(), browser.body());
        assertEquals(service.json(), browser.json());
        assertEquals(List.of("RuleRead"), browser.json().get("missingPermissions"));
    }

    // --- POST /introspect

    private HttpApi.Reply introspect(String caller, String form) {
        return client.send("POST", "/introspect", caller, "application/x-www-form-urlencoded", form);
    }

    @Test
    void introspection_of_a_live_token_answers_rfc_7662_members() {
        String key = create("{\"name\":\"gateway user\",\"permissions\":[\"AlertRead\",\"RuleRead\"],"
                + "\"expiresAt\":\"2099-01-01T00:00:00Z\"}");

        HttpApi.Reply reply = introspect(admin, "token=" + key + "&token_type_hint=access_token");

        assertEquals(200, reply.status(), reply.body());
        assertEquals("no-store", reply.header("Cache-Control"));
        Map<String, Object> answer = reply.json();
        assertEquals(true, answer.get("active"));
        assertEquals("AlertRead RuleRead", answer.get("scope"));
        assertEquals(answer.get("sub"), answer.get("client_id"));
        assertEquals("gateway user", answer.get("username"));
        assertEquals("api_key", answer.get("token_type"));
        assertEquals(4070908800L, ((Number) answer.get("exp")).longValue());
        assertTrue(((Number) answer.get("iat")).longValue() > 1_700_000_000L);
        assertFalse(reply.body().contains(key));
    }

    @ParameterizedTest(name = "token=''{0}''")
    @ValueSource(strings = {"kw_notatoken", "kw_000000000000000000000000000000000000", ""})
    void introspection_of_anything_but_a_live_token_is_exactly_active_false(String token) {
        HttpApi.Reply reply = introspect(admin, "token=" + token);
        assertEquals(200, reply.status(), reply.body());
        assertEquals("{\"active\":false}", reply.body());
    }

    @Test
    void introspection_of_a_fenced_token_is_active_only_with_a_client_address_inside_its_blocks() {
        String key = create("{\"name\":\"fenced\",\"permissions\":[],\"allowedCIDRBlocks\":[\"2001:db8::/32\"]}");

        assertEquals("{\"active\":false}", introspect(admin, "token=" + key).body());
        assertEquals("{\"active\":false}", introspect(admin, "token=" + key + "&client_address=192.0.2.1").body());
        assertEquals(true, introspect(admin, "token=" + key + "&client_address=2001%3Adb8%3A%3A1").json().get("active"));
        assertEquals(400, introspect(admin, "token=" + key + "&client_address=nowhere").status());
    }

    @Test
    void introspection_needs_a_caller_with_the_read_permission_and_a_token_parameter() {
        String weak = create("{\"name\":\"weak\",\"permissions\":[\"AlertRead\"]}");

        HttpApi.Reply stranger = introspect(null, "token=" + admin);
        assertEquals(401, stranger.status());
        assertEquals(PresentedKey.CHALLENGE, stranger.header("WWW-Authenticate"));
        assertEquals(403, introspect(weak, "token=" + admin).status());
        assertEquals(200, client.send("POST", "/introspect", null, "application/x-www-form-urlencoded", "token=" + weak,
                "Authorization", "Bearer " + admin).status());
        HttpApi.Reply missing = introspect(admin, "token_type_hint=access_token");
        assertEquals(400, missing.status());
        assertTrue(missing.message().contains("token"), missing.message());
        assertEquals(400, introspect(admin, "token=a&token=b").status());
    }

    @Test
    void forward_auth_answers_no_one_but_a_trusted_proxy() {
        HttpApi.Reply reply = client.get("/forward-auth", admin);
        assertEquals(403, reply.status());
        assertTrue(reply.message().contains("trusted-proxies"), reply.message());
        assertNull(reply.header("X-Keyward-Token-Id"));
    }
}
