package dev.keyward.adapter.graphql;

import dev.keyward.domain.lifecycle.RotationPolicy;
import dev.keyward.domain.network.TrustedProxies;
import dev.keyward.domain.token.TokenValue;
import graphql.GraphQL;
import io.micronaut.configuration.graphql.DefaultGraphQLInvocation;
import io.micronaut.core.type.Argument;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.serde.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.security.SecureRandom;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The endpoint's own last line of defence: whatever graphql-java refuses by throwing is the client's
 * 400, not a 500. Runs the real endpoint and invocation over an engine built without the document
 * check, so graphql-java's {@code UnknownOperationException} really reaches the endpoint.
 */
class GraphQLEndpointTest {

    private final ObjectMapper json = ObjectMapper.getDefault();
    private final GraphQL unchecked = GraphQL.newGraphQL(
            GraphQLFactory.build(new TokenDataFetchers(null, null, null, null, null, new dev.keyward.domain.lifecycle.RotationPolicy(java.time.Duration.ofDays(90))), ShippedLimits.LIMITS).getGraphQLSchema()).build();
    private final GraphQLEndpoint endpoint = new GraphQLEndpoint(
            new DefaultGraphQLInvocation(unchecked, new KeywardExecutionInputCustomizer(TrustedProxies.none()), null), json);

    private Map<String, Object> bodyOf(MutableHttpResponse<String> response) throws IOException {
        return json.readValue(response.body(), Argument.mapOf(String.class, Object.class));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> firstError(Map<String, Object> body) {
        return ((List<Map<String, Object>>) body.get("errors")).get(0);
    }

    @Test
    void an_exception_graphql_java_throws_for_the_request_is_a_400_with_bad_user_input() throws IOException {
        MutableHttpResponse<String> several = endpoint.post("{\"query\": \"query a { __typename } query b { __typename }\"}",
                HttpRequest.POST("/public/graphql", "").contentType(MediaType.APPLICATION_JSON_TYPE));
        MutableHttpResponse<String> unknown = endpoint.get("query a { __typename }", "b", null, HttpRequest.GET("/public/graphql"));

        for (MutableHttpResponse<String> response : List.of(several, unknown)) {
            assertEquals(400, response.getStatus().getCode(), response.body());
            assertEquals("BAD_USER_INPUT", ((Map<?, ?>) firstError(bodyOf(response)).get("extensions")).get("code"));
            assertTrue(((String) firstError(bodyOf(response)).get("message")).toLowerCase().contains("operation"), response.body());
        }
    }

    @Test
    void the_message_of_such_an_exception_is_redacted() throws IOException {
        String value = TokenValue.generate(new SecureRandom()).reveal();

        MutableHttpResponse<String> response = endpoint.get("query a { __typename }", value, null, HttpRequest.GET("/public/graphql"));

        assertEquals(400, response.getStatus().getCode(), response.body());
        assertFalse(response.body().contains(value.substring(0, 10)), response.body());
        assertTrue(((String) firstError(bodyOf(response)).get("message")).contains("kw_[redacted]"), response.body());
    }
}
