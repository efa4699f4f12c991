package dev.keyward.app.rest;

import dev.keyward.app.support.EndToEndTest;
import dev.keyward.testkit.HttpApi.Reply;
import dev.keyward.testkit.HttpApi.Token;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Every endpoint's happy path over HTTP and the real database: create, get, list, update, rotate, delete. */
@MicronautTest(transactional = false)
class TokenLifecycleEndToEndIT extends EndToEndTest {

    private static final String TOKEN_VALUE = "kw_[0-9A-Za-z]{36}";

    @Test
    void create_returns_the_whole_token_with_its_value_and_no_store() {
        // Whole seconds: the database keeps microseconds, and this compares what was sent with what is shown.
        String expires = Instant.now().plusSeconds(86_400).truncatedTo(ChronoUnit.SECONDS).toString();
        Reply reply = api.post("/api-tokens", admin, "{\"name\":\"ci deploy\",\"permissions\":[\"AlertRead\",\"AlertModify\"],"
                + "\"allowedCIDRBlocks\":[\"127.0.0.0/8\",\"2001:db8::/32\"],\"expiresAt\":\"" + expires + "\",\"ignored\":true}");

        assertEquals(200, reply.status(), reply.body());
        assertEquals("no-store", reply.header("Cache-Control"));
        Map<String, Object> token = reply.json();
        assertTrue(((String) token.get("value")).matches(TOKEN_VALUE), "value has the documented format");
        assertTrue(((String) token.get("id")).matches("[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}"));
        assertEquals("ci deploy", token.get("name"));
        assertEquals(List.of("AlertModify", "AlertRead"), token.get("permissions"));
        assertEquals(List.of("127.0.0.0/8", "2001:db8::/32"), token.get("allowedCIDRBlocks"));
        assertEquals(Instant.parse(expires), Instant.parse((String) token.get("expiresAt")));
        assertEquals(Map.of("id", api.idOf(admin), "type", "api-token"), token.get("createdBy"));
        assertEquals(token.get("createdBy"), token.get("updatedBy"));
        assertEquals(token.get("createdAt"), token.get("updatedAt"));
        assertTrue(token.containsKey("lastUsedAt") && token.get("lastUsedAt") == null, reply.body());
        assertTrue(token.containsKey("rotatedAt") && token.get("rotatedAt") == null, reply.body());
        assertFalse(token.containsKey("ignored"));
    }

    @Test
    void a_token_without_expiry_shows_expires_at_as_null_and_no_blocks_as_an_empty_list() {
        Map<String, Object> token = api.post("/api-tokens", admin, "{\"name\":\"plain\",\"permissions\":[]}").json();
        assertTrue(token.containsKey("expiresAt") && token.get("expiresAt") == null);
        assertEquals(List.of(), token.get("allowedCIDRBlocks"));
        assertEquals(List.of(), token.get("permissions"));
    }

    @Test
    void get_by_id_and_by_self_show_the_token_without_its_value() {
        Token reader = api.create(admin, unique("reader"), "OrganizationAPITokenRead");

        Reply byId = api.get("/api-tokens/" + reader.id(), admin);
        assertEquals(200, byId.status(), byId.body());
        assertEquals(reader.id(), byId.string("id"));
        assertFalse(byId.json().containsKey("value"), byId.body());
        assertNull(byId.header("Cache-Control"));

        Reply self = api.get("/api-tokens/self", reader.value());
        assertEquals(200, self.status(), self.body());
        assertEquals(reader.id(), self.string("id"));
        assertFalse(self.json().containsKey("value"), self.body());
    }

    @Test
    void the_bootstrap_admin_was_created_by_the_system() {
        Map<String, Object> self = api.get("/api-tokens/self", admin).json();
        assertEquals("bootstrap-admin", self.get("name"));
        assertEquals(37, ((List<?>) self.get("permissions")).size());
        assertEquals("system", ((Map<?, ?>) self.get("createdBy")).get("type"));
    }

    @Test
    void list_walks_every_token_across_three_pages_with_cursor_and_next() {
        for (int i = 0; i < 5; i++) {
            api.create(admin, unique("page"), "AlertRead");
        }
        List<String> all = ids(api.get("/api-tokens?limit=100", admin));
        assertTrue(all.size() >= 6, "bootstrap-admin plus five: " + all.size());
        int limit = (all.size() + 2) / 3;

        List<String> walked = new ArrayList<>();
        String path = "/api-tokens?limit=" + limit;
        int pages = 0;
        while (true) {
            Reply page = api.get(path, admin);
            assertEquals(200, page.status(), page.body());
            pages++;
            List<String> ids = ids(page);
            assertTrue(ids.size() <= limit && !ids.isEmpty(), "page " + pages + " holds " + ids.size());
            walked.addAll(ids);
            Object next = page.json().get("next");
            if (next == null) {
                assertFalse(page.json().containsKey("next"), "next is absent, not null, on the last page: " + page.body());
                break;
            }
            path = "/api-tokens?limit=" + limit + "&cursor=" + next;
            assertTrue(pages < 10, "pagination does not end");
        }
        assertEquals(3, pages);
        assertEquals(all, walked, "the pages together list every token once, oldest first");
        assertEquals(walked.stream().sorted().toList(), walked);
    }

    @Test
    void list_defaults_to_twenty_five_per_page_and_shows_no_values() {
        for (int i = 0; i < 25; i++) {
            api.create(admin, unique("bulk"));
        }
        Reply page = api.get("/api-tokens", admin);
        assertEquals(200, page.status());
        assertEquals(25, page.results().size());
        assertNotNull(page.json().get("next"));
        assertTrue(page.results().stream().noneMatch(token -> token.containsKey("value")), page.body());
    }

    @Test
    void update_replaces_name_and_permissions_and_keeps_or_clears_the_allowlist() {
        Token token = api.create(admin, "before", List.of("AlertRead"), List.of("127.0.0.0/8"));
        Token editor = api.create(admin, unique("editor"), "OrganizationAPITokenModify", "OrganizationAPITokenRead", "AlertRead", "RuleRead");

        Reply kept = api.post("/api-tokens/" + token.id(), editor.value(), "{\"name\":\"after\",\"permissions\":[\"RuleRead\"]}");
        assertEquals(200, kept.status(), kept.body());
        Map<String, Object> updated = kept.json();
        assertEquals("after", updated.get("name"));
        assertEquals(List.of("RuleRead"), updated.get("permissions"));
        assertEquals(List.of("127.0.0.0/8"), updated.get("allowedCIDRBlocks"), "absent allowedCIDRBlocks keeps them");
        assertEquals(Map.of("id", editor.id(), "type", "api-token"), updated.get("updatedBy"));
        assertEquals(Map.of("id", api.idOf(admin), "type", "api-token"), updated.get("createdBy"));
        assertNotEquals(updated.get("createdAt"), updated.get("updatedAt"));
        assertFalse(updated.containsKey("value"));

        Reply cleared = api.post("/api-tokens/" + token.id(), admin, "{\"name\":\"after\",\"permissions\":[],\"allowedCIDRBlocks\":[]}");
        assertEquals(List.of(), cleared.json().get("allowedCIDRBlocks"));
        assertEquals(List.of(), api.get("/api-tokens/" + token.id(), admin).json().get("allowedCIDRBlocks"), "the change was stored");
    }

    @Test
    void a_token_can_update_itself_through_self() {
        Token token = api.create(admin, "self-editor", "OrganizationAPITokenModify", "OrganizationAPITokenRead");
        Reply reply = api.post("/api-tokens/self", token.value(),
                "{\"name\":\"renamed\",\"permissions\":[\"OrganizationAPITokenModify\",\"OrganizationAPITokenRead\"]}");
        assertEquals(200, reply.status(), reply.body());
        assertEquals(token.id(), reply.string("id"));
        assertEquals("renamed", reply.string("name"));
    }

    @Test
    void delete_answers_204_and_the_token_is_gone_and_its_key_refused() {
        Token token = api.create(admin, unique("doomed"), "OrganizationAPITokenRead");
        Reply deleted = api.delete("/api-tokens/" + token.id(), admin);
        assertEquals(204, deleted.status());
        assertEquals("", deleted.body());
        assertEquals(404, api.get("/api-tokens/" + token.id(), admin).status());
        assertEquals(404, api.delete("/api-tokens/" + token.id(), admin).status(), "deletion is final, not repeatable");
        assertEquals(401, api.get("/api-tokens/self", token.value()).status());
        assertFalse(ids(api.get("/api-tokens?limit=100", admin)).contains(token.id()));
    }

    @Test
    void a_token_can_delete_itself() {
        Token token = api.create(admin, unique("self-delete"), "OrganizationAPITokenModify");
        assertEquals(204, api.delete("/api-tokens/self", token.value()).status());
        assertEquals(401, api.delete("/api-tokens/self", token.value()).status());
        assertEquals(404, api.get("/api-tokens/" + token.id(), admin).status());
    }

    @Test
    void rotating_by_id_returns_a_new_value_and_the_old_one_dies_at_once() {
        Token token = api.create(admin, unique("rotated"), "OrganizationAPITokenRead");
        Reply rotated = api.rotate(token.id(), admin);
        assertEquals(200, rotated.status(), rotated.body());
        assertEquals("no-store", rotated.header("Cache-Control"));
        String fresh = rotated.string("value");
        assertTrue(fresh.matches(TOKEN_VALUE));
        assertNotEquals(token.value(), fresh);
        assertEquals(token.id(), rotated.string("id"));
        assertNotNull(rotated.json().get("rotatedAt"));
        assertEquals(Map.of("id", api.idOf(admin), "type", "api-token"), rotated.json().get("updatedBy"));

        assertEquals(401, api.get("/api-tokens/self", token.value()).status());
        assertEquals(200, api.get("/api-tokens/self", fresh).status());
        assertEquals(rotated.json().get("rotatedAt"), api.get("/api-tokens/" + token.id(), admin).json().get("rotatedAt"));
    }

    @Test
    void a_token_rotates_itself_through_self() {
        Token token = api.create(admin, unique("self-rotated"), "OrganizationAPITokenRead");
        Reply rotated = api.rotate("self", token.value());
        assertEquals(200, rotated.status(), rotated.body());
        String fresh = rotated.string("value");
        assertEquals(Map.of("id", token.id(), "type", "api-token"), rotated.json().get("updatedBy"));
        assertEquals(401, api.get("/api-tokens/self", token.value()).status());
        assertEquals(token.id(), api.get("/api-tokens/self", fresh).string("id"));
    }

    @Test
    void last_used_at_is_stored_within_the_flush_interval_once_a_token_authenticates() throws InterruptedException {
        Token token = api.create(admin, unique("used"), "OrganizationAPITokenRead");
        assertNull(api.get("/api-tokens/" + token.id(), admin).json().get("lastUsedAt"));
        Instant before = Instant.now().minusSeconds(1);
        assertEquals(200, api.get("/api-tokens/self", token.value()).status());
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        String lastUsed;
        while ((lastUsed = (String) api.get("/api-tokens/" + token.id(), admin).json().get("lastUsedAt")) == null
                && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        assertNotNull(lastUsed, "flushed within keyward.tokens.last-used-flush-interval (5 s by default)");
        assertTrue(!Instant.parse(lastUsed).isBefore(before), lastUsed);
    }

    private static List<String> ids(Reply page) {
        return page.results().stream().map(token -> (String) token.get("id")).toList();
    }
}
