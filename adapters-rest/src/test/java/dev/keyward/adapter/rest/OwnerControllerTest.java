package dev.keyward.adapter.rest;

import dev.keyward.testkit.HttpApi;
import io.micronaut.context.annotation.Property;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code /owners} and a token's owner at every door, over the real domain on in-memory fakes. */
@MicronautTest
@Property(name = "test.trusted-proxies", value = "127.0.0.0/8")
@Property(name = "keyward.forward-auth.meta-headers", value = "plan,seat")
class OwnerControllerTest extends ServerTest {

    private Map<String, Object> createOwner(String body) {
        HttpApi.Reply created = client.post("/owners", admin, body);
        assertEquals(201, created.status(), created.body());
        return created.json();
    }

    @Test
    void an_owner_is_created_with_201_read_listed_by_external_id_updated_and_deleted_with_204() {
        Map<String, Object> owner = createOwner("{\"externalId\":\"cus_1001\",\"name\":\"Acme\",\"meta\":{\"plan\":\"gold\"}}");
        String id = (String) owner.get("id");

        assertEquals(Map.of("plan", "gold"), owner.get("meta"));
        assertEquals(owner, client.get("/owners/" + id, admin).json());
        assertEquals(List.of(owner), client.get("/owners?externalId=cus_1001", admin).json().get("results"));
        Map<String, Object> updated = client.post("/owners/" + id, admin, "{\"name\":\"Acme Corp\"}").json();
        assertEquals("Acme Corp", updated.get("name"));
        assertEquals(Map.of("plan", "gold"), updated.get("meta"), "absent meta keeps it");
        assertEquals(204, client.send("DELETE", "/owners/" + id, admin, null, null).status());
        assertEquals(404, client.get("/owners/" + id, admin).status());
    }

    @Test
    void a_duplicate_external_id_is_409_an_unknown_owner_404_a_bad_body_400_and_no_key_401() {
        createOwner("{\"externalId\":\"dup\"}");

        HttpApi.Reply duplicate = client.post("/owners", admin, "{\"externalId\":\"dup\"}");
        assertEquals(409, duplicate.status());
        assertTrue(duplicate.message().contains("dup"), duplicate.body());
        assertEquals(404, client.get("/owners/0192f0c4-0000-7000-8000-000000000000", admin).status());
        assertEquals(404, client.get("/owners/not-an-id", admin).status());
        HttpApi.Reply missing = client.post("/owners", admin, "{\"name\":\"x\"}");
        assertEquals(400, missing.status());
        assertTrue(missing.message().contains("externalId"), missing.body());
        assertEquals(400, client.post("/owners", admin, "{\"externalId\":\"m\",\"meta\":[1]}").status());
        assertEquals(401, client.get("/owners", null).status());
    }

    @Test
    void a_token_belongs_to_an_owner_until_detached_and_the_owner_cannot_be_deleted_meanwhile() {
        String ownerId = (String) createOwner("{\"externalId\":\"team-a\"}").get("id");
        HttpApi.Reply token = client.post("/api-tokens", admin, "{\"name\":\"t\",\"permissions\":[],\"ownerId\":\"" + ownerId + "\"}");
        assertEquals(ownerId, token.json().get("ownerId"));
        String tokenId = (String) token.json().get("id");

        HttpApi.Reply held = client.send("DELETE", "/owners/" + ownerId, admin, null, null);
        assertEquals(409, held.status());
        assertTrue(held.message().contains("1 token"), held.body());
        assertEquals(ownerId, client.post("/api-tokens/" + tokenId, admin, "{\"name\":\"t\",\"permissions\":[]}").json().get("ownerId"),
                "absent keeps the owner");
        assertNull(client.post("/api-tokens/" + tokenId, admin, "{\"name\":\"t\",\"permissions\":[],\"ownerId\":null}").json().get("ownerId"));
        assertEquals(204, client.send("DELETE", "/owners/" + ownerId, admin, null, null).status());
        HttpApi.Reply unknown = client.post("/api-tokens", admin, "{\"name\":\"t\",\"permissions\":[],\"ownerId\":\"" + ownerId + "\"}");
        assertEquals(400, unknown.status());
        assertTrue(unknown.message().contains("ownerId"), unknown.body());
    }

    @Test
    void verify_introspection_and_forward_auth_say_whose_the_key_is_and_meta_falls_back_to_the_owners() {
        Map<String, Object> owner = createOwner("{\"externalId\":\"cus 77\",\"meta\":{\"plan\":\"pro\",\"seat\":\"owner's\"}}");
        String key = create("{\"name\":\"k\",\"permissions\":[],\"ownerId\":\"" + owner.get("id") + "\",\"meta\":{\"seat\":\"7\"}}");

        Map<String, Object> verified = client.post("/api-tokens/verify", admin, "{\"key\":\"" + key + "\"}").json();
        Map<String, Object> introspected = client.send("POST", "/introspect", admin, "application/x-www-form-urlencoded",
                "token=" + key).json();
        HttpApi.Reply gateway = client.send("GET", "/forward-auth", key, null, null);
        HttpApi.Reply noOwner = client.send("GET", "/forward-auth", create("{\"name\":\"lone\",\"permissions\":[]}"), null, null);

        assertEquals(Map.of("id", owner.get("id"), "externalId", "cus 77", "meta", Map.of("plan", "pro", "seat", "owner's")),
                verified.get("owner"));
        assertEquals("cus 77", introspected.get("owner"));
        assertEquals("cus%2077", gateway.header("X-Keyward-Owner"));
        assertEquals("pro", gateway.header("X-Keyward-Meta-Plan"), "the owner's, the token has no plan");
        assertEquals("7", gateway.header("X-Keyward-Meta-Seat"), "the token's own wins");
        assertEquals("", noOwner.header("X-Keyward-Owner"));
        assertFalse(client.post("/api-tokens/verify", admin, "{\"key\":\"" + create("{\"name\":\"x\",\"permissions\":[]}") + "\"}")
                .json().containsKey("owner"), "absent without an owner");
    }

    @Test
    void tokens_are_listed_by_owner_and_by_enabled_and_bulk_deleted_by_owner_or_ids() {
        String ownerId = (String) createOwner("{\"externalId\":\"bulk-co\"}").get("id");
        String on = (String) client.post("/api-tokens", admin, "{\"name\":\"on\",\"permissions\":[],\"ownerId\":\"" + ownerId + "\"}").json().get("id");
        String off = (String) client.post("/api-tokens", admin, "{\"name\":\"off\",\"permissions\":[],\"enabled\":false,\"ownerId\":\""
                + ownerId + "\"}").json().get("id");
        String lone = (String) client.post("/api-tokens", admin, "{\"name\":\"lone\",\"permissions\":[]}").json().get("id");

        assertEquals(List.of(on, off), ids(client.get("/api-tokens?ownerId=" + ownerId, admin).json()));
        assertEquals(List.of(off), ids(client.get("/api-tokens?ownerId=" + ownerId + "&enabled=false", admin).json()));
        assertEquals(400, client.get("/api-tokens?enabled=maybe", admin).status());
        assertEquals(400, client.get("/api-tokens?ownerId=nope", admin).status());
        HttpApi.Reply badTime = client.get("/api-tokens?expiresBefore=tomorrow", admin);
        assertEquals(400, badTime.status());
        assertTrue(badTime.message().contains("expiresBefore"), badTime.body());
        assertEquals(List.of(), ids(client.get("/api-tokens?ownerId=" + ownerId + "&lastUsedBefore=2020-01-01T00:00:00Z", admin).json()),
                "never used counts as used at creation, which is later");

        assertEquals(Map.of("deleted", 2), client.post("/api-tokens/bulk-delete", admin, "{\"ownerId\":\"" + ownerId + "\"}").json());
        assertEquals(Map.of("deleted", 1), client.post("/api-tokens/bulk-delete", admin, "{\"ids\":[\"" + lone + "\",\"" + on + "\"]}").json());
        HttpApi.Reply both = client.post("/api-tokens/bulk-delete", admin, "{\"ids\":[\"" + lone + "\"],\"ownerId\":\"" + ownerId + "\"}");
        assertEquals(400, both.status());
        assertEquals(404, client.get("/api-tokens/" + lone, admin).status());
    }

    private static List<Object> ids(Map<String, Object> page) {
        return ((List<?>) page.get("results")).stream().<Object>map(token -> ((Map<?, ?>) token).get("id")).toList();
    }
}
