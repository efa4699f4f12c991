package dev.keyward.domain.fake;

import dev.keyward.domain.error.ConcurrentChangeException;
import dev.keyward.domain.token.ApiToken;
import dev.keyward.domain.token.SecretHash;
import dev.keyward.domain.token.TokenFilter;
import dev.keyward.domain.token.TokenId;
import dev.keyward.domain.token.TokenMeta;
import dev.keyward.domain.token.Tokens;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentSkipListMap;

/**
 * {@link Tokens} in memory, for domain tests and as the reference the JDBC adapter is held to by
 * the shared contract. Stores copies (via reconstitute) so callers cannot change stored state
 * without {@link #update}, exactly as with a database.
 */
public final class InMemoryTokens implements Tokens {

    private final ConcurrentSkipListMap<TokenId, ApiToken> rows = new ConcurrentSkipListMap<>();

    @Override
    public Optional<ApiToken> findById(TokenId id) {
        return Optional.ofNullable(rows.get(id)).map(InMemoryTokens::copy);
    }

    @Override
    public Optional<ApiToken> findByHash(SecretHash hash) {
        return rows.values().stream().filter(t -> t.secretHash().equals(hash) || hash.equals(t.previousSecretHash()))
                .findFirst().map(InMemoryTokens::copy);
    }

    @Override
    public List<ApiToken> listAfter(TokenId after, TokenFilter filter, int limit) {
        var view = after == null ? rows : rows.tailMap(after, false);
        return view.values().stream().filter(filter::matches).limit(limit).map(InMemoryTokens::copy).toList();
    }

    @Override
    public boolean isEmpty() {
        return rows.isEmpty();
    }

    @Override
    public synchronized void add(ApiToken token) {
        if (rows.containsKey(token.id()) || findByHash(token.secretHash()).isPresent()) {
            throw new IllegalStateException("duplicate token " + token.id());
        }
        rows.put(token.id(), copy(token, token.version()));
    }

    /** Like the database: the last use is not the update's to write, so a use stored since the read survives. */
    @Override
    public synchronized void update(ApiToken token) {
        ApiToken stored = requireVersion(token);
        rows.put(token.id(), ApiToken.reconstitute(token.id(), token.name(), token.permissions(), token.allowlist(),
                stored.createdAt(), stored.createdBy(), token.updatedAt(), token.updatedBy(), stored.expiresAt(),
                stored.lastUsedAt(), stored.lastUsedFrom(), token.rotatedAt(), token.secretHash(), token.previousSecretHash(),
                token.previousValueExpiresAt(), token.isEnabled(), token.meta(), token.owner(), stored.version() + 1));
    }

    @Override
    public synchronized void remove(ApiToken token) {
        requireVersion(token);
        rows.remove(token.id());
    }

    private ApiToken requireVersion(ApiToken token) {
        ApiToken stored = rows.get(token.id());
        if (stored == null || stored.version() != token.version()) {
            throw new ConcurrentChangeException("token " + token.id() + " was changed or deleted by another request");
        }
        return stored;
    }

    private static ApiToken copy(ApiToken t) {
        return copy(t, t.version());
    }

    private static ApiToken copy(ApiToken t, long version) {
        return ApiToken.reconstitute(t.id(), t.name(), t.permissions(), t.allowlist(), t.createdAt(), t.createdBy(),
                t.updatedAt(), t.updatedBy(), t.expiresAt(), t.lastUsedAt(), t.lastUsedFrom(), t.rotatedAt(), t.secretHash(),
                t.previousSecretHash(), t.previousValueExpiresAt(), t.isEnabled(), t.meta(), t.owner(), version);
    }
}
