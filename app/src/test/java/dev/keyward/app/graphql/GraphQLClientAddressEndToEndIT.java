package dev.keyward.app.graphql;

import dev.keyward.app.support.EndToEndTest;
import dev.keyward.testkit.HttpApi.Reply;
import dev.keyward.testkit.HttpApi.Token;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static dev.keyward.testkit.HttpApi.GRAPHQL;
import static dev.keyward.testkit.HttpApi.JSON;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * GraphQL checks a token's CIDR blocks against the same client address as REST: the TCP peer, or,
 * behind a trusted proxy (here the loopback peer itself), the first untrusted X-Forwarded-For hop.
 */
@MicronautTest(transactional = false)
class GraphQLClientAddressEndToEndIT extends EndToEndTest {

    private static final String SELF = "{ apiToken(id: \"self\") { id } }";

    @Override
    public Map<String, String> getProperties() {
        Map<String, String> properties = new HashMap<>(super.getProperties());
        properties.put("keyward.http.trusted-proxies", "127.0.0.1/32");
        return properties;
    }

    private Reply from(String key, String... forwardedFor) {
        String body = api.toJson(Map.of("query", SELF));
        return forwardedFor.length == 0
                ? api.send("POST", GRAPHQL, key, JSON, body)
                : api.send("POST", GRAPHQL, key, JSON, body, "X-Forwarded-For", String.join(", ", forwardedFor));
    }

    @Test
    void a_token_restricted_to_a_network_works_for_a_client_there_as_the_trusted_proxy_reports_it() {
        Token office = api.graphqlCreate(admin, unique("office"), List.of("OrganizationAPITokenRead"), List.of("203.0.113.0/24"));

        assertEquals(office.id(), from(office.value(), "203.0.113.7").at("data", "apiToken", "id"));
        assertEquals(office.id(), from(office.value(), "203.0.113.7", "127.0.0.1").at("data", "apiToken", "id"),
                "trusted hops on the right are skipped");
    }

    @Test
    void the_same_token_is_refused_for_a_client_elsewhere_or_with_no_forwarded_address() {
        Token office = api.graphqlCreate(admin, unique("office"), List.of("OrganizationAPITokenRead"), List.of("203.0.113.0/24"));

        assertEquals(401, from(office.value(), "198.51.100.1").status());
        assertEquals(401, from(office.value(), "203.0.113.7", "198.51.100.1").status(), "the rightmost untrusted hop is the client");
        assertEquals(401, from(office.value()).status(), "without the header the client is the proxy itself");
    }
}
