package dev.keyward.domain.port.in;

import dev.keyward.domain.token.TokenView;

/**
 * What an authenticated caller may ask about tokens. {@code ref} is a token id or {@code "self"},
 * the caller's own token. Failures are {@link dev.keyward.domain.error.DomainException}s.
 */
public interface TokenManagement {

    String SELF = "self";

    IssuedToken issue(Caller caller, IssueTokenCommand command);

    TokenView get(Caller caller, String ref);

    /** @param cursor null for the first page; @param limit null for the default */
    TokenPage list(Caller caller, String cursor, Integer limit);

    TokenView update(Caller caller, String ref, UpdateTokenCommand command);

    IssuedToken rotate(Caller caller, String ref);

    void delete(Caller caller, String ref);
}
