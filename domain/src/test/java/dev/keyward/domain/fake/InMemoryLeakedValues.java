package dev.keyward.domain.fake;

import dev.keyward.domain.leak.LeakedValues;
import dev.keyward.domain.token.SecretHash;
import dev.keyward.domain.token.TokenId;

import java.time.Instant;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/** {@link LeakedValues} in a set, for domain tests. */
public final class InMemoryLeakedValues implements LeakedValues {

    private final Set<SecretHash> hashes = ConcurrentHashMap.newKeySet();

    @Override
    public boolean contains(SecretHash hash) {
        return hashes.contains(hash);
    }

    @Override
    public void add(SecretHash hash, TokenId token, Instant reportedAt) {
        hashes.add(hash);
    }
}
