package dev.keyward.adapter.rest;

import dev.keyward.domain.check.CheckRequest;
import dev.keyward.domain.check.TokenVerification;
import dev.keyward.domain.check.Verification;

import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The domain's check with switches for what the adapter must handle: a check answered "from the
 * cache" (on the event loop) or not, and a node that cannot answer at all.
 */
final class TestVerification implements TokenVerification {

    private final TokenVerification check;

    /** Whether {@link #verifyIfCached} answers (a cache hit) or declines (a miss). */
    volatile boolean cached = true;
    /** Thrown by {@link #verify} instead of answering, when set. */
    volatile RuntimeException failure;
    final AtomicInteger blockingChecks = new AtomicInteger();
    volatile String lastBlockingThread;

    TestVerification(TokenVerification check) {
        this.check = check;
    }

    @Override
    public Verification verify(CheckRequest request) {
        blockingChecks.incrementAndGet();
        lastBlockingThread = Thread.currentThread().getName();
        RuntimeException failing = failure;
        if (failing != null) {
            throw failing;
        }
        return check.verify(request);
    }

    @Override
    public Optional<Verification> verifyIfCached(CheckRequest request) {
        return cached && failure == null ? Optional.of(check.verify(request)) : Optional.empty();
    }
}
