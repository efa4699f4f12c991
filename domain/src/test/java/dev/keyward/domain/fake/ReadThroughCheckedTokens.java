package dev.keyward.domain.fake;

import dev.keyward.domain.check.ValueMatch;
import dev.keyward.domain.port.out.CheckedTokens;
import dev.keyward.domain.port.out.RetiredValues;
import dev.keyward.domain.port.out.Tokens;
import dev.keyward.domain.token.SecretHash;

import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

/** {@link CheckedTokens} without a cache: every check reads {@link Tokens} and {@link RetiredValues}, so it is always current. */
public final class ReadThroughCheckedTokens implements CheckedTokens {

    private final Tokens tokens;
    private final RetiredValues retired;
    private final AtomicInteger lookups = new AtomicInteger();

    public ReadThroughCheckedTokens(Tokens tokens) {
        this(tokens, new InMemoryRetiredValues());
    }

    public ReadThroughCheckedTokens(Tokens tokens, RetiredValues retired) {
        this.tokens = tokens;
        this.retired = retired;
    }

    @Override
    public Optional<ValueMatch> findValue(SecretHash hash) {
        lookups.incrementAndGet();
        Optional<ValueMatch> live = tokens.findByHash(hash).map(token -> ValueMatch.of(token, hash));
        if (live.isPresent()) {
            return live;
        }
        return retired.find(hash).map(value -> new ValueMatch.Retired(value.token(), value.retiredAt()));
    }

    public int lookups() {
        return lookups.get();
    }
}
