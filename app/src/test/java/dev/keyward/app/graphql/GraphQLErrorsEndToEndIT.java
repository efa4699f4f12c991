package dev.keyward.app.graphql;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.keyward.app.support.EndToEndTest;
import dev.keyward.domain.error.UnauthenticatedException;
import dev.keyward.domain.token.TokenValue;
import dev.keyward.testkit.HttpApi.Reply;
import dev.keyward.testkit.HttpApi.Token;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.slf4j.LoggerFactory;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import static dev.keyward.testkit.HttpApi.GRAPHQL;
import static dev.keyward.testkit.HttpApi.JSON;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Each error code over HTTP: a missing or bad key is a 401 with UNAUTHENTICATED, which a client can
 * tell from a bad query (200 with BAD_USER_INPUT) and from a body that is no GraphQL request (400).
 * No response carries a stack trace or a secret, and no client mistake logs an ERROR.
 */
@MicronautTest(transactional = false)
class GraphQLErrorsEndToEndIT extends EndToEndTest {

    private static final String SELF = "{ apiToken(id: \"self\") { id } }";

    private static void assertClean(Reply reply, String... secrets) {
        assertFalse(reply.body().contains("Exception"), reply.body());
        assertFalse(reply.body().contains("\tat "), reply.body());
        assertFalse(reply.body().contains("dev.keyward"), reply.body());
        for (String secret : secrets) {
            assertFalse(reply.body().contains(secret), "the response repeats a secret: " + reply.body());
        }
    }

    @Test
    void no_key_is_a_401_with_unauthenticated_and_a_graphql_shaped_body() {
        Reply reply = api.graphql(null, SELF);

        assertEquals(401, reply.status(), reply.body());
        assertEquals("UNAUTHENTICATED", reply.errorCode());
        assertEquals(UnauthenticatedException.MESSAGE, reply.errorMessage());
        assertNull(reply.at("data", "apiToken"));
        assertTrue(reply.header("WWW-Authenticate").contains("X-API-Key"));
        assertClean(reply);
    }

    static List<String> badKeys() {
        String unknown = TokenValue.generate(new SecureRandom()).reveal();
        String badChecksum = unknown.substring(0, unknown.length() - 1) + (unknown.endsWith("0") ? "1" : "0");
        return List.of("not-a-key", unknown, badChecksum, unknown.substring(0, 20));
    }

    @ParameterizedTest
    @MethodSource("badKeys")
    void a_malformed_or_unknown_key_is_the_same_401(String key) {
        Reply reply = api.graphql(key, SELF);

        assertEquals(401, reply.status(), reply.body());
        assertEquals("UNAUTHENTICATED", reply.errorCode());
        assertEquals(UnauthenticatedException.MESSAGE, reply.errorMessage());
        assertClean(reply, key);
    }

    @Test
    void several_keys_in_one_request_are_refused() {
        Reply reply = api.send("POST", GRAPHQL, admin, JSON, api.toJson(Map.of("query", SELF)), "X-API-Key", admin);

        assertEquals(401, reply.status(), reply.body());
        assertEquals("UNAUTHENTICATED", reply.errorCode());
    }

    @Test
    void a_token_used_from_outside_its_cidr_blocks_is_unauthenticated() {
        Token remote = api.graphqlCreate(admin, unique("remote"), List.of("OrganizationAPITokenRead"), List.of("192.0.2.0/24"));

        Reply reply = api.graphql(remote.value(), SELF);

        assertEquals(401, reply.status(), reply.body());
        assertEquals("UNAUTHENTICATED", reply.errorCode());
    }

    @Test
    void a_document_whose_first_rotation_ran_answers_200_with_the_new_secret_although_the_second_was_refused() {
        Token self = api.graphqlCreate(admin, unique("twice"));

        Reply reply = api.graphql(self.value(), "mutation { first: rotateAPIToken { token { value } } second: rotateAPIToken { token { value } } }");

        assertEquals(200, reply.status(), reply.body());
        String rotated = reply.at("data", "first", "token", "value");
        assertTrue(rotated.startsWith("kw_"), reply.body());
        assertNull(reply.at("data", "second"));
        assertEquals("UNAUTHENTICATED", reply.errorCode());
        assertEquals(List.of("second"), reply.at("errors", "0", "path"));
        assertEquals(200, api.graphql(rotated, SELF).status(), "the secret in the 200 is the one that works");
    }

    @Test
    void a_document_of_which_no_field_ran_keeps_its_401() {
        Reply reply = api.graphql("not-a-key", "mutation { first: rotateAPIToken { token { value } } second: rotateAPIToken { token { value } } }");

        assertEquals(401, reply.status(), reply.body());
        assertNull(reply.at("data", "first"));
    }

    @Test
    void a_missing_permission_is_forbidden_naming_it() {
        Token reader = api.graphqlCreate(admin, unique("reader"), "OrganizationAPITokenRead");

        Reply reply = api.graphql(reader.value(), "mutation { createAPIToken(input: {name: \"x\", permissions: []}) { token { id } } }");

        assertEquals(200, reply.status(), reply.body());
        assertEquals("FORBIDDEN", reply.errorCode());
        assertEquals("OrganizationAPITokenModify", reply.at("errors", "0", "extensions", "permission"));
        assertTrue(reply.errorMessage().contains("OrganizationAPITokenModify"), reply.body());
        assertEquals(List.of("createAPIToken"), reply.at("errors", "0", "path"));
    }

    @Test
    void the_privilege_guard_forbids_granting_a_permission_the_caller_lacks() {
        Token manager = api.graphqlCreate(admin, unique("manager"), "OrganizationAPITokenModify", "OrganizationAPITokenRead");

        Reply reply = api.graphql(manager.value(), "mutation { createAPIToken(input: {name: \"x\", permissions: [UserModify]}) { token { id } } }");

        assertEquals("FORBIDDEN", reply.errorCode());
        assertEquals("UserModify", reply.at("errors", "0", "extensions", "permission"));
    }

    @Test
    void rotating_another_token_needs_modify_but_rotating_oneself_needs_nothing() {
        Token bare = api.graphqlCreate(admin, unique("bare"));
        Token other = api.graphqlCreate(admin, unique("other"));

        Reply another = api.graphql(bare.value(), "mutation { rotateAPIToken(id: \"" + other.id() + "\") { token { value } } }");
        Reply self = api.graphql(bare.value(), "mutation { rotateAPIToken { token { value } } }");

        assertEquals("FORBIDDEN", another.errorCode());
        assertClean(another, other.value());
        assertTrue(((String) self.at("data", "rotateAPIToken", "token", "value")).startsWith("kw_"), self.body());
    }

    @Test
    void an_unknown_id_is_not_found() {
        Reply reply = api.graphql(admin, "{ apiToken(id: \"0190a3c4-0000-7000-8000-000000000000\") { id } }");
        Reply garbage = api.graphql(admin, "mutation { deleteAPIToken(id: \"no-such-token\") { id } }");

        assertEquals("NOT_FOUND", reply.errorCode());
        assertEquals(200, reply.status());
        assertEquals("NOT_FOUND", garbage.errorCode());
    }

    @Test
    void domain_validation_is_bad_user_input_naming_the_field() {
        Reply blank = api.graphql(admin, "mutation { createAPIToken(input: {name: \"  \", permissions: []}) { token { id } } }");
        Reply cidr = api.graphql(admin, "mutation { createAPIToken(input: {name: \"x\", permissions: [], allowedCIDRBlocks: [\"10.0.0.0/33\"]}) { token { id } } }");
        Reply expiry = api.graphql(admin, "mutation { createAPIToken(input: {name: \"x\", permissions: [], expiresAt: \"tomorrow\"}) { token { id } } }");
        Reply cursor = api.graphql(admin, "{ apiTokens(cursor: \"nonsense\") { next } }");
        Reply limit = api.graphql(admin, "{ apiTokens(limit: 101) { next } }");

        assertEquals(List.of("name", "allowedCIDRBlocks", "expiresAt", "cursor", "limit"),
                List.of(blank, cidr, expiry, cursor, limit).stream().map(r -> (String) r.at("errors", "0", "extensions", "field")).toList());
        for (Reply reply : List.of(blank, cidr, expiry, cursor, limit)) {
            assertEquals(200, reply.status(), reply.body());
            assertEquals("BAD_USER_INPUT", reply.errorCode(), reply.body());
            assertClean(reply);
        }
    }

    @Test
    void a_syntax_error_is_bad_user_input_with_a_location_and_never_a_401() {
        Reply withoutKey = api.graphql(null, "{ apiToken(id: ");
        Reply withKey = api.graphql(admin, "{ apiToken(id: ");

        for (Reply reply : List.of(withoutKey, withKey)) {
            assertEquals(200, reply.status(), reply.body());
            assertEquals("BAD_USER_INPUT", reply.errorCode());
            assertEquals("InvalidSyntax", reply.at("errors", "0", "extensions", "classification"));
            assertEquals(1, ((Number) reply.at("errors", "0", "locations", "0", "line")).intValue());
            assertClean(reply);
        }
    }

    @Test
    void a_validation_error_is_bad_user_input_naming_what_is_wrong() {
        Reply unknownField = api.graphql(admin, "{ apiToken(id: \"self\") { secret } }");
        Reply unknownPermission = api.graphql(admin, "mutation { createAPIToken(input: {name: \"x\", permissions: [Root]}) { token { id } } }");
        Reply badVariable = api.graphql(admin, "query ($limit: Int) { apiTokens(limit: $limit) { next } }", Map.of("limit", "ten"));

        assertEquals("BAD_USER_INPUT", unknownField.errorCode());
        assertTrue(unknownField.errorMessage().contains("secret"), unknownField.body());
        assertEquals("BAD_USER_INPUT", unknownPermission.errorCode());
        assertTrue(unknownPermission.errorMessage().contains("Root"), unknownPermission.body());
        assertEquals("BAD_USER_INPUT", badVariable.errorCode());
        assertEquals(200, badVariable.status());
    }

    @ParameterizedTest
    @ValueSource(strings = {"{not json", "[]", "[{\"query\": \"{ __typename }\"}]", "{\"query\": 5}", "{}", "\"text\"",
            "{\"query\": \"{ __typename }\", \"variables\": [1]}", "{\"query\": \"{ __typename }\", \"operationName\": 1}"})
    void a_body_that_is_not_a_graphql_request_is_a_400_with_a_graphql_shaped_error(String body) {
        Reply reply = api.send("POST", GRAPHQL, admin, JSON, body);

        assertEquals(400, reply.status(), reply.body());
        assertEquals("BAD_USER_INPUT", reply.errorCode());
        assertClean(reply, admin);
    }

    @Test
    void a_body_of_another_content_type_is_a_400() {
        Reply reply = api.send("POST", GRAPHQL, null, "text/plain", "{ __typename }");

        assertEquals(400, reply.status(), reply.body());
        assertEquals("BAD_USER_INPUT", reply.errorCode());
    }

    /** The replies, and every ERROR the server logged while producing them. */
    private record Logged(List<Reply> replies, List<String> errors) {
    }

    private static Logged capturingErrors(Supplier<List<Reply>> requests) {
        Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        ListAppender<ILoggingEvent> captured = new ListAppender<>();
        captured.start();
        root.addAppender(captured);
        try {
            List<Reply> replies = requests.get();
            return new Logged(replies, captured.list.stream().filter(event -> event.getLevel() == Level.ERROR)
                    .map(event -> event.getLoggerName() + ": " + event.getFormattedMessage()).toList());
        } finally {
            root.detachAppender(captured);
        }
    }

    private Reply getGraphql(String query, String operationName) {
        String path = GRAPHQL + "?query=" + URLEncoder.encode(query, StandardCharsets.UTF_8)
                + (operationName == null ? "" : "&operationName=" + URLEncoder.encode(operationName, StandardCharsets.UTF_8));
        return api.send("GET", path, null, null, null);
    }

    @Test
    void an_operation_that_cannot_be_chosen_is_bad_user_input_for_anyone_and_logs_no_error() {
        String several = "query a { __typename } query b { __typename }";

        Logged logged = capturingErrors(() -> List.of(
                api.send("POST", GRAPHQL, null, JSON, api.toJson(Map.of("query", several))),
                api.send("POST", GRAPHQL, null, JSON, api.toJson(Map.of("query", "query a { __typename }", "operationName", "b"))),
                api.send("POST", GRAPHQL, null, JSON, api.toJson(Map.of("query", several, "operationName", ""))),
                api.send("POST", GRAPHQL, null, "application/graphql", several),
                getGraphql(several, null),
                getGraphql("query a { __typename }", "b"),
                api.send("POST", GRAPHQL, admin, JSON, api.toJson(Map.of("query", several)))));

        for (Reply reply : logged.replies()) {
            assertEquals(200, reply.status(), reply.body());
            assertEquals("BAD_USER_INPUT", reply.errorCode(), reply.body());
            assertTrue(reply.errorMessage().contains("operationName"), reply.body());
            assertNull(reply.at("data"), reply.body());
            assertClean(reply);
        }
        assertEquals(List.of(), logged.errors());
    }

    @Test
    void operation_name_picks_one_of_several_operations_by_post_and_by_get() {
        String document = "query a { apiToken(id: \"self\") { name } } query b { __typename }";

        Reply post = api.send("POST", GRAPHQL, admin, JSON, api.toJson(Map.of("query", document, "operationName", "b")));
        Reply get = getGraphql("query a { __typename } query b { __typename }", "a");

        assertEquals(200, post.status(), post.body());
        assertEquals(Map.of("__typename", "Query"), post.data());
        assertEquals(200, get.status(), get.body());
        assertEquals(Map.of("__typename", "Query"), get.data());
    }

    @Test
    void a_token_value_sent_anywhere_in_a_request_never_comes_back_in_an_error() {
        String value = TokenValue.generate(new SecureRandom()).reveal();
        String create = "mutation ($in: CreateAPITokenInput!) { createAPIToken(input: $in) { token { id } } }";

        Map<String, Reply> replies = new LinkedHashMap<>();
        replies.put("allowedCIDRBlocks", api.graphql(admin, create,
                Map.of("in", Map.of("name", "x", "permissions", List.of(), "allowedCIDRBlocks", List.of(value)))));
        replies.put("allowedCIDRBlocks inline", api.graphql(admin,
                "mutation { createAPIToken(input: {name: \"x\", permissions: [], allowedCIDRBlocks: [\"10.0.0.1/8\", \"" + value + "\"]}) { token { id } } }"));
        replies.put("Permission variable", api.graphql(admin, create,
                Map.of("in", Map.of("name", "x", "permissions", List.of(value)))));
        replies.put("Permission literal", api.graphql(admin,
                "mutation { createAPIToken(input: {name: \"x\", permissions: [" + value + "]}) { token { id } } }"));
        replies.put("id argument", api.graphql(admin, "{ apiToken(id: \"" + value + "\") { id } }"));
        replies.put("id variable", api.graphql(admin, "query ($id: ID!) { apiToken(id: $id) { id } }", Map.of("id", value)));
        replies.put("id of a delete", api.graphql(admin, "mutation { deleteAPIToken(id: \"" + value + "\") { id } }"));
        replies.put("syntax error", api.graphql(admin, "{ apiToken(id: \"self\") { id } } " + value));
        replies.put("syntax error without a key", api.graphql(null, "{ apiToken(id: " + value + " { id } }"));
        replies.put("operation name", api.send("POST", GRAPHQL, null, JSON, api.toJson(Map.of("query", "query a { __typename }", "operationName", value))));

        for (Map.Entry<String, Reply> entry : replies.entrySet()) {
            Reply reply = entry.getValue();
            assertTrue(List.of("BAD_USER_INPUT", "NOT_FOUND").contains(reply.errorCode()), entry.getKey() + ": " + reply.body());
            assertClean(reply, value, value.substring(0, 12), value.substring(value.length() - 12));
        }
        assertTrue(replies.get("allowedCIDRBlocks").errorMessage().contains("kw_[redacted]"), replies.get("allowedCIDRBlocks").body());
        assertTrue(replies.get("Permission variable").errorMessage().contains("kw_[redacted]"), replies.get("Permission variable").body());
    }
}
