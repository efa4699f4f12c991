package dev.keyward.domain.manage;

import dev.keyward.domain.check.Caller;
import dev.keyward.domain.error.UnauthenticatedException;
import dev.keyward.domain.token.ApiToken;

import java.time.Instant;

/** The rule for a token's previous value wanting to change the token it belongs to. */
final class ActingCaller {

    static final String PREVIOUS_VALUE_MESSAGE = "this is the token's previous value, kept working for a grace period after "
            + "a rotation: it cannot update, rotate or delete the token itself; use the token's current value";

    private ActingCaller() {
    }

    /**
     * A token's previous value stands in for the token everywhere except in changing that token: whoever
     * still holds only the old value must not update, rotate or delete what replaced it.
     *
     * @param acting the caller re-read by {@link Caller#reread}
     */
    static void requireCurrentValueToChange(Caller caller, ApiToken acting, ApiToken target, Instant now) {
        if (target.id().equals(acting.id()) && acting.isPreviousValueAt(caller.credential(), now)) {
            throw new UnauthenticatedException(PREVIOUS_VALUE_MESSAGE, "token " + acting.id()
                    + " presented its previous value to change itself");
        }
    }
}
