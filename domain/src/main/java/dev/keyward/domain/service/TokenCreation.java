package dev.keyward.domain.service;

import dev.keyward.domain.network.IpAllowlist;
import dev.keyward.domain.permission.PermissionSet;
import dev.keyward.domain.port.in.TokenWithValue;
import dev.keyward.domain.port.out.AuditOutbox;
import dev.keyward.domain.port.out.Tokens;
import dev.keyward.domain.token.ApiToken;
import dev.keyward.domain.token.Origin;
import dev.keyward.domain.token.SecretHash;
import dev.keyward.domain.token.SecretHasher;
import dev.keyward.domain.token.TokenId;
import dev.keyward.domain.token.TokenName;
import dev.keyward.domain.token.TokenValue;

import java.time.Instant;
import java.util.random.RandomGenerator;

/**
 * Fresh secret values, and a new token stored with its created event inside the caller's
 * transaction: shared by the create use case and by bootstrap, so both mint ids and hashes alike.
 */
final class TokenCreation {

    private final Tokens tokens;
    private final AuditOutbox outbox;
    private final SecretHasher hasher;
    private final RandomGenerator random;
    private final TokenLifecycle lifecycle;

    /** @param random a CSPRNG: token values and ids come from it */
    TokenCreation(Tokens tokens, AuditOutbox outbox, SecretHasher hasher, RandomGenerator random, TokenLifecycle lifecycle) {
        this.lifecycle = lifecycle;
        this.tokens = tokens;
        this.outbox = outbox;
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
                          TokenValue value, Origin origin) {
        ApiToken.Created created = ApiToken.create(TokenId.newId(origin.at(), random), name, permissions, allowlist,
                expiresAt, hasher.hash(value), origin);
        tokens.add(created.token());
        outbox.append(created.event());
        lifecycle.renewed(created.token(), origin.at());
        return new TokenWithValue(created.token().view(), value);
    }
}
