package dev.keyward.adapter.graphql;

import dev.keyward.domain.error.ConcurrentChangeException;
import dev.keyward.domain.error.UnauthenticatedException;
import dev.keyward.domain.fake.DirectTransactions;
import dev.keyward.domain.fake.InMemoryDomain;
import dev.keyward.domain.fake.InMemoryInstallation;
import dev.keyward.domain.fake.InMemoryTokens;
import dev.keyward.domain.fake.RecordingAuditOutbox;
import dev.keyward.domain.lifecycle.RotationPolicy;
import dev.keyward.domain.network.IpAddress;
import dev.keyward.domain.permission.Permission;
import dev.keyward.domain.token.ApiToken;
import dev.keyward.domain.token.SecretHash;
import dev.keyward.domain.token.SecretHasher;
import dev.keyward.domain.token.TokenId;
import dev.keyward.domain.token.TokenValue;
import dev.keyward.domain.token.Tokens;
import dev.keyward.domain.wiring.KeywardDomain;
import graphql.ExecutionInput;
import graphql.GraphQL;
import graphql.parser.Parser;
import graphql.schema.GraphQLEnumType;
import graphql.schema.GraphQLEnumValueDefinition;
import graphql.schema.GraphQLFieldDefinition;
import graphql.schema.GraphQLObjectType;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.security.SecureRandom;
import java.time.Clock;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The GraphQL engine over the real domain service and its in-memory fakes: schema, wiring, error codes, limits. */
class GraphQLEngineTest {

    private static final List<String> REST_TOKEN_FIELDS = List.of("id", "name", "permissions", "allowedCIDRBlocks",
            "createdAt", "createdBy", "updatedAt", "updatedBy", "expiresAt", "lastUsedAt", "lastUsedFrom", "rotatedAt", "rotationDueAt",
            "previousValueExpiresAt", "enabled", "meta", "ownerId");
    private static final dev.keyward.domain.lifecycle.RotationPolicy ROTATION = new dev.keyward.domain.lifecycle.RotationPolicy(java.time.Duration.ofDays(90));

    private GraphQL graphQL;
    private RecordingAuditOutbox outbox;
    private String adminKey;
    private final AtomicBoolean raceEveryUpdate = new AtomicBoolean();

    /** The in-memory store, except that an update can be made to lose a race as a concurrent one would. */
    private final class RacingTokens implements Tokens {
        private final InMemoryTokens rows = new InMemoryTokens();

        @Override public Optional<ApiToken> findById(TokenId id) { return rows.findById(id); }
        @Override public Optional<ApiToken> findByHash(SecretHash hash) { return rows.findByHash(hash); }
        @Override public List<ApiToken> listAfter(TokenId after, dev.keyward.domain.token.TokenFilter filter, int limit) {
            return rows.listAfter(after, filter, limit);
        }
        @Override public boolean isEmpty() { return rows.isEmpty(); }
        @Override public void add(ApiToken token) { rows.add(token); }
        @Override public void remove(ApiToken token) { rows.remove(token); }

        @Override
        public void update(ApiToken token) {
            if (raceEveryUpdate.get()) {
                throw new ConcurrentChangeException("token " + token.id() + " changed meanwhile");
            }
            rows.update(token);
        }
    }

    @BeforeEach
    void startWithOneAdminToken() {
        byte[] pepper = new byte[32];
        new SecureRandom().nextBytes(pepper);
        InMemoryDomain fakes = InMemoryDomain.over(new RacingTokens(), new DirectTransactions(), Clock.systemUTC(),
                new SecureRandom(), new SecretHasher(pepper));
        outbox = fakes.outbox;
        KeywardDomain services = fakes.domain;
        adminKey = services.bootstrap().bootstrap(Optional.empty()).orElseThrow().reveal();
        graphQL = GraphQLFactory.build(new TokenDataFetchers(services.queries(), services.commands(), services.ownerQueries(), services.ownerCommands(), services.check(), ROTATION), new DocumentLimits(6, 60, 3, 2));
    }

    private Map<String, Object> run(String key, String document) {
        return run(key, document, Map.of());
    }

    private Map<String, Object> run(String key, String document, Map<String, Object> variables) {
        return run(key, document, null, variables);
    }

    private Map<String, Object> run(String key, String document, String operationName, Map<String, Object> variables) {
        ExecutionInput input = ExecutionInput.newExecutionInput()
                .query(DocumentNormaliser.normalise(document))
                .operationName(operationName)
                .variables(variables)
                .graphQLContext(Map.of(RequestContext.KEY, new RequestContext(key, IpAddress.parse("127.0.0.1"), false, caller -> { })))
                .build();
        return ErrorCodes.specificationOf(graphQL.execute(input));
    }

    @SuppressWarnings("unchecked")
    private static <T> T at(Object root, String... path) {
        Object current = root;
        for (String step : path) {
            current = current instanceof List<?> list ? list.get(Integer.parseInt(step)) : ((Map<String, Object>) current).get(step);
        }
        return (T) current;
    }

    private static String codeOf(Map<String, Object> body) {
        return at(body, "errors", "0", "extensions", "code");
    }

    @Test
    void the_permission_enum_has_exactly_the_domains_37_names() {
        GraphQLEnumType permission = (GraphQLEnumType) graphQL.getGraphQLSchema().getType("Permission");

        List<String> names = permission.getValues().stream().map(GraphQLEnumValueDefinition::getName).toList();

        assertEquals(Arrays.stream(Permission.values()).map(Enum::name).toList(), names);
        assertEquals(37, names.size());
    }

    @Test
    void api_token_has_the_rest_fields_and_only_the_create_and_rotate_type_adds_value() {
        GraphQLObjectType token = graphQL.getGraphQLSchema().getObjectType("APIToken");
        GraphQLObjectType withValue = graphQL.getGraphQLSchema().getObjectType("APITokenWithValue");

        assertEquals(REST_TOKEN_FIELDS, token.getFieldDefinitions().stream().map(GraphQLFieldDefinition::getName).toList());
        List<String> expected = new java.util.ArrayList<>(REST_TOKEN_FIELDS);
        expected.add("value");
        assertEquals(expected, withValue.getFieldDefinitions().stream().map(GraphQLFieldDefinition::getName).toList());
    }

    @Test
    void introspection_works_without_a_key() {
        Map<String, Object> body = run(null, "{ __schema { queryType { name } mutationType { name } } }");

        assertNull(body.get("errors"));
        assertEquals("Mutation", at(body, "data", "__schema", "mutationType", "name"));
    }

    @Test
    void a_token_field_without_a_key_is_unauthenticated_with_the_domains_fixed_message() {
        Map<String, Object> body = run(null, "{ apiToken(id: \"self\") { id } }");

        assertEquals("UNAUTHENTICATED", codeOf(body));
        assertTrue(ErrorCodes.isUnauthenticated(body));
        assertEquals(dev.keyward.domain.error.UnauthenticatedException.MESSAGE, at(body, "errors", "0", "message"));
    }

    @Test
    void reading_self_returns_the_admin_token_without_a_value() {
        Map<String, Object> body = run(adminKey, "{ apiToken(id: \"self\") { id name permissions createdBy { id type } } }");

        assertNull(body.get("errors"));
        assertEquals("bootstrap-admin", at(body, "data", "apiToken", "name"));
        assertEquals(37, this.<List<?>>at(body, "data", "apiToken", "permissions").size());
        assertEquals("system", at(body, "data", "apiToken", "createdBy", "type"));
        assertFalse(ErrorCodes.isUnauthenticated(body));
    }

    @Test
    void the_documented_rotate_mutation_with_empty_parentheses_rotates_the_calling_token() {
        Map<String, Object> body = run(adminKey, "mutation rotateAPIToken() { rotateAPIToken() { token { value rotatedAt } } }");

        String value = at(body, "data", "rotateAPIToken", "token", "value");
        assertNotNull(value);
        assertNotEquals(adminKey, value);
        assertNotNull(at(body, "data", "rotateAPIToken", "token", "rotatedAt"));
        assertEquals("UNAUTHENTICATED", codeOf(run(adminKey, "{ apiToken(id: \"self\") { id } }")));
        assertNull(run(value, "{ apiToken(id: \"self\") { id } }").get("errors"));
    }

    @Test
    void rotate_with_a_grace_period_keeps_the_old_value_working_for_reads_but_not_for_writes() {
        Map<String, Object> body = run(adminKey, "mutation { rotateAPIToken(gracePeriodSeconds: 3600) { token { value previousValueExpiresAt } } }");

        String value = at(body, "data", "rotateAPIToken", "token", "value");
        assertNotNull(at(body, "data", "rotateAPIToken", "token", "previousValueExpiresAt"));
        assertEquals(this.<String>at(body, "data", "rotateAPIToken", "token", "previousValueExpiresAt"),
                this.<String>at(run(adminKey, "{ apiToken(id: \"self\") { previousValueExpiresAt } }"), "data", "apiToken", "previousValueExpiresAt"));
        Map<String, Object> refused = run(adminKey, "mutation { rotateAPIToken { token { value } } }");
        assertEquals("FORBIDDEN", codeOf(refused));
        assertTrue(this.<String>at(refused, "errors", "0", "message").contains("previous value"), refused.toString());
        assertNull(run(value, "{ apiToken(id: \"self\") { id } }").get("errors"));
    }

    @Test
    void a_grace_period_beyond_the_cap_is_bad_user_input_naming_the_field() {
        Map<String, Object> refused = run(adminKey, "mutation { rotateAPIToken(id: \"self\", gracePeriodSeconds: 86401) { token { value } } }");

        assertEquals("BAD_USER_INPUT", codeOf(refused));
        assertEquals("gracePeriodSeconds", at(refused, "errors", "0", "extensions", "field"));
        assertNull(run(adminKey, "{ apiToken(id: \"self\") { id } }").get("errors"), "nothing was rotated");
    }

    @Test
    void create_then_use_a_narrower_token_to_hit_forbidden_not_found_and_bad_user_input() {
        Map<String, Object> created = run(adminKey, "mutation ($in: CreateAPITokenInput!) { createAPIToken(input: $in) { token { id value permissions } } }",
                Map.of("in", Map.of("name", "reader", "permissions", List.of("OrganizationAPITokenRead"))));
        String reader = at(created, "data", "createAPIToken", "token", "value");
        assertEquals(List.of("OrganizationAPITokenRead"), at(created, "data", "createAPIToken", "token", "permissions"));

        Map<String, Object> forbidden = run(reader, "mutation { deleteAPIToken(id: \"self\") { id } }");
        assertEquals("FORBIDDEN", codeOf(forbidden));
        assertEquals("OrganizationAPITokenModify", at(forbidden, "errors", "0", "extensions", "permission"));
        assertEquals(List.of("deleteAPIToken"), at(forbidden, "errors", "0", "path"));

        assertEquals("NOT_FOUND", codeOf(run(reader, "{ apiToken(id: \"0190a3c4-0000-7000-8000-000000000000\") { id } }")));

        Map<String, Object> badLimit = run(reader, "{ apiTokens(limit: 0) { next } }");
        assertEquals("BAD_USER_INPUT", codeOf(badLimit));
        assertEquals("limit", at(badLimit, "errors", "0", "extensions", "field"));
    }

    @Test
    void a_token_created_disabled_is_unauthenticated_until_an_update_enables_it() {
        Map<String, Object> created = run(adminKey, "mutation ($in: CreateAPITokenInput!) { createAPIToken(input: $in) { token { id value enabled } } }",
                Map.of("in", Map.of("name", "paused", "permissions", List.of("OrganizationAPITokenRead"), "enabled", false)));
        String id = at(created, "data", "createAPIToken", "token", "id");
        String paused = at(created, "data", "createAPIToken", "token", "value");
        assertEquals(false, at(created, "data", "createAPIToken", "token", "enabled"));
        assertEquals("UNAUTHENTICATED", codeOf(run(paused, "{ apiToken(id: \"self\") { id } }")));

        Map<String, Object> enabled = run(adminKey, "mutation ($id: ID!, $in: UpdateAPITokenInput!) { updateAPIToken(id: $id, input: $in) { token { enabled } } }",
                Map.of("id", id, "in", Map.of("name", "paused", "permissions", List.of("OrganizationAPITokenRead"), "enabled", true)));

        assertEquals(true, at(enabled, "data", "updateAPIToken", "token", "enabled"));
        assertEquals(id, at(run(paused, "{ apiToken(id: \"self\") { id enabled } }"), "data", "apiToken", "id"));
    }

    @Test
    void meta_is_a_json_object_in_and_out_and_anything_else_is_bad_user_input_naming_it() {
        Map<String, Object> created = run(adminKey, "mutation ($in: CreateAPITokenInput!) { createAPIToken(input: $in) { token { id meta } } }",
                Map.of("in", Map.of("name", "tagged", "permissions", List.of(), "meta", Map.of("plan", "gold", "seats", 3))));
        Map<String, Object> literal = run(adminKey, "mutation { createAPIToken(input: {name: \"lit\", permissions: [], meta: {region: \"eu\"}}) { token { meta } } }");
        Map<String, Object> notAnObject = run(adminKey, "mutation ($in: CreateAPITokenInput!) { createAPIToken(input: $in) { token { id } } }",
                Map.of("in", Map.of("name", "bad", "permissions", List.of(), "meta", List.of("plan"))));

        assertEquals(Map.of("plan", "gold", "seats", 3), at(created, "data", "createAPIToken", "token", "meta"));
        assertEquals(Map.of("region", "eu"), at(literal, "data", "createAPIToken", "token", "meta"));
        assertEquals("BAD_USER_INPUT", codeOf(notAnObject));
        assertEquals("meta", at(notAnObject, "errors", "0", "extensions", "field"));
    }

    @Test
    void owners_are_created_read_and_given_tokens_and_one_with_tokens_cannot_be_deleted() {
        Map<String, Object> created = run(adminKey, "mutation { createOwner(input: {externalId: \"cus_5\", name: \"Five\", meta: {plan: \"pro\"}}) { owner { id externalId meta } } }");
        String ownerId = at(created, "data", "createOwner", "owner", "id");
        Map<String, Object> token = run(adminKey, "mutation ($in: CreateAPITokenInput!) { createAPIToken(input: $in) { token { id ownerId } } }",
                Map.of("in", Map.of("name", "owned", "permissions", List.of(), "ownerId", ownerId)));
        Map<String, Object> duplicate = run(adminKey, "mutation { createOwner(input: {externalId: \"cus_5\"}) { owner { id } } }");
        Map<String, Object> held = run(adminKey, "mutation ($id: ID!) { deleteOwner(id: $id) { id } }", Map.of("id", ownerId));

        assertEquals(Map.of("plan", "pro"), at(created, "data", "createOwner", "owner", "meta"));
        assertEquals(ownerId, at(token, "data", "createAPIToken", "token", "ownerId"));
        assertEquals("Five", at(run(adminKey, "query ($id: ID!) { owner(id: $id) { name } }", Map.of("id", ownerId)), "data", "owner", "name"));
        assertEquals(List.of(Map.of("externalId", "cus_5")), at(run(adminKey, "{ owners(externalId: \"cus_5\") { results { externalId } } }"),
                "data", "owners", "results"));
        assertEquals("CONFLICT", codeOf(duplicate));
        assertEquals("CONFLICT", codeOf(held));
        assertEquals(List.of(Map.of("ownerId", ownerId)), at(run(adminKey, "query ($o: ID!) { apiTokens(ownerId: $o, enabled: true) { results { ownerId } } }",
                Map.of("o", ownerId)), "data", "apiTokens", "results"));
        assertEquals(List.of(), at(run(adminKey, "{ apiTokens(expiresBefore: \"2099-01-01T00:00:00Z\") { results { id } } }"),
                "data", "apiTokens", "results"), "no token here expires");
        Map<String, Object> badTime = run(adminKey, "{ apiTokens(lastUsedBefore: \"later\") { results { id } } }");
        assertEquals("BAD_USER_INPUT", codeOf(badTime));
        assertEquals("lastUsedBefore", at(badTime, "errors", "0", "extensions", "field"));
        assertEquals(1, (Integer) at(run(adminKey, "mutation ($o: ID!) { bulkDeleteAPITokens(ownerId: $o) { deleted } }", Map.of("o", ownerId)),
                "data", "bulkDeleteAPITokens", "deleted"));
        assertEquals(ownerId, at(run(adminKey, "mutation ($id: ID!) { deleteOwner(id: $id) { id } }", Map.of("id", ownerId)),
                "data", "deleteOwner", "id"), "an owner whose tokens are gone can be deleted");
    }

    @Test
    void syntax_and_validation_errors_are_bad_user_input_and_not_unauthenticated() {
        Map<String, Object> syntax = run(null, "{ apiToken(id: ");
        Map<String, Object> validation = run(adminKey, "{ apiToken(id: \"self\") { nope } }");
        Map<String, Object> enumValue = run(adminKey, "mutation { createAPIToken(input: {name: \"x\", permissions: [NoSuchPermission]}) { token { id } } }");

        assertEquals("BAD_USER_INPUT", codeOf(syntax));
        assertEquals("InvalidSyntax", at(syntax, "errors", "0", "extensions", "classification"));
        assertEquals("BAD_USER_INPUT", codeOf(validation));
        assertEquals("ValidationError", at(validation, "errors", "0", "extensions", "classification"));
        assertEquals("BAD_USER_INPUT", codeOf(enumValue));
        assertFalse(ErrorCodes.isUnauthenticated(syntax));
    }

    @Test
    void losing_a_race_with_a_concurrent_change_is_a_conflict_the_client_may_retry() {
        raceEveryUpdate.set(true);

        Map<String, Object> body = run(adminKey, "mutation { rotateAPIToken { token { value } } }");

        assertEquals("CONFLICT", codeOf(body));
        assertNull(at(body, "data", "rotateAPIToken"));
        raceEveryUpdate.set(false);
        assertNotNull(at(run(adminKey, "mutation { rotateAPIToken { token { value } } }"), "data", "rotateAPIToken", "token", "value"),
                "the old value still works: nothing was changed");
    }

    @Test
    void an_unexpected_failure_is_an_internal_error_that_shows_nothing_of_it() {
        GraphQL broken = GraphQLFactory.build(new TokenDataFetchers(null, null, null, null, null, new dev.keyward.domain.lifecycle.RotationPolicy(java.time.Duration.ofDays(90))), ShippedLimits.LIMITS);
        ExecutionInput input = ExecutionInput.newExecutionInput().query("{ apiToken(id: \"self\") { id } }")
                .graphQLContext(Map.of(RequestContext.KEY, new RequestContext(adminKey, IpAddress.parse("127.0.0.1"), false, caller -> { }))).build();

        Map<String, Object> body = ErrorCodes.specificationOf(broken.execute(input));

        assertEquals("INTERNAL_SERVER_ERROR", codeOf(body));
        assertEquals("internal error", at(body, "errors", "0", "message"));
    }

    @Test
    void a_broken_limit_is_refused_before_anything_runs() {
        Map<String, Object> body = run(adminKey, "mutation { a: createAPIToken(input: {name: \"a\", permissions: []}) { token { id } } "
                + "b: createAPIToken(input: {name: \"b\", permissions: []}) { token { id } } "
                + "c: createAPIToken(input: {name: \"c\", permissions: []}) { token { id } } "
                + "d: createAPIToken(input: {name: \"d\", permissions: []}) { token { id } } }");

        assertEquals("BAD_USER_INPUT", codeOf(body));
        assertEquals("aliases", at(body, "errors", "0", "extensions", "limit"));
        assertNull(body.get("data"));
        assertEquals(1, outbox.events().size(), "only the bootstrap token was issued");
    }

    @ParameterizedTest
    @CsvSource(value = {
            "query a { __typename } query b { __typename } | NULL",
            "query a { __typename } query b { __typename } | ''",
            "query a { __typename } | ' '",
            "query a { __typename } | b",
            "{ __typename } | b",
            "query a { __typename } mutation b { rotateAPIToken { token { id } } } | c"}, delimiter = '|', nullValues = "NULL")
    void an_operation_that_cannot_be_chosen_is_bad_user_input_rather_than_an_exception(String document, String operationName) {
        Map<String, Object> body = run(adminKey, document, operationName, Map.of());

        assertEquals("BAD_USER_INPUT", codeOf(body));
        assertTrue(at(body, "errors", "0", "message").toString().contains("operationName"), body.toString());
        assertEquals("ValidationError", at(body, "errors", "0", "extensions", "classification"));
        assertNull(body.get("data"));
        assertEquals(1, outbox.events().size(), "nothing ran: only the bootstrap token was issued");
    }

    @Test
    void operation_name_chooses_one_of_several_operations() {
        Map<String, Object> body = run(adminKey, "query a { apiToken(id: \"self\") { name } } query b { __typename }", "a", Map.of());

        assertNull(body.get("errors"));
        assertEquals("bootstrap-admin", at(body, "data", "apiToken", "name"));
    }

    @Test
    void the_operation_check_leaves_a_document_without_operations_to_validation() {
        assertNull(LimitingDocumentProvider.operationProblem(Parser.parse("fragment f on Query { __typename }"), "x"));
        assertEquals("ValidationError", at(run(adminKey, "fragment f on Query { __typename }"), "errors", "0", "extensions", "classification"));
    }

    @Test
    void no_error_message_repeats_a_token_value_the_client_sent() {
        String value = TokenValue.generate(new SecureRandom()).reveal();
        Map<String, Object> byId = run(adminKey, "{ apiToken(id: \"" + value + "\") { id } }");
        // Each of these messages quotes the offending input, so the value would be there but for redaction.
        List<Map<String, Object>> bodies = List.of(
                run(adminKey, "mutation { createAPIToken(input: {name: \"x\", permissions: [], allowedCIDRBlocks: [\"" + value + "\"]}) { token { id } } }"),
                run(adminKey, "mutation ($p: [Permission!]!) { createAPIToken(input: {name: \"x\", permissions: $p}) { token { id } } }",
                        Map.of("p", List.of(value))),
                run(adminKey, "{ \"" + value + "\" }"),
                run(adminKey, "query " + value + " { __typename }", "other", Map.of()));

        assertEquals("NOT_FOUND", codeOf(byId));
        assertFalse(byId.toString().contains(value.substring(0, 10)), "an error repeats the value: " + byId);
        for (Map<String, Object> body : bodies) {
            assertEquals("BAD_USER_INPUT", codeOf(body), body.toString());
            assertFalse(body.toString().contains(value.substring(0, 10)), "an error repeats the value: " + body);
            assertTrue(body.toString().contains("kw_[redacted]"), "the error should show where the value was: " + body);
        }
    }
}
