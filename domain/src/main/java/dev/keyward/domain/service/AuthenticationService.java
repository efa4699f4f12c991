package dev.keyward.domain.service;

import dev.keyward.domain.error.UnauthenticatedException;
import dev.keyward.domain.network.IpAddress;
import dev.keyward.domain.port.in.Caller;
import dev.keyward.domain.port.in.TokenAuthentication;
import dev.keyward.domain.port.out.Tokens;
import dev.keyward.domain.token.ApiToken;
import dev.keyward.domain.token.SecretHasher;
import dev.keyward.domain.token.TokenValue;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * Turns a presented key into a {@link Caller}: parse → look up by hash → refuse expired or fenced-out
 * use → note the use (at most once per {@code lastUsedResolution}). Reads only: no transaction.
 */
public final class AuthenticationService implements TokenAuthentication {

    private final Tokens tokens;
    private final SecretHasher hasher;
    private final Clock clock;
    private final Duration lastUsedResolution;

    /** @param lastUsedResolution how stale {@code lastUsedAt} may get before a use is written back */
    public AuthenticationService(Tokens tokens, SecretHasher hasher, Clock clock, Duration lastUsedResolution) {
        this.tokens = tokens;
        this.hasher = hasher;
        this.clock = clock;
        this.lastUsedResolution = lastUsedResolution;
    }

    @Override
    public Caller authenticate(String presentedKey, IpAddress clientAddress) {
        if (presentedKey == null || presentedKey.isEmpty()) {
            throw new UnauthenticatedException("no key presented");
        }
        TokenValue value = TokenValue.tryParse(presentedKey)
                .orElseThrow(() -> new UnauthenticatedException("malformed key"));
        ApiToken token = tokens.findByHash(hasher.hash(value))
                .orElseThrow(() -> new UnauthenticatedException("unknown, rotated or deleted key"));
        Instant now = clock.instant();
        if (token.isExpiredAt(now)) {
            throw new UnauthenticatedException("token " + token.id() + " expired at " + token.expiresAt());
        }
        if (!token.acceptsUseFrom(clientAddress, now)) {
            throw new UnauthenticatedException("token " + token.id() + " is not allowed from " + clientAddress);
        }
        if (token.recordUse(now, lastUsedResolution)) {
            tokens.recordUse(token.id(), now);
        }
        return new Caller(token.id(), token.secretHash(), token.permissions(), clientAddress);
    }
}
