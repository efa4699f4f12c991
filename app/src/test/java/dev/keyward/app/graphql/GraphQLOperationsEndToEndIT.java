package dev.keyward.app.graphql;

import dev.keyward.app.support.EndToEndTest;
import dev.keyward.testkit.HttpApi.Reply;
import dev.keyward.testkit.HttpApi.Token;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import org.junit.jupiter.api.Test;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static dev.keyward.testkit.HttpApi.GRAPHQL;
import static dev.keyward.testkit.HttpApi.GRAPHQL_TOKEN_FIELDS;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Every GraphQL query and mutation over HTTP and the real database, including both spellings of Panther's rotate. */
@MicronautTest(transactional = false)
class GraphQLOperationsEndToEndIT extends EndToEndTest {

    private static final String TOKEN_VALUE = "kw_[0-9A-Za-z]{36}";

    @Test
    void create_returns_every_field_and_the_value_which_then_authenticates() {
        String expires = Instant.now().plusSeconds(86_400).toString();
        Reply reply = api.graphql(admin, "mutation ($in: CreateAPITokenInput!) { createAPIToken(input: $in) { token { " + GRAPHQL_TOKEN_FIELDS + " value } } }",
                Map.of("in", Map.of("name", "ci deploy", "permissions", List.of("AlertRead", "OrganizationAPITokenRead", "AlertModify"),
                        "allowedCIDRBlocks", List.of("127.0.0.0/8"), "expiresAt", expires)));

        Map<String, Object> token = reply.at("data", "createAPIToken", "token");
        assertEquals(200, reply.status(), reply.body());
        assertEquals("no-store", reply.header("Cache-Control"));
        assertTrue(((String) token.get("value")).matches(TOKEN_VALUE));
        assertEquals("ci deploy", token.get("name"));
        assertEquals(List.of("AlertModify", "AlertRead", "OrganizationAPITokenRead"), token.get("permissions"));
        assertEquals(List.of("127.0.0.0/8"), token.get("allowedCIDRBlocks"));
        assertEquals(Instant.parse(expires).truncatedTo(ChronoUnit.MICROS), Instant.parse((String) token.get("expiresAt")));
        assertEquals(Map.of("id", api.graphqlIdOf(admin), "type", "api-token"), token.get("createdBy"));
        assertNull(token.get("rotatedAt"));
        assertEquals(token.get("id"), api.graphqlIdOf((String) token.get("value")), "the new value authenticates as the new token");
    }

    @Test
    void api_token_reads_by_id_and_by_self_without_a_value_field_in_the_schema() {
        Token reader = api.graphqlCreate(admin, unique("reader"), "OrganizationAPITokenRead");

        Map<String, Object> byId = api.graphql(admin, "{ apiToken(id: \"" + reader.id() + "\") { id name permissions } }").data();
        Map<String, Object> self = api.graphql(reader.value(), "{ apiToken(id: \"self\") { id name permissions } }").data();

        assertEquals(byId, self);
        assertEquals(reader.id(), ((Map<?, ?>) self.get("apiToken")).get("id"));
        assertEquals("BAD_USER_INPUT", api.graphql(admin, "{ apiToken(id: \"self\") { value } }").errorCode(), "APIToken has no value field");
    }

    @Test
    void api_tokens_pages_through_every_token_with_limit_and_cursor() {
        for (int i = 0; i < 3; i++) {
            api.graphqlCreate(admin, unique("page"));
        }
        List<String> seen = new ArrayList<>();
        String cursor = null;
        int pages = 0;
        do {
            Reply reply = api.graphql(admin, "query ($cursor: String) { apiTokens(cursor: $cursor, limit: 2) { results { id } next } }",
                    cursor == null ? Map.of() : Map.of("cursor", cursor));
            List<Map<String, Object>> results = reply.at("data", "apiTokens", "results");
            assertTrue(results.size() <= 2, reply.body());
            results.forEach(result -> seen.add((String) result.get("id")));
            cursor = reply.at("data", "apiTokens", "next");
            pages++;
        } while (cursor != null && pages < 50);

        List<String> all = api.graphql(admin, "{ apiTokens(limit: 100) { results { id } next } }").<List<Map<String, Object>>>at("data", "apiTokens", "results")
                .stream().map(result -> (String) result.get("id")).toList();
        assertTrue(all.size() >= 4, "the admin and three new tokens");
        assertEquals(all, seen, "pages of two, followed by next, list every token once in order");
        assertTrue(pages >= 2);
    }

    @Test
    void update_replaces_name_and_permissions_and_keeps_the_blocks_when_they_are_omitted() {
        Token token = api.graphqlCreate(admin, unique("before"), List.of("AlertRead"), List.of("10.0.0.0/8"));

        Reply updated = api.graphql(admin, "mutation ($id: ID!) { updateAPIToken(id: $id, input: {name: \"after\", permissions: [RuleRead, AlertRead]}) { token { "
                + GRAPHQL_TOKEN_FIELDS + " } } }", Map.of("id", token.id()));
        Map<String, Object> after = updated.at("data", "updateAPIToken", "token");

        assertEquals(200, updated.status(), updated.body());
        assertEquals("after", after.get("name"));
        assertEquals(List.of("AlertRead", "RuleRead"), after.get("permissions"));
        assertEquals(List.of("10.0.0.0/8"), after.get("allowedCIDRBlocks"));
        assertEquals(Map.of("id", api.graphqlIdOf(admin), "type", "api-token"), after.get("updatedBy"));

        Reply cleared = api.graphql(admin, "mutation ($id: ID!) { updateAPIToken(id: $id, input: {name: \"after\", permissions: [], allowedCIDRBlocks: []}) { token { allowedCIDRBlocks permissions } } }",
                Map.of("id", token.id()));
        assertEquals(List.of(), cleared.at("data", "updateAPIToken", "token", "allowedCIDRBlocks"));
        assertEquals(List.of(), cleared.at("data", "updateAPIToken", "token", "permissions"));
    }

    @Test
    void delete_removes_the_token_for_good_and_its_value_is_refused_at_once() {
        Token token = api.graphqlCreate(admin, unique("doomed"), "OrganizationAPITokenRead");

        Reply deleted = api.graphql(admin, "mutation { deleteAPIToken(id: \"" + token.id() + "\") { id } }");

        assertEquals(token.id(), deleted.<String>at("data", "deleteAPIToken", "id"));
        assertEquals("NOT_FOUND", api.graphql(admin, "{ apiToken(id: \"" + token.id() + "\") { id } }").errorCode());
        assertEquals(401, api.graphql(token.value(), "{ apiToken(id: \"self\") { id } }").status());
        assertEquals(401, api.get("/api-tokens/self", token.value()).status());
    }

    @Test
    void delete_self_returns_the_callers_own_id() {
        Token token = api.graphqlCreate(admin, unique("self-deleter"), "OrganizationAPITokenModify");

        Reply deleted = api.graphql(token.value(), "mutation { deleteAPIToken(id: \"self\") { id } }");

        assertEquals(token.id(), deleted.<String>at("data", "deleteAPIToken", "id"));
        assertEquals(401, api.graphql(token.value(), "{ apiToken(id: \"self\") { id } }").status());
    }

    @Test
    void panthers_documented_rotate_mutation_with_empty_parentheses_rotates_the_token_in_the_header() {
        Token token = api.graphqlCreate(admin, unique("panther"), "OrganizationAPITokenRead");

        Reply rotated = api.graphql(token.value(), "mutation rotateAPIToken() { rotateAPIToken() { token { value } } }");

        assertRotated(token, rotated);
    }

    @Test
    void the_standard_rotate_mutation_without_parentheses_rotates_the_token_in_the_header() {
        Token token = api.graphqlCreate(admin, unique("standard"), "OrganizationAPITokenRead");

        Reply rotated = api.graphql(token.value(), "mutation { rotateAPIToken { token { value } } }");

        assertRotated(token, rotated);
    }

    @Test
    void the_rotate_mutation_also_works_sent_as_application_graphql() {
        Token token = api.graphqlCreate(admin, unique("raw"), "OrganizationAPITokenRead");

        Reply rotated = api.send("POST", GRAPHQL, token.value(), "application/graphql",
                "mutation rotateAPIToken() { rotateAPIToken() { token { value } } }");

        assertRotated(token, rotated);
    }

    private void assertRotated(Token token, Reply rotated) {
        assertEquals(200, rotated.status(), rotated.body());
        String value = rotated.at("data", "rotateAPIToken", "token", "value");
        assertTrue(value.matches(TOKEN_VALUE));
        assertNotEquals(token.value(), value);
        Reply old = api.graphql(token.value(), "{ apiToken(id: \"self\") { id } }");
        assertEquals(401, old.status(), "the old value is refused right after");
        assertEquals("UNAUTHENTICATED", old.errorCode());
        assertEquals(401, api.get("/api-tokens/self", token.value()).status(), "and by REST too");
        assertEquals(token.id(), api.graphqlIdOf(value), "the new value is the same token");
    }

    @Test
    void rotate_by_id_rotates_another_token_and_records_when() {
        Token token = api.graphqlCreate(admin, unique("other"), "OrganizationAPITokenRead");

        Reply rotated = api.graphql(admin, "mutation ($id: ID) { rotateAPIToken(id: $id) { token { id rotatedAt value } } }", Map.of("id", token.id()));

        assertEquals(token.id(), rotated.<String>at("data", "rotateAPIToken", "token", "id"));
        assertNotNull(rotated.at("data", "rotateAPIToken", "token", "rotatedAt"));
        assertEquals(401, api.graphql(token.value(), "{ apiToken(id: \"self\") { id } }").status());
        assertEquals(token.id(), api.graphqlIdOf(rotated.at("data", "rotateAPIToken", "token", "value")));
    }

    @Test
    void introspection_and_the_sdl_work_without_a_key() {
        Reply introspection = api.graphql(null, "{ __schema { mutationType { fields { name } } } }");
        Reply sdl = api.get(GRAPHQL + "/schema.graphqls", null);

        List<Map<String, Object>> fields = introspection.at("data", "__schema", "mutationType", "fields");
        assertEquals(List.of("createAPIToken", "updateAPIToken", "deleteAPIToken", "rotateAPIToken", "bulkDeleteAPITokens", "createOwner", "updateOwner",
                "deleteOwner"),
                fields.stream().map(field -> field.get("name")).toList());
        assertEquals(200, sdl.status());
        assertTrue(sdl.body().contains("enum Permission"), sdl.body());
    }

    @Test
    void a_query_may_be_sent_with_get_but_a_mutation_may_not() {
        Token token = api.graphqlCreate(admin, unique("get"), "OrganizationAPITokenRead");
        String query = URLEncoder.encode("{ apiToken(id: \"self\") { id } }", StandardCharsets.UTF_8);
        String mutation = URLEncoder.encode("mutation { rotateAPIToken { token { value } } }", StandardCharsets.UTF_8);

        Reply read = api.get(GRAPHQL + "?query=" + query, token.value());
        Reply write = api.get(GRAPHQL + "?query=" + mutation, token.value());

        assertEquals(token.id(), read.<String>at("data", "apiToken", "id"));
        assertEquals("BAD_USER_INPUT", write.errorCode());
        assertTrue(write.errorMessage().contains("POST"), write.body());
        assertEquals(token.id(), api.graphqlIdOf(token.value()), "the token was not rotated");
        assertFalse(write.body().contains("\"value\""));
    }
}
