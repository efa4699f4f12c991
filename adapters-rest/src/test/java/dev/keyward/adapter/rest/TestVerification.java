package dev.keyward.adapter.rest;

import dev.keyward.domain.check.CheckRequest;
import dev.keyward.domain.check.TokenVerification;
import dev.keyward.domain.check.Verification;
import dev.keyward.domain.check.VerificationCode;
import dev.keyward.domain.permission.Permission;
import dev.keyward.domain.permission.PermissionSet;
import dev.keyward.domain.port.out.Tokens;
import dev.keyward.domain.token.ApiToken;
import dev.keyward.domain.token.SecretHasher;
import dev.keyward.domain.token.TokenValue;

import java.time.Clock;
import java.time.Instant;
import java.util.EnumSet;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The check over the in-memory tokens, for the adapter's tests: the domain's rules in the order the
 * in-port promises, plus switches for what the adapter must handle — answered "from the cache" on the
 * event loop or not, and a node that cannot answer at all.
 */
final class TestVerification implements TokenVerification {

    private final Tokens tokens;
    private final SecretHasher hasher;
    private final Clock clock;

    /** Whether {@link #verifyIfCached} answers (a cache hit) or declines (a miss). */
    volatile boolean cached = true;
    /** Thrown by {@link #verify} instead of answering, when set. */
    volatile RuntimeException failure;
    final AtomicInteger blockingChecks = new AtomicInteger();
    volatile String lastBlockingThread;

    TestVerification(Tokens tokens, SecretHasher hasher, Clock clock) {
        this.tokens = tokens;
        this.hasher = hasher;
        this.clock = clock;
    }

    @Override
    public Verification verify(CheckRequest request) {
        blockingChecks.incrementAndGet();
        lastBlockingThread = Thread.currentThread().getName();
        RuntimeException failing = failure;
        if (failing != null) {
            throw failing;
        }
        return check(request);
    }

    @Override
    public Optional<Verification> verifyIfCached(CheckRequest request) {
        return cached && failure == null ? Optional.of(check(request)) : Optional.empty();
    }

    private Verification check(CheckRequest request) {
        Optional<TokenValue> value = TokenValue.tryParse(request.presentedKey());
        if (value.isEmpty()) {
            return Verification.failed(VerificationCode.MALFORMED);
        }
        Optional<ApiToken> found = tokens.findByHash(hasher.hash(value.get()));
        if (found.isEmpty()) {
            return Verification.failed(VerificationCode.NOT_FOUND);
        }
        ApiToken token = found.get();
        Instant now = clock.instant();
        EnumSet<Permission> missing = EnumSet.noneOf(Permission.class);
        request.required().permissions().stream().filter(p -> !token.permissions().contains(p)).forEach(missing::add);
        VerificationCode code = token.isExpiredAt(now) ? VerificationCode.EXPIRED
                : !token.acceptsUseFrom(request.clientAddress(), now) ? VerificationCode.ADDRESS_NOT_ALLOWED
                : !missing.isEmpty() ? VerificationCode.INSUFFICIENT_PERMISSIONS
                : VerificationCode.VALID;
        PermissionSet lacking = code == VerificationCode.INSUFFICIENT_PERMISSIONS ? new PermissionSet(missing) : PermissionSet.of();
        return new Verification(code, Optional.of(token.view()), lacking, token.secretHash());
    }
}
