package dev.keyward.domain.check;

/**
 * The check (in-port): is this key good, from this address, for these permissions? One use case for
 * every door — Keyward's own REST and GraphQL authentication, {@code /api-tokens/verify},
 * {@code /forward-auth} and {@code /introspect} — and every valid check counts as a use of the token.
 */
public interface TokenVerification {

    /** @throws dev.keyward.domain.error.UnavailableException when the node cannot answer safely */
    Verification verify(CheckRequest request);
}
