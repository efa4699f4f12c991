package dev.keyward.domain.fake;

import dev.keyward.domain.token.ApiToken;
import dev.keyward.domain.token.SecretHash;
import dev.keyward.domain.token.TokenFilter;
import dev.keyward.domain.token.TokenId;
import dev.keyward.domain.token.Tokens;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

/** The in-memory fake, counting the calls a test wants to bound (lookups). */
public final class CountingTokens implements Tokens {

    private final InMemoryTokens delegate = new InMemoryTokens();
    public final AtomicInteger lookupsById = new AtomicInteger();
    public final AtomicInteger lookupsByHash = new AtomicInteger();

    @Override
    public Optional<ApiToken> findById(TokenId id) {
        lookupsById.incrementAndGet();
        return delegate.findById(id);
    }

    @Override
    public Optional<ApiToken> findByHash(SecretHash hash) {
        lookupsByHash.incrementAndGet();
        return delegate.findByHash(hash);
    }

    @Override
    public List<ApiToken> listAfter(TokenId after, TokenFilter filter, int limit) {
        return delegate.listAfter(after, filter, limit);
    }

    @Override
    public boolean isEmpty() {
        return delegate.isEmpty();
    }

    @Override
    public void add(ApiToken token) {
        delegate.add(token);
    }

    @Override
    public void update(ApiToken token) {
        delegate.update(token);
    }

    @Override
    public void remove(ApiToken token) {
        delegate.remove(token);
    }

    /** The stored state, read without counting. */
    public Optional<ApiToken> stored(TokenId id) {
        return delegate.findById(id);
    }

    public int size() {
        return delegate.listAfter(null, Integer.MAX_VALUE).size();
    }
}
