package dev.keyward.domain.manage;

import dev.keyward.domain.check.Caller;
import dev.keyward.domain.permission.Permission;
import dev.keyward.domain.token.ApiToken;
import dev.keyward.domain.token.TokenFilter;
import dev.keyward.domain.token.TokenView;
import dev.keyward.domain.token.Tokens;

/**
 * Every live token may read itself (by {@code self} or its own id), like {@code whoami}; reading any other
 * token needs {@link Permission#OrganizationAPITokenRead}, checked before any lookup so a caller without
 * it learns nothing about ids. Reads see committed rows: no transaction of their own.
 */
public final class TokenQueryService implements TokenQueries {

    private final Tokens tokens;

    public TokenQueryService(Tokens tokens) {
        this.tokens = tokens;
    }

    @Override
    public TokenView get(Caller caller, String ref) {
        TokenRef token = TokenRef.parse(ref);
        if (!token.isSelf(caller.tokenId())) {
            caller.permissions().require(Permission.OrganizationAPITokenRead, "read other tokens");
        }
        return token.resolve(caller.tokenId()).flatMap(tokens::findById).orElseThrow(token::notFound).view();
    }

    @Override
    public TokenView self(Caller caller, TokenView checked) {
        if (!checked.id().equals(caller.tokenId())) {
            throw new IllegalArgumentException("the checked token is not the caller's");
        }
        return checked;
    }

    @Override
    public TokenPage list(Caller caller, String cursor, Integer limit, TokenListFilter filter) {
        caller.permissions().require(Permission.OrganizationAPITokenRead, "list tokens");
        PageRequest page = PageRequest.parse(cursor, limit);
        TokenFilter parsed = filter.parse();
        return page.page(tokens.listAfter(page.after(), parsed, page.fetchSize()).stream().map(ApiToken::view).toList());
    }
}
