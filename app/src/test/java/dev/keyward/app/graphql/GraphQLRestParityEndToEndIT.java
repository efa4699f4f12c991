package dev.keyward.app.graphql;

import dev.keyward.adapter.persistence.check.BatchedTokenUses;
import dev.keyward.app.support.EndToEndTest;
import dev.keyward.testkit.HttpApi.Reply;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import static dev.keyward.testkit.HttpApi.GRAPHQL_TOKEN_FIELDS;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

/** One token read through GraphQL and through REST is the same object, field for field and value for value. */
@MicronautTest(transactional = false)
class GraphQLRestParityEndToEndIT extends EndToEndTest {

    /** Uses are stored only when the test flushes them, so two reads in a row cannot differ by a use in between. */
    @Override
    public Map<String, String> getProperties() {
        Map<String, String> properties = new java.util.HashMap<>(super.getProperties());
        properties.put("keyward.tokens.last-used-flush-interval", "1h");
        return properties;
    }

    @Inject
    BatchedTokenUses uses;

    private Map<String, Object> viaGraphQL(String id) {
        return api.graphql(admin, "query ($id: ID!) { apiToken(id: $id) { " + GRAPHQL_TOKEN_FIELDS + " } }", Map.of("id", id)).at("data", "apiToken");
    }

    private Map<String, Object> viaRest(String id) {
        Reply reply = api.get("/api-tokens/" + id, admin);
        assertEquals(200, reply.status(), reply.body());
        return reply.json();
    }

    @Test
    void a_token_created_through_graphql_reads_the_same_through_rest() {
        // Nanoseconds on purpose: the create payload must show what the database keeps (microseconds), as later reads do.
        String expires = Instant.now().plusSeconds(3600).toString();
        Reply created = api.graphql(admin, "mutation ($in: CreateAPITokenInput!) { createAPIToken(input: $in) { token { " + GRAPHQL_TOKEN_FIELDS + " value } } }",
                Map.of("in", Map.of("name", unique("parity"), "permissions", List.of("RuleRead", "AlertRead"),
                        "allowedCIDRBlocks", List.of("127.0.0.0/8", "2001:db8::/32"), "expiresAt", expires,
                        "enabled", false, "meta", Map.of("plan", "gold", "seats", 3, "eu", true))));
        Map<String, Object> token = created.at("data", "createAPIToken", "token");
        String id = (String) token.get("id");

        Map<String, Object> rest = viaRest(id);

        assertEquals(rest, viaGraphQL(id));
        token.remove("value");
        assertEquals(rest, token, "the create payload is the same token too");
        assertEquals(17, rest.size(), "REST shows exactly the seventeen APIToken fields: " + rest.keySet());
        assertEquals(Map.of("plan", "gold", "seats", 3, "eu", true), rest.get("meta"));
        assertEquals(false, rest.get("enabled"));
    }

    @Test
    void a_token_created_through_rest_and_then_used_updated_and_rotated_reads_the_same_through_graphql() {
        Reply created = api.post("/api-tokens", admin, "{\"name\":\"" + unique("rest") + "\",\"permissions\":[\"OrganizationAPITokenRead\"]}");
        String id = created.string("id");
        String value = created.string("value");
        assertEquals(viaRest(id), viaGraphQL(id));

        assertEquals(200, api.graphql(value, "{ apiToken(id: \"self\") { id } }").status(), "using it sets lastUsedAt");
        uses.flush();
        assertEquals(200, api.post("/api-tokens/" + id, admin, "{\"name\":\"renamed\",\"permissions\":[],\"allowedCIDRBlocks\":[\"10.1.0.0/16\"]}").status());
        assertEquals(200, api.rotate(id, admin).status());

        Map<String, Object> rest = viaRest(id);
        assertEquals(rest, viaGraphQL(id));
        assertNotNull(rest.get("lastUsedAt"));
        assertNotNull(rest.get("rotatedAt"));
        assertEquals(List.of("10.1.0.0/16"), rest.get("allowedCIDRBlocks"));
    }

    @Test
    void the_bootstrap_token_made_by_the_system_reads_the_same_through_both() {
        String id = api.graphqlIdOf(admin);

        Map<String, Object> rest = viaRest(id);

        assertEquals(rest, viaGraphQL(id));
        assertEquals("system", ((Map<?, ?>) rest.get("createdBy")).get("type"));
    }

    @Test
    void the_first_page_of_the_list_is_the_same_through_both() {
        api.graphqlCreate(admin, unique("listed"));
        Reply rest = api.get("/api-tokens?limit=100", admin);

        Reply graphql = api.graphql(admin, "{ apiTokens(limit: 100) { results { " + GRAPHQL_TOKEN_FIELDS + " } next } }");

        assertEquals(rest.json().get("results"), graphql.at("data", "apiTokens", "results"));
        assertEquals(rest.json().get("next"), graphql.at("data", "apiTokens", "next"));
    }
}
