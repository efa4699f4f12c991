package dev.keyward.domain.check;

import dev.keyward.domain.permission.PermissionSet;
import dev.keyward.domain.token.SecretHash;
import dev.keyward.domain.token.TokenView;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * The answer to a {@link CheckRequest}.
 *
 * @param code       what the check found
 * @param token      the checked token; absent for {@link CheckCode#MALFORMED} and {@link CheckCode#NOT_FOUND}
 * @param missing    the required permissions the token lacks; non-empty exactly for INSUFFICIENT_PERMISSIONS
 * @param credential the hash the key matched (lets a write re-check the token was not rotated away
 *                   meanwhile); null when no token matched. Never shown to anyone.
 * @param valueExpiresAt when the presented value stops authenticating: the token's {@code expiresAt},
 *                   or for its previous value the earlier end of the rotation's grace period; null when
 *                   never, or no token matched. What a door may let a gateway cache the answer until.
 */
public record CheckResult(CheckCode code, Optional<TokenView> token, PermissionSet missing, SecretHash credential,
                           Instant valueExpiresAt) {

    public CheckResult {
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(token, "token");
        Objects.requireNonNull(missing, "missing");
    }

    public boolean isValid() {
        return code.isValid();
    }

    public static CheckResult failed(CheckCode code) {
        return new CheckResult(code, Optional.empty(), PermissionSet.of(), null, null);
    }
}
