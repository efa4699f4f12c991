package dev.keyward.adapter.rest;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.micronaut.json.tree.JsonNode;
import io.micronaut.serde.annotation.Serdeable;

/**
 * An RFC 7662 introspection answer. Inactive is exactly {@code {"active":false}} (RFC 7662 §2.2: say
 * nothing more about a token that is not active); the other members are set only when active, and
 * {@code exp} only for a value that stops working: the token's expiry, or for a token's previous value
 * the end of the rotation's grace period, so that a gateway caching the answer until {@code exp} never
 * keeps it past that. Times are seconds since the epoch. {@code owner} (Keyward's extension) is the externalId of the
 * token's owner (absent without one), {@code meta} (also Keyward's) the token's metadata object.
 */
@Serdeable
@JsonInclude(JsonInclude.Include.NON_NULL)
public record IntrospectionResponse(
        boolean active,
        String scope,
        @JsonProperty("client_id") String clientId,
        String sub,
        String username,
        @JsonProperty("token_type") String tokenType,
        Long iat,
        Long exp,
        String owner,
        JsonNode meta) {

    static final String TOKEN_TYPE = "api_key";

    static IntrospectionResponse inactive() {
        return new IntrospectionResponse(false, null, null, null, null, null, null, null, null, null);
    }
}
