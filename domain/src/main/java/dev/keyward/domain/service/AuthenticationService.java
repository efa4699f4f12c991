package dev.keyward.domain.service;

import dev.keyward.domain.check.CheckRequest;
import dev.keyward.domain.check.Door;
import dev.keyward.domain.check.TokenVerification;
import dev.keyward.domain.check.Verification;
import dev.keyward.domain.error.UnauthenticatedException;
import dev.keyward.domain.network.IpAddress;
import dev.keyward.domain.permission.PermissionSet;
import dev.keyward.domain.port.in.Caller;
import dev.keyward.domain.port.in.TokenAuthentication;
import dev.keyward.domain.token.TokenView;

/**
 * Turns a presented key into a {@link Caller} by the one check ({@link TokenVerification}, no
 * permission required: each use case requires its own). Every refusal is the same
 * {@link UnauthenticatedException}; its log-only reason is the check's code.
 */
public final class AuthenticationService implements TokenAuthentication {

    private final TokenVerification verification;

    public AuthenticationService(TokenVerification verification) {
        this.verification = verification;
    }

    @Override
    public Caller authenticate(String presentedKey, IpAddress clientAddress) {
        Verification checked = verification.verify(new CheckRequest(presentedKey, clientAddress, PermissionSet.of(), Door.REST));
        if (!checked.isValid()) {
            throw new UnauthenticatedException(reason(checked, clientAddress));
        }
        TokenView token = checked.token().orElseThrow();
        return new Caller(token.id(), checked.credential(), token.permissions(), clientAddress);
    }

    private static String reason(Verification checked, IpAddress clientAddress) {
        return switch (checked.code()) {
            case MALFORMED -> "no key presented, or a malformed one";
            case NOT_FOUND -> "unknown, rotated or deleted key";
            case EXPIRED -> "token " + checked.token().orElseThrow().id() + " expired at " + checked.token().orElseThrow().expiresAt();
            case ADDRESS_NOT_ALLOWED -> "token " + checked.token().orElseThrow().id() + " is not allowed from " + clientAddress;
            case VALID, INSUFFICIENT_PERMISSIONS -> throw new IllegalStateException("not a refusal: " + checked.code());
        };
    }
}
