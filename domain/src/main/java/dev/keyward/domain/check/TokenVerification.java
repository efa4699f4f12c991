package dev.keyward.domain.check;

import java.util.Optional;

/**
 * The check (in-port): is this key good, from this address, for these permissions? One use case for
 * every door — Keyward's own REST and GraphQL authentication, {@code /api-tokens/verify},
 * {@code /forward-auth} and {@code /introspect} — and every valid check counts as a use of the token.
 */
public interface TokenVerification {

    /** @throws dev.keyward.domain.error.UnavailableException when the node cannot answer safely */
    Verification verify(CheckRequest request);

    /**
     * The same answer as {@link #verify}, but only if it can be given without blocking I/O (e.g. from
     * a fresh node-local cache); empty otherwise. Lets an event-loop adapter answer a cache hit in
     * place and hop to a blocking thread only for a miss. Never throws {@code UnavailableException}:
     * a node that cannot answer safely returns empty, and {@link #verify} then says so.
     */
    default Optional<Verification> verifyIfCached(CheckRequest request) {
        return Optional.empty();
    }
}
