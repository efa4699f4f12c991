package dev.keyward.adapter.rest;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.keyward.domain.token.TokenOwner;
import dev.keyward.domain.token.TokenView;
import io.micronaut.json.tree.JsonNode;
import io.micronaut.serde.annotation.Serdeable;

import java.util.List;

/**
 * The answer of {@code POST /api-tokens/verify}. {@code token} is absent for MALFORMED and NOT_FOUND
 * (there is no token to show); {@code effectivePermissions} (every permission the token holds, sorted by
 * code point) is present for VALID and INSUFFICIENT_PERMISSIONS only; {@code missingPermissions} is present
 * exactly for INSUFFICIENT_PERMISSIONS; {@code owner} whenever the token belongs to one.
 */
@Serdeable
@JsonInclude(JsonInclude.Include.NON_NULL)
public record VerifyResponse(boolean valid, String code, ApiTokenResponse token, List<String> effectivePermissions,
                             Owner owner, List<String> missingPermissions) {

    /** Whose the token is: the owner's id, its externalId and metadata. */
    @Serdeable
    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record Owner(String id, String externalId, JsonNode meta) {

        static Owner of(TokenView token) {
            TokenOwner owner = token == null ? null : token.owner();
            return owner == null ? null : new Owner(owner.id().toString(), owner.externalId(), MetaJson.tree(owner.meta()));
        }
    }
}
