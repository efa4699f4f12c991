package dev.keyward.app.rest;

import dev.keyward.app.support.EndToEndTest;
import dev.keyward.testkit.HttpApi.Reply;
import dev.keyward.testkit.HttpApi.Token;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What a known caller may do: read and modify permissions, self-rotation, and the privilege guard. */
@MicronautTest(transactional = false)
class AuthorizationEndToEndIT extends EndToEndTest {

    private static final String READ = "OrganizationAPITokenRead";
    private static final String MODIFY = "OrganizationAPITokenModify";

    @Test
    void reading_other_tokens_needs_the_read_permission_but_every_token_may_read_itself() {
        Token alerts = api.create(admin, unique("alerts"), "AlertRead");
        Token other = api.create(admin, unique("other"));
        assertForbidden(api.get("/api-tokens", alerts.value()), READ);
        assertForbidden(api.get("/api-tokens/" + other.id(), alerts.value()), READ);
        assertEquals(alerts.id(), api.get("/api-tokens/self", alerts.value()).string("id"), "like whoami");
        assertEquals(alerts.id(), api.get("/api-tokens/" + alerts.id(), alerts.value()).string("id"));
        assertEquals(alerts.id(), api.graphqlIdOf(alerts.value()));
        assertForbidden(api.get("/api-tokens/00000000-0000-7000-8000-000000000000", alerts.value()), READ);
    }

    @Test
    void creating_updating_deleting_and_rotating_others_need_the_modify_permission() {
        Token reader = api.create(admin, unique("reader"), READ);
        Token other = api.create(admin, unique("other"));
        assertForbidden(api.post("/api-tokens", reader.value(), "{\"name\":\"x\",\"permissions\":[]}"), MODIFY);
        assertForbidden(api.post("/api-tokens/" + other.id(), reader.value(), "{\"name\":\"x\",\"permissions\":[]}"), MODIFY);
        assertForbidden(api.delete("/api-tokens/" + other.id(), reader.value()), MODIFY);
        assertForbidden(api.rotate(other.id(), reader.value()), MODIFY);
        assertForbidden(api.delete("/api-tokens/self", reader.value()), MODIFY);
        assertEquals(200, api.get("/api-tokens/" + other.id(), reader.value()).status(), "reading is still allowed");
    }

    @Test
    void a_token_without_any_permission_may_still_rotate_itself() {
        Token bare = api.create(admin, unique("bare"));
        Reply rotated = api.rotate("self", bare.value());
        assertEquals(200, rotated.status(), rotated.body());
        String fresh = rotated.string("value");
        assertEquals(bare.id(), rotated.string("id"));
        assertEquals(401, api.rotate("self", bare.value()).status(), "the old value died");
        assertEquals(200, api.rotate("self", fresh).status(), "the new one works");
    }

    @Test
    void a_token_without_any_permission_may_rotate_itself_by_its_own_id() {
        Token bare = api.create(admin, unique("bare-by-id"));
        Reply rotated = api.rotate(bare.id(), bare.value());
        assertEquals(200, rotated.status(), rotated.body());
        assertEquals(bare.id(), rotated.string("id"));
    }

    @Test
    void a_caller_cannot_grant_a_permission_it_does_not_hold() {
        Token manager = api.create(admin, unique("manager"), READ, MODIFY);
        assertForbidden(api.post("/api-tokens", manager.value(), "{\"name\":\"escalate\",\"permissions\":[\"AlertRead\"]}"), "AlertRead");
        assertEquals(200, api.post("/api-tokens", manager.value(), "{\"name\":\"peer\",\"permissions\":[\"" + READ + "\"]}").status(),
                "granting what it holds is fine");

        Token target = api.create(admin, unique("target"), READ);
        assertForbidden(api.post("/api-tokens/" + target.id(), manager.value(),
                "{\"name\":\"escalate\",\"permissions\":[\"" + READ + "\",\"UserModify\"]}"), "UserModify");
        assertForbidden(api.post("/api-tokens/self", manager.value(),
                "{\"name\":\"escalate\",\"permissions\":[\"" + READ + "\",\"" + MODIFY + "\",\"UserRead\"]}"), "UserRead");
    }

    @Test
    void a_caller_cannot_take_over_a_more_powerful_token() {
        Token manager = api.create(admin, unique("manager"), READ, MODIFY);
        Token powerful = api.create(admin, unique("powerful"), READ, MODIFY, "UserModify");
        assertForbidden(api.rotate(powerful.id(), manager.value()), "UserModify");
        assertForbidden(api.post("/api-tokens/" + powerful.id(), manager.value(), "{\"name\":\"mine\",\"permissions\":[]}"), "UserModify");
        assertEquals(200, api.get("/api-tokens/self", powerful.value()).status(), "the powerful token is untouched");
    }

    @Test
    void a_network_fenced_token_cannot_lift_its_own_allowlist_or_mint_an_unfenced_token() {
        Token fenced = api.create(admin, unique("fenced"), java.util.List.of(READ, MODIFY), java.util.List.of("127.0.0.0/8"));
        Reply lifted = api.post("/api-tokens/self", fenced.value(),
                "{\"name\":\"fenced\",\"permissions\":[\"" + READ + "\",\"" + MODIFY + "\"],\"allowedCIDRBlocks\":[]}");
        assertEquals(403, lifted.status(), lifted.body());
        assertTrue(lifted.message().contains("127.0.0.0/8"), lifted.message());
        assertEquals("[127.0.0.0/8]", String.valueOf(api.get("/api-tokens/self", fenced.value()).json().get("allowedCIDRBlocks")));

        Reply unfenced = api.post("/api-tokens", fenced.value(), "{\"name\":\"child\",\"permissions\":[]}");
        assertEquals(403, unfenced.status(), unfenced.body());
        Reply inside = api.post("/api-tokens", fenced.value(),
                "{\"name\":\"child\",\"permissions\":[],\"allowedCIDRBlocks\":[\"127.0.0.1/32\"]}");
        assertEquals(200, inside.status(), inside.body());
    }

    @Test
    void an_expiring_token_cannot_mint_a_token_that_outlives_it() {
        String tomorrow = java.time.Instant.now().plus(java.time.Duration.ofDays(1)).toString();
        Reply created = api.post("/api-tokens", admin, "{\"name\":\"" + unique("expiring") + "\",\"permissions\":[\""
                + MODIFY + "\"],\"expiresAt\":\"" + tomorrow + "\"}");
        assertEquals(200, created.status(), created.body());
        String expiring = created.string("value");

        Reply forever = api.post("/api-tokens", expiring, "{\"name\":\"forever\",\"permissions\":[]}");
        assertEquals(403, forever.status(), forever.body());
        assertTrue(forever.message().contains("expires"), forever.message());
        Reply sameDay = api.post("/api-tokens", expiring, "{\"name\":\"child\",\"permissions\":[],\"expiresAt\":\"" + tomorrow + "\"}");
        assertEquals(200, sameDay.status(), sameDay.body());
    }

    private static void assertForbidden(Reply reply, String permission) {
        assertEquals(403, reply.status(), reply.body());
        assertTrue(reply.message().contains(permission), "names " + permission + ": " + reply.body());
    }
}
