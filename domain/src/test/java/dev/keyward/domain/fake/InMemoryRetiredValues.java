package dev.keyward.domain.fake;

import dev.keyward.domain.lifecycle.RetiredValues;
import dev.keyward.domain.token.SecretHash;
import dev.keyward.domain.token.TokenId;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** {@link RetiredValues} in a map: no transactions, so a write is visible at once. */
public final class InMemoryRetiredValues implements RetiredValues {

    private final Map<SecretHash, Retired> values = new ConcurrentHashMap<>();

    @Override
    public void retire(SecretHash hash, TokenId token, Instant retiredAt) {
        values.putIfAbsent(hash, new Retired(token, retiredAt));
    }

    @Override
    public Optional<Retired> find(SecretHash hash) {
        return Optional.ofNullable(values.get(hash));
    }

    @Override
    public int forgetRetiredUntil(Instant cutoff) {
        int before = values.size();
        values.values().removeIf(value -> !value.retiredAt().isAfter(cutoff));
        return before - values.size();
    }

    public int size() {
        return values.size();
    }
}
