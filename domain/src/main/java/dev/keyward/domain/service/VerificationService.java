package dev.keyward.domain.service;

import dev.keyward.domain.check.CheckObserver;
import dev.keyward.domain.check.CheckRequest;
import dev.keyward.domain.check.TokenVerification;
import dev.keyward.domain.check.ValueMatch;
import dev.keyward.domain.check.Verification;
import dev.keyward.domain.check.VerificationCode;
import dev.keyward.domain.permission.PermissionSet;
import dev.keyward.domain.port.out.CheckedTokens;
import dev.keyward.domain.port.out.TokenUses;
import dev.keyward.domain.token.SecretHash;
import dev.keyward.domain.token.SecretHasher;
import dev.keyward.domain.token.TokenValue;
import dev.keyward.domain.token.TokenView;

import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import java.util.function.Function;

/**
 * The check: parse the key (a malformed one is refused without any lookup) → find what its secret hash
 * is: a token's current value, its previous value while the rotation's grace period lasts (both
 * authenticate as the token), or a value rotated away (refused as unknown, and handed to the
 * {@link ReuseDetector}) → expiry against the clock, every time → the client address against the
 * token's allowlist (a fenced token with an unknown address fails closed) → the required permissions.
 * A valid check notes a use in memory; a failed one is counted for its address. Reads only: no transaction.
 */
public final class VerificationService implements TokenVerification {

    private final CheckedTokens tokens;
    private final TokenUses uses;
    private final SecretHasher hasher;
    private final Clock clock;
    private final AuthFailureMonitor failures;
    private final CheckObserver observer;
    private final ReuseDetector reuse;

    public VerificationService(CheckedTokens tokens, TokenUses uses, SecretHasher hasher, Clock clock,
                               AuthFailureMonitor failures) {
        this(tokens, uses, hasher, clock, failures, CheckObserver.NONE, ReuseDetector.off());
    }

    /**
     * @param observer told each check's door, outcome and time (metrics); never the key
     * @param reuse    told of every value rotated away that is presented again
     */
    public VerificationService(CheckedTokens tokens, TokenUses uses, SecretHasher hasher, Clock clock,
                               AuthFailureMonitor failures, CheckObserver observer, ReuseDetector reuse) {
        this.tokens = tokens;
        this.uses = uses;
        this.hasher = hasher;
        this.clock = clock;
        this.failures = failures;
        this.observer = observer;
        this.reuse = reuse;
    }

    @Override
    public Verification verify(CheckRequest request) {
        long start = System.nanoTime();
        Verification verification = check(request, hash -> Optional.of(tokens.findValue(hash))).orElseThrow();
        observer.observed(request.door(), verification.code(), System.nanoTime() - start);
        return verification;
    }

    /** The same check, answered only when the token source can answer without I/O (see {@link CheckedTokens#findCachedValue}). */
    @Override
    public Optional<Verification> verifyIfCached(CheckRequest request) {
        long start = System.nanoTime();
        Optional<Verification> verification = check(request, tokens::findCachedValue);
        verification.ifPresent(answer -> observer.observed(request.door(), answer.code(), System.nanoTime() - start));
        return verification;
    }

    /** @param lookup the token by hash, or empty when the lookup declines to answer (then so does the check) */
    private Optional<Verification> check(CheckRequest request, Function<SecretHash, Optional<Optional<ValueMatch>>> lookup) {
        String key = request.presentedKey();
        if (key == null || key.isEmpty()) {
            // No key at all is someone who did not try, not someone guessing: not counted as a failure.
            return Optional.of(Verification.failed(VerificationCode.MALFORMED));
        }
        Optional<TokenValue> value = TokenValue.tryParse(key);
        if (value.isEmpty()) {
            return Optional.of(failed(request, Verification.failed(VerificationCode.MALFORMED)));
        }
        SecretHash hash = hasher.hash(value.get());
        Optional<Optional<ValueMatch>> answer = lookup.apply(hash);
        if (answer.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(judge(request, hash, answer.get()));
    }

    private Verification judge(CheckRequest request, SecretHash hash, Optional<ValueMatch> found) {
        Instant now = clock.instant();
        ValueMatch match = found.map(value -> value.asOf(now)).orElse(null);
        if (match instanceof ValueMatch.Retired retired) {
            // Refused like any unknown value, so a stranger learns nothing; the token's owner hears of it.
            reuse.presented(retired, request.clientAddress(), now);
        }
        TokenView token = match == null ? null : match.live().orElse(null);
        if (token == null) {
            return failed(request, Verification.failed(VerificationCode.NOT_FOUND));
        }
        Instant valueExpiresAt = match.endsAt();
        if (token.expiresAt() != null && !now.isBefore(token.expiresAt())) {
            return failed(request, about(token, VerificationCode.EXPIRED, PermissionSet.of(), hash, valueExpiresAt));
        }
        if (!token.allowlist().permits(request.clientAddress())) {
            return failed(request, about(token, VerificationCode.ADDRESS_NOT_ALLOWED, PermissionSet.of(), hash, valueExpiresAt));
        }
        PermissionSet missing = token.permissions().missingFrom(request.required());
        if (!missing.isEmpty()) {
            // A live key lacking a permission is a misconfiguration, not a guess: not counted as a failure.
            return about(token, VerificationCode.INSUFFICIENT_PERMISSIONS, missing, hash, valueExpiresAt);
        }
        uses.record(token.id(), now, request.clientAddress());
        return about(token, VerificationCode.VALID, PermissionSet.of(), hash, valueExpiresAt);
    }

    private Verification failed(CheckRequest request, Verification verification) {
        failures.failed(request.clientAddress(), clock.instant());
        return verification;
    }

    private static Verification about(TokenView token, VerificationCode code, PermissionSet missing, SecretHash hash,
                                      Instant valueExpiresAt) {
        return new Verification(code, Optional.of(token), missing, hash, valueExpiresAt);
    }
}
