package dev.keyward.domain.service;

import dev.keyward.domain.error.UnauthenticatedException;
import dev.keyward.domain.port.in.Caller;
import dev.keyward.domain.port.out.Tokens;
import dev.keyward.domain.token.ApiToken;

import java.time.Instant;

/** The one rule for a caller that authenticated earlier and now wants to write. */
final class ActingCaller {

    private ActingCaller() {
    }

    /**
     * The calling token as it is now, inside the write's transaction: authentication happened earlier
     * (for GraphQL, possibly several mutations earlier), so a token deleted, rotated away or expired
     * since then may not act, and its current permissions are the ones that count.
     */
    static ApiToken reread(Tokens tokens, Caller caller, Instant now) {
        return tokens.findById(caller.tokenId())
                .filter(token -> token.secretHash().equals(caller.credential()) && !token.isExpiredAt(now))
                .orElseThrow(() -> new UnauthenticatedException("token " + caller.tokenId()
                        + " was deleted, rotated or expired after it authenticated"));
    }
}
