package dev.keyward.domain.check;

import dev.keyward.domain.error.UnauthenticatedException;
import dev.keyward.domain.network.IpAddress;
import dev.keyward.domain.permission.PermissionSet;
import dev.keyward.domain.token.Actor;
import dev.keyward.domain.token.ApiToken;
import dev.keyward.domain.token.SecretHash;
import dev.keyward.domain.token.TokenId;
import dev.keyward.domain.token.TokenView;
import dev.keyward.domain.token.Tokens;

import java.time.Instant;

/**
 * An authenticated request: the token that made it, the credential it presented (so a write can check
 * the token was not rotated away meanwhile), what it may do and where it came from.
 */
public record Caller(TokenId tokenId, SecretHash credential, PermissionSet permissions, IpAddress address) {

    /**
     * The caller a check vouches for. Every failed check is the same refusal, so a stranger learns
     * nothing about which tokens exist; the code goes to the server's log only.
     *
     * @throws UnauthenticatedException unless the check is VALID
     */
    public static Caller of(CheckResult result, IpAddress address) {
        if (!result.isValid()) {
            throw new UnauthenticatedException(reason(result, address));
        }
        TokenView token = result.token().orElseThrow();
        return new Caller(token.id(), result.credential(), token.permissions(), address);
    }

    private static String reason(CheckResult checked, IpAddress address) {
        return switch (checked.code()) {
            case MALFORMED -> "no key presented, or a malformed one";
            case NOT_FOUND -> "unknown, rotated or deleted key";
            case EXPIRED -> "token " + checked.token().orElseThrow().id() + " expired at " + checked.token().orElseThrow().expiresAt();
            case ADDRESS_NOT_ALLOWED -> "token " + checked.token().orElseThrow().id() + " is not allowed from " + address;
            case INSUFFICIENT_PERMISSIONS -> "token " + checked.token().orElseThrow().id() + " lacks " + checked.missing().names();
            case VALID -> throw new IllegalStateException("not a refusal");
        };
    }

    /**
     * The calling token as it is now, inside a write's transaction: the check happened earlier (for
     * GraphQL, possibly several mutations earlier), so a token deleted, rotated away or expired since
     * then (or whose previous value's grace period ended) may not act, and its current permissions are
     * the ones that count.
     *
     * @throws UnauthenticatedException when the token no longer accepts the credential it presented
     */
    public ApiToken reread(Tokens tokens, Instant now) {
        return tokens.findById(tokenId)
                .filter(token -> token.acceptsCredential(credential, now))
                .orElseThrow(() -> new UnauthenticatedException("token " + tokenId
                        + " was deleted, rotated or expired after it authenticated"));
    }

    public Actor actor() {
        return Actor.token(tokenId);
    }
}
