package dev.keyward.domain.port.in;

import dev.keyward.domain.token.TokenView;

/**
 * What an authenticated caller may change about tokens: create, update, rotate, delete — the same
 * four verbs as the REST API and the audit events. {@code ref} is a token id or {@code "self"}
 * (see {@link TokenRef}). Failures are {@link dev.keyward.domain.error.DomainException}s.
 */
public interface TokenCommands {

    TokenWithValue create(Caller caller, CreateTokenCommand command);

    TokenView update(Caller caller, String ref, UpdateTokenCommand command);

    TokenWithValue rotate(Caller caller, String ref);

    void delete(Caller caller, String ref);
}
