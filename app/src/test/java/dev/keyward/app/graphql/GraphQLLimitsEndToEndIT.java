package dev.keyward.app.graphql;

import dev.keyward.app.support.EndToEndTest;
import dev.keyward.testkit.HttpApi.Reply;
import graphql.introspection.IntrospectionQuery;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import static dev.keyward.testkit.HttpApi.GRAPHQL;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Each resource limit, at its default, refuses a document before anything runs, with BAD_USER_INPUT,
 * {@code extensions.limit} naming the limit and a message saying the maximum; GraphiQL's full
 * introspection query stays within all of them.
 */
@MicronautTest(transactional = false)
class GraphQLLimitsEndToEndIT extends EndToEndTest {

    private void assertRefused(Reply reply, String limit, int max) {
        assertEquals(200, reply.status(), reply.body());
        assertEquals("BAD_USER_INPUT", reply.errorCode(), reply.body());
        assertEquals(limit, reply.at("errors", "0", "extensions", "limit"));
        assertEquals(max, ((Number) reply.at("errors", "0", "extensions", "max")).intValue());
        assertTrue(reply.errorMessage().contains("at most " + max), reply.errorMessage());
        assertNull(reply.at("data"));
    }

    @Test
    void a_query_nested_deeper_than_15_levels_is_refused() {
        String deep = "{ __schema { types { fields { type { " + "ofType { ".repeat(11) + "name" + " }".repeat(11) + " } } } } }";

        assertRefused(api.graphql(admin, deep), "depth", 15);
    }

    @Test
    void a_query_selecting_more_than_500_fields_is_refused() {
        String fields = IntStream.range(0, 501).mapToObj(i -> "__typename").collect(Collectors.joining(" "));

        assertRefused(api.graphql(admin, "{ " + fields + " }"), "complexity", 500);
    }

    @Test
    void fragments_spread_many_times_count_toward_complexity() {
        StringBuilder document = new StringBuilder("{ ...F0 } ");
        for (int i = 0; i < 12; i++) {
            document.append("fragment F").append(i).append(" on Query { ...F").append(i + 1).append(" ...F").append(i + 1).append(" } ");
        }
        document.append("fragment F12 on Query { __typename }");

        assertRefused(api.graphql(admin, document.toString()), "complexity", 500);
    }

    @Test
    void more_than_15_aliases_are_refused_before_any_mutation_runs() {
        int before = countTokens();
        String mutations = IntStream.range(0, 16)
                .mapToObj(i -> "t" + i + ": createAPIToken(input: {name: \"alias " + i + "\", permissions: []}) { token { id } }")
                .collect(Collectors.joining(" "));

        assertRefused(api.graphql(admin, "mutation { " + mutations + " }"), "aliases", 15);
        assertEquals(before, countTokens(), "no token was created");
    }

    @Test
    void more_than_10_operations_in_one_document_are_refused() {
        String operations = IntStream.range(0, 11).mapToObj(i -> "query Q" + i + " { __typename }").collect(Collectors.joining(" "));

        assertRefused(api.graphql(admin, operations), "operations", 10);
    }

    @Test
    void a_batch_of_requests_in_one_http_request_is_refused() {
        Reply reply = api.post(GRAPHQL, admin, "[{\"query\": \"{ __typename }\"}, {\"query\": \"{ __typename }\"}]");

        assertEquals(400, reply.status(), reply.body());
        assertTrue(reply.errorMessage().contains("batched requests are not supported"), reply.body());
    }

    @Test
    void the_full_introspection_query_is_within_the_limits() {
        Reply reply = api.graphql(null, IntrospectionQuery.INTROSPECTION_QUERY);

        List<?> types = reply.at("data", "__schema", "types");
        assertEquals(200, reply.status(), reply.body().substring(0, Math.min(500, reply.body().length())));
        assertNull(reply.at("errors"));
        assertTrue(types.stream().anyMatch(type -> "APIToken".equals(((java.util.Map<?, ?>) type).get("name"))));
    }

    private int countTokens() {
        List<?> results = api.graphql(admin, "{ apiTokens(limit: 100) { results { id } } }").at("data", "apiTokens", "results");
        return results.size();
    }
}
