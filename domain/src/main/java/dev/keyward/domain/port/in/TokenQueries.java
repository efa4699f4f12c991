package dev.keyward.domain.port.in;

import dev.keyward.domain.token.TokenView;

/**
 * What an authenticated caller may read about tokens. {@code ref} is a token id or {@code "self"}
 * (see {@link TokenRef}). Failures are {@link dev.keyward.domain.error.DomainException}s.
 */
public interface TokenQueries {

    TokenView get(Caller caller, String ref);

    /** @param cursor null for the first page; @param limit null for the default (see {@link PageRequest}) */
    TokenPage list(Caller caller, String cursor, Integer limit);
}
