package dev.keyward.domain.fake;

import dev.keyward.domain.port.out.CheckedTokens;
import dev.keyward.domain.port.out.Tokens;
import dev.keyward.domain.token.ApiToken;
import dev.keyward.domain.token.SecretHash;
import dev.keyward.domain.token.TokenView;

import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

/** {@link CheckedTokens} without a cache: every check reads {@link Tokens}, so it is always current. */
public final class ReadThroughCheckedTokens implements CheckedTokens {

    private final Tokens tokens;
    private final AtomicInteger lookups = new AtomicInteger();

    public ReadThroughCheckedTokens(Tokens tokens) {
        this.tokens = tokens;
    }

    @Override
    public Optional<TokenView> findByHash(SecretHash hash) {
        lookups.incrementAndGet();
        return tokens.findByHash(hash).map(ApiToken::view);
    }

    public int lookups() {
        return lookups.get();
    }
}
