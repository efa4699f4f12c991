package dev.keyward.adapter.rest;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.micronaut.serde.annotation.Serdeable;

import java.util.List;

/**
 * The answer of {@code POST /api-tokens/verify}. {@code token} is absent for MALFORMED and NOT_FOUND
 * (there is no token to show); {@code effectivePermissions} (every permission the token holds, sorted by
 * code point) is present for VALID and INSUFFICIENT_PERMISSIONS only; {@code missingPermissions} is present
 * exactly for INSUFFICIENT_PERMISSIONS.
 */
@Serdeable
@JsonInclude(JsonInclude.Include.NON_NULL)
public record VerifyResponse(boolean valid, String code, ApiTokenResponse token, List<String> effectivePermissions,
                             List<String> missingPermissions) {
}
