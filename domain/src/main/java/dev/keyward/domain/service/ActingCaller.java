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
     * since then (or whose previous value's grace period ended) may not act, and its current
     * permissions are the ones that count.
     */
    static ApiToken reread(Tokens tokens, Caller caller, Instant now) {
        return tokens.findById(caller.tokenId())
                .filter(token -> token.acceptsCredential(caller.credential(), now))
                .orElseThrow(() -> new UnauthenticatedException("token " + caller.tokenId()
                        + " was deleted, rotated or expired after it authenticated"));
    }

    /**
     * A token's previous value stands in for the token everywhere except in changing that token: whoever
     * still holds only the old value must not update, rotate or delete what replaced it.
     *
     * @param acting the caller re-read by {@link #reread}
     */
    static void requireCurrentValueToChange(Caller caller, ApiToken acting, ApiToken target, Instant now) {
        if (target.id().equals(acting.id()) && acting.isPreviousValueAt(caller.credential(), now)) {
            throw new UnauthenticatedException(PREVIOUS_VALUE_MESSAGE, "token " + acting.id()
                    + " presented its previous value to change itself");
        }
    }

    static final String PREVIOUS_VALUE_MESSAGE = "this is the token's previous value, kept working for a grace period after "
            + "a rotation: it cannot update, rotate or delete the token itself; use the token's current value";
}
