package dev.keyward.domain.check;

/**
 * The check (in-port): is this key good, from this address, for these permissions? One use case for
 * every door — Keyward's own REST and GraphQL authentication, {@code /api-tokens/verify},
 * {@code /forward-auth} and {@code /introspect} — and every valid check counts as a use of the token.
 * The key is parsed and hashed once per check, in {@link #start}.
 */
public interface TokenCheck {

    /**
     * Starts a check without blocking I/O: answers at once when it can (a malformed key, or a hash the
     * node's cache knows), else hands back the pending check for a thread that may block. Never throws
     * {@code UnavailableException}: a node that cannot answer safely says so when the pending check finishes.
     */
    CheckStep start(CheckRequest request);

    /**
     * The whole check on the calling thread, which may block on the database.
     *
     * @throws dev.keyward.domain.error.UnavailableException when the node cannot answer safely
     */
    default CheckResult check(CheckRequest request) {
        return start(request).finish();
    }
}
