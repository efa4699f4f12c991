package dev.keyward.adapter.rest;

import dev.keyward.domain.check.CachedValue;
import dev.keyward.domain.check.CheckedTokens;
import dev.keyward.domain.check.ValueMatch;
import dev.keyward.domain.token.SecretHash;

import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The check's source with switches for what the adapter must handle: a hash "in the cache" (the check
 * answers on the event loop) or not (it finishes on a blocking thread), and a node that cannot answer.
 */
final class TestCheckedTokens implements CheckedTokens {

    private final CheckedTokens source;

    /** Whether {@link #cached} knows every hash (a cache hit) or none (a miss). */
    volatile boolean cached = true;
    /** Thrown by {@link #load} instead of answering, when set (and then nothing is cached). */
    volatile RuntimeException failure;
    final AtomicInteger blockingChecks = new AtomicInteger();
    volatile String lastBlockingThread;

    TestCheckedTokens(CheckedTokens source) {
        this.source = source;
    }

    @Override
    public CachedValue cached(SecretHash hash) {
        if (!cached || failure != null) {
            return CachedValue.NEEDS_DATABASE;
        }
        return source.load(hash).<CachedValue>map(CachedValue.Hit::new).orElse(CachedValue.KNOWN_MISS);
    }

    @Override
    public Optional<ValueMatch> load(SecretHash hash) {
        blockingChecks.incrementAndGet();
        lastBlockingThread = Thread.currentThread().getName();
        RuntimeException failing = failure;
        if (failing != null) {
            throw failing;
        }
        return source.load(hash);
    }
}
