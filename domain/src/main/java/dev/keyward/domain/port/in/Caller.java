package dev.keyward.domain.port.in;

import dev.keyward.domain.check.Verification;
import dev.keyward.domain.error.UnauthenticatedException;
import dev.keyward.domain.network.IpAddress;
import dev.keyward.domain.permission.PermissionSet;
import dev.keyward.domain.token.Actor;
import dev.keyward.domain.token.SecretHash;
import dev.keyward.domain.token.TokenId;
import dev.keyward.domain.token.TokenView;

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
    public static Caller of(Verification verification, IpAddress address) {
        if (!verification.isValid()) {
            throw new UnauthenticatedException(reason(verification, address));
        }
        TokenView token = verification.token().orElseThrow();
        return new Caller(token.id(), verification.credential(), token.permissions(), address);
    }

    private static String reason(Verification checked, IpAddress address) {
        return switch (checked.code()) {
            case MALFORMED -> "no key presented, or a malformed one";
            case NOT_FOUND -> "unknown, rotated or deleted key";
            case EXPIRED -> "token " + checked.token().orElseThrow().id() + " expired at " + checked.token().orElseThrow().expiresAt();
            case ADDRESS_NOT_ALLOWED -> "token " + checked.token().orElseThrow().id() + " is not allowed from " + address;
            case INSUFFICIENT_PERMISSIONS -> "token " + checked.token().orElseThrow().id() + " lacks " + checked.missing().names();
            case VALID -> throw new IllegalStateException("not a refusal");
        };
    }

    public Actor actor() {
        return Actor.token(tokenId);
    }
}
