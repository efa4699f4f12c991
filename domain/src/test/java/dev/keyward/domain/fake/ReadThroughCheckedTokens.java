package dev.keyward.domain.fake;

import dev.keyward.domain.check.CachedValue;
import dev.keyward.domain.check.CheckedTokens;
import dev.keyward.domain.check.ValueMatch;
import dev.keyward.domain.lifecycle.RetiredValues;
import dev.keyward.domain.token.SecretHash;
import dev.keyward.domain.token.Tokens;

import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/** {@link CheckedTokens} without a cache: every check reads {@link Tokens} and {@link RetiredValues}, so it is always current. */
public final class ReadThroughCheckedTokens implements CheckedTokens {

    private final Tokens tokens;
    private final RetiredValues retired;
    private final AtomicInteger lookups = new AtomicInteger();

    public ReadThroughCheckedTokens(Tokens tokens, RetiredValues retired) {
        this.tokens = tokens;
        this.retired = retired;
    }

    /** Never knows anything without reading: every check finishes on the database. */
    @Override
    public CachedValue cached(SecretHash hash) {
        return CachedValue.NEEDS_DATABASE;
    }

    @Override
    public Optional<ValueMatch> load(SecretHash hash) {
        lookups.incrementAndGet();
        Optional<ValueMatch> live = tokens.findByHash(hash).map(token -> ValueMatch.of(token, hash));
        if (live.isPresent()) {
            return live;
        }
        return retired.find(hash).map(value -> new ValueMatch.Retired(value.token(), value.retiredAt()));
    }

    /** A source with no cache that answers every load with {@code load}. */
    public static CheckedTokens loading(Function<SecretHash, Optional<ValueMatch>> load) {
        return new CheckedTokens() {
            @Override
            public CachedValue cached(SecretHash hash) {
                return CachedValue.NEEDS_DATABASE;
            }

            @Override
            public Optional<ValueMatch> load(SecretHash hash) {
                return load.apply(hash);
            }
        };
    }

    public int lookups() {
        return lookups.get();
    }
}
