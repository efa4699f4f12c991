package dev.keyward.domain.check;

import dev.keyward.domain.token.ApiToken;
import dev.keyward.domain.token.SecretHash;
import dev.keyward.domain.token.TokenId;
import dev.keyward.domain.token.TokenView;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * What a presented value's hash is to Keyward: a token's current value, its previous value (usable
 * until the token's {@code previousValueExpiresAt}), or a value rotated away at {@code retiredAt},
 * which no longer authenticates but is remembered to detect its reuse.
 */
public sealed interface ValueMatch permits ValueMatch.Current, ValueMatch.Previous, ValueMatch.Retired {

    /** The token's current value. */
    record Current(TokenView token) implements ValueMatch {
        public Current {
            Objects.requireNonNull(token, "token");
        }

        @Override
        public Optional<TokenView> live() {
            return Optional.of(token);
        }

        @Override
        public Instant endsAt() {
            return token.expiresAt();
        }
    }

    /** The token's previous value, usable until {@code token.previousValueExpiresAt()}. */
    record Previous(TokenView token) implements ValueMatch {
        public Previous {
            Objects.requireNonNull(token.previousValueExpiresAt(), "a previous value has an end");
        }

        @Override
        public Optional<TokenView> live() {
            return Optional.of(token);
        }

        /** A grace period never outlasts the token, so this is never later than its expiry. */
        @Override
        public Instant endsAt() {
            return token.previousValueExpiresAt();
        }
    }

    /** A value of token {@code tokenId} that stopped working at {@code retiredAt}. */
    record Retired(TokenId tokenId, Instant retiredAt) implements ValueMatch {
        public Retired {
            Objects.requireNonNull(tokenId, "tokenId");
            Objects.requireNonNull(retiredAt, "retiredAt");
        }

        @Override
        public Optional<TokenView> live() {
            return Optional.empty();
        }

        @Override
        public Instant endsAt() {
            return retiredAt;
        }
    }

    /** The token a current or previous value authenticates as; empty for a retired value. */
    Optional<TokenView> live();

    /** When the value stops working (null: never); for a retired value, when it stopped. */
    Instant endsAt();

    /** What {@code hash} is to {@code token}, which holds it as its current or previous value. */
    static ValueMatch of(ApiToken token, SecretHash hash) {
        if (token.secretHash().equals(hash)) {
            return new Current(token.view());
        }
        if (hash.equals(token.previousSecretHash())) {
            return new Previous(token.view());
        }
        throw new IllegalArgumentException("token " + token.id() + " does not hold that value");
    }

    /** The same match as seen at {@code now}: a previous value whose grace period has ended is a retired one. */
    default ValueMatch asOf(Instant now) {
        if (this instanceof Previous previous && !now.isBefore(endsAt())) {
            return new Retired(previous.token().id(), endsAt());
        }
        return this;
    }
}
