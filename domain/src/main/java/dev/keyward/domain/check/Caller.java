package dev.keyward.domain.check;

import dev.keyward.domain.error.ForbiddenException;
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

    public static final String PREVIOUS_VALUE_MAY_NOT_WRITE = "this is the token's previous value, kept working for a "
            + "grace period after a rotation so that deployments can move to the new one: it may be checked and may "
            + "read, but it cannot create, update, rotate or delete tokens or report leaks; use the token's current value";

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
            case DISABLED -> "token " + checked.token().orElseThrow().id() + " is disabled";
            case EXPIRED -> "token " + checked.token().orElseThrow().id() + " expired at " + checked.token().orElseThrow().expiresAt();
            case ADDRESS_NOT_ALLOWED -> "token " + checked.token().orElseThrow().id() + " is not allowed from " + address;
            case INSUFFICIENT_PERMISSIONS -> "token " + checked.token().orElseThrow().id() + " lacks " + checked.missing().names();
            case VALID -> throw new IllegalStateException("not a refusal");
        };
    }

    /**
     * The calling token as it is now, inside a write's transaction: the check happened earlier (for
     * GraphQL, possibly several mutations earlier), so a token deleted, rotated away or expired since
     * then (or whose previous value's grace period ended, or that was disabled) may not act, and its
     * current permissions are the ones that count.
     *
     * @throws UnauthenticatedException when the token no longer accepts the credential it presented
     */
    public ApiToken reread(Tokens tokens, Instant now) {
        return tokens.findById(tokenId)
                .filter(token -> token.acceptsCredential(credential, now) && token.isEnabled())
                .orElseThrow(() -> new UnauthenticatedException("token " + tokenId
                        + " was deleted, rotated, expired or disabled after it authenticated"));
    }

    /**
     * {@link #reread} for a write: a token's previous value (a rotation's grace period) exists so that
     * deployments keep <em>using</em> the old value while they move to the new one; whoever holds only the
     * old value may be checked and may read, but may not administer anything.
     *
     * @throws ForbiddenException when the credential is the token's previous value
     */
    public ApiToken rereadToWrite(Tokens tokens, Instant now) {
        ApiToken acting = reread(tokens, now);
        if (acting.isPreviousValueAt(credential, now)) {
            throw new ForbiddenException(PREVIOUS_VALUE_MAY_NOT_WRITE);
        }
        return acting;
    }

    public Actor actor() {
        return Actor.token(tokenId);
    }
}
