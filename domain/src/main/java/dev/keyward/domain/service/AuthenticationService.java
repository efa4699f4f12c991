package dev.keyward.domain.service;

import dev.keyward.domain.check.CheckRequest;
import dev.keyward.domain.check.Door;
import dev.keyward.domain.check.TokenVerification;
import dev.keyward.domain.error.UnauthenticatedException;
import dev.keyward.domain.network.IpAddress;
import dev.keyward.domain.permission.PermissionSet;
import dev.keyward.domain.port.in.Caller;
import dev.keyward.domain.port.in.TokenAuthentication;

/**
 * Turns a presented key into a {@link Caller} by the one check ({@link TokenVerification}, no
 * permission required: each use case requires its own). Every refusal is the same
 * {@link UnauthenticatedException} ({@link Caller#of}); its log-only reason is the check's code.
 */
public final class AuthenticationService implements TokenAuthentication {

    private final TokenVerification verification;

    public AuthenticationService(TokenVerification verification) {
        this.verification = verification;
    }

    @Override
    public Caller authenticate(String presentedKey, IpAddress clientAddress) {
        return Caller.of(verification.verify(new CheckRequest(presentedKey, clientAddress, PermissionSet.of(), Door.REST)), clientAddress);
    }
}
