package dev.keyward.domain.manage;

import dev.keyward.domain.lifecycle.TokenStore;
import dev.keyward.domain.network.IpAllowlist;
import dev.keyward.domain.permission.PermissionSet;
import dev.keyward.domain.token.ApiToken;
import dev.keyward.domain.token.Origin;
import dev.keyward.domain.token.SecretHash;
import dev.keyward.domain.token.SecretHasher;
import dev.keyward.domain.token.TokenId;
import dev.keyward.domain.token.TokenMeta;
import dev.keyward.domain.token.TokenName;
import dev.keyward.domain.token.TokenOwner;
import dev.keyward.domain.token.TokenValue;

import java.time.Instant;
import java.util.random.RandomGenerator;

/**
 * Fresh secret values and ids, and a new token stored inside the caller's transaction: shared by the
 * create use case and by bootstrap, so both mint ids and hashes alike.
 */
final class TokenCreation {

    private final TokenStore store;
    private final SecretHasher hasher;
    private final RandomGenerator random;

    /** @param random a CSPRNG: token values and ids come from it */
    TokenCreation(TokenStore store, SecretHasher hasher, RandomGenerator random) {
        this.store = store;
        this.hasher = hasher;
        this.random = random;
    }

    TokenValue newValue() {
        return TokenValue.generate(random);
    }

    SecretHash hash(TokenValue value) {
        return hasher.hash(value);
    }

    /** @param expiresAt null: never */
    TokenWithValue create(TokenName name, PermissionSet permissions, IpAllowlist allowlist, Instant expiresAt,
                          boolean enabled, TokenMeta meta, TokenOwner owner, TokenValue value, Origin origin) {
        ApiToken.Created created = ApiToken.create(TokenId.newId(origin.at(), random), name, permissions, allowlist,
                expiresAt, enabled, meta, owner, hasher.hash(value), origin);
        store.created(created);
        return new TokenWithValue(created.token().view(), value);
    }
}
