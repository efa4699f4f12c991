package dev.keyward.adapter.rest;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.micronaut.serde.annotation.Serdeable;

/**
 * An RFC 7662 introspection answer. Inactive is exactly {@code {"active":false}} (RFC 7662 §2.2: say
 * nothing more about a token that is not active); the other members are set only when active, and
 * {@code exp} only for a token that expires. Times are seconds since the epoch.
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
        Long exp) {

    static final String TOKEN_TYPE = "api_key";

    static IntrospectionResponse inactive() {
        return new IntrospectionResponse(false, null, null, null, null, null, null, null);
    }
}
