package dev.keyward.adapter.rest;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.micronaut.json.tree.JsonNode;
import io.micronaut.serde.annotation.Serdeable;

import java.util.List;

/**
 * A token as the API shows it. Timestamps are RFC 3339 UTC strings; unset ones are sent as null
 * (the spec: expiresAt "will be null if non-expiring"). {@code rotationDueAt} is Keyward's own: when the
 * value should be rotated by, ({@code rotatedAt} or {@code createdAt}) + {@code keyward.tokens.rotation-period}; so is
 * {@code previousValueExpiresAt}: until when the value before the last rotation still works (null: it
 * died at once, or the token was never rotated); so is {@code enabled}: false while the token is switched off
 * and refused by every door; so is {@code meta}, the
 * client's JSON object ({@code {}} when none), and {@code ownerId}, null for a token of no owner. {@code value} is present only in the
 * create and rotate responses and omitted everywhere else.
 */
@Serdeable
@JsonInclude(JsonInclude.Include.ALWAYS)
public record ApiTokenResponse(
        String id,
        String name,
        List<String> permissions,
        List<String> allowedCIDRBlocks,
        String createdAt,
        ActorResponse createdBy,
        String updatedAt,
        ActorResponse updatedBy,
        String expiresAt,
        String lastUsedAt,
        String lastUsedFrom,
        String rotatedAt,
        String rotationDueAt,
        String previousValueExpiresAt,
        boolean enabled,
        JsonNode meta,
        String ownerId,
        @JsonInclude(JsonInclude.Include.NON_NULL) String value) {

    @Override
    public String toString() {
        return "ApiTokenResponse[id=" + id + ", value=" + (value == null ? "absent" : "[redacted]") + "]";
    }
}
