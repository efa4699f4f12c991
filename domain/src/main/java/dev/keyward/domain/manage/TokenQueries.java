package dev.keyward.domain.manage;

import dev.keyward.domain.check.Caller;
import dev.keyward.domain.token.TokenView;

/**
 * What an authenticated caller may read about tokens. {@code ref} is a token id or {@code "self"}
 * (see {@link TokenRef}). Failures are {@link dev.keyward.domain.error.DomainException}s.
 */
public interface TokenQueries {

    TokenView get(Caller caller, String ref);

    /**
     * The caller's own token as its check saw it, without a second read: as fresh as the check itself
     * (the cache's coherence bound; {@code lastUsedAt} lags by the use-flush interval in any case).
     *
     * @param checked the token view the caller's check returned
     */
    TokenView self(Caller caller, TokenView checked);

    /** @param cursor null for the first page; @param limit null for the default (see {@link PageRequest}) */
    default TokenPage list(Caller caller, String cursor, Integer limit) {
        return list(caller, cursor, limit, TokenListFilter.NONE);
    }

    /** A page of the tokens {@code filter} keeps; a field it cannot parse is a 400 naming it. */
    TokenPage list(Caller caller, String cursor, Integer limit, TokenListFilter filter);
}
