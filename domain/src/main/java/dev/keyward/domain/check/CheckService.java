package dev.keyward.domain.check;

import dev.keyward.domain.permission.PermissionSet;
import dev.keyward.domain.token.SecretHash;
import dev.keyward.domain.token.SecretHasher;
import dev.keyward.domain.token.TokenValue;
import dev.keyward.domain.token.TokenView;

import java.time.Clock;
import java.time.Instant;
import java.util.Optional;

/**
 * The check, in one pass: parse the key (a malformed one is refused without any lookup) and hash it,
 * once → ask the node's cache what the hash is; on a miss, hand the pending check (with its hash) to a
 * thread that may read the database → judge what it is: a token's current value, its previous value
 * while the rotation's grace period lasts (both authenticate as the token), or a value rotated away
 * (refused as unknown, and told to {@link ReuseDetection}) → whether the token is enabled → expiry against the clock, every time → the
 * client address against the token's allowlist (a fenced token with an unknown address fails closed) →
 * the required permissions. A valid check notes a use in memory; a failed one is counted for its
 * address, or, at the doors where a service asks about someone else's key, for that service's address
 * and token. Reads only: no transaction.
 */
public final class CheckService implements TokenCheck {

    private final CheckedTokens tokens;
    private final TokenUses uses;
    private final SecretHasher hasher;
    private final Clock clock;
    private final AuthFailureMonitor failures;
    private final CheckObserver observer;
    private final ReuseDetection reuse;

    /**
     * @param observer told each check's door, outcome and time (metrics); never the key
     * @param reuse    told of every value rotated away that is presented again
     */
    public CheckService(CheckedTokens tokens, TokenUses uses, SecretHasher hasher, Clock clock,
                        AuthFailureMonitor failures, CheckObserver observer, ReuseDetection reuse) {
        this.tokens = tokens;
        this.uses = uses;
        this.hasher = hasher;
        this.clock = clock;
        this.failures = failures;
        this.observer = observer;
        this.reuse = reuse;
    }

    @Override
    public CheckStep start(CheckRequest request) {
        long started = System.nanoTime();
        String key = request.presentedKey();
        if (key == null || key.isEmpty()) {
            // No key at all is someone who did not try, not someone guessing: not counted as a failure.
            return answered(request, CheckResult.failed(CheckCode.MALFORMED), started);
        }
        Optional<TokenValue> value = TokenValue.tryParse(key);
        if (value.isEmpty()) {
            return answered(request, failed(request, CheckResult.failed(CheckCode.MALFORMED)), started);
        }
        SecretHash hash = hasher.hash(value.get());
        CachedValue cached = tokens.cached(hash);
        if (cached instanceof CachedValue.Hit hit) {
            return answered(request, judge(request, hash, Optional.of(hit.value())), started);
        }
        if (cached instanceof CachedValue.KnownMiss) {
            return answered(request, judge(request, hash, Optional.empty()), started);
        }
        return new CheckStep.Pending(request, hash, started, this::finish);
    }

    /** The pending check's second half: one database read, then the same judgement. */
    private CheckResult finish(CheckRequest request, SecretHash hash, long started) {
        return observed(request, judge(request, hash, tokens.load(hash)), started);
    }

    private CheckStep answered(CheckRequest request, CheckResult result, long started) {
        return new CheckStep.Answered(observed(request, result, started));
    }

    private CheckResult observed(CheckRequest request, CheckResult result, long started) {
        observer.observed(request.door(), result.code(), System.nanoTime() - started);
        return result;
    }

    private CheckResult judge(CheckRequest request, SecretHash hash, Optional<ValueMatch> found) {
        Instant now = clock.instant();
        ValueMatch match = found.map(value -> value.asOf(now)).orElse(null);
        if (match instanceof ValueMatch.Retired retired) {
            // Refused like any unknown value, so a stranger learns nothing; the token's owner hears of it.
            reuse.presented(retired, request.clientAddress(), now);
        }
        TokenView token = match == null ? null : match.live().orElse(null);
        if (token == null) {
            return failed(request, CheckResult.failed(CheckCode.NOT_FOUND));
        }
        Instant valueExpiresAt = match.endsAt();
        if (!token.enabled()) {
            return failed(request, about(token, CheckCode.DISABLED, PermissionSet.of(), hash, valueExpiresAt));
        }
        if (token.isExpiredAt(now)) {
            return failed(request, about(token, CheckCode.EXPIRED, PermissionSet.of(), hash, valueExpiresAt));
        }
        if (!token.allowlist().permits(request.clientAddress())) {
            return failed(request, about(token, CheckCode.ADDRESS_NOT_ALLOWED, PermissionSet.of(), hash, valueExpiresAt));
        }
        PermissionSet missing = request.required().missingFrom(token.permissions());
        if (!missing.isEmpty()) {
            // A live key lacking a permission is a misconfiguration, not a guess: not counted as a failure.
            return about(token, CheckCode.INSUFFICIENT_PERMISSIONS, missing, hash, valueExpiresAt);
        }
        uses.record(token.id(), now, request.clientAddress());
        return about(token, CheckCode.VALID, PermissionSet.of(), hash, valueExpiresAt);
    }

    private CheckResult failed(CheckRequest request, CheckResult result) {
        if (request.asker() == null) {
            failures.failed(request.clientAddress(), null, clock.instant());
        } else {
            // A door asked about someone else's key: the asker is who guesses, whatever address it states.
            failures.failed(request.asker().address(), request.asker().token(), clock.instant());
        }
        return result;
    }

    private static CheckResult about(TokenView token, CheckCode code, PermissionSet missing, SecretHash hash,
                                     Instant valueExpiresAt) {
        return new CheckResult(code, Optional.of(token), missing, hash, valueExpiresAt);
    }
}
