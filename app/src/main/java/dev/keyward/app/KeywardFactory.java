package dev.keyward.app;

import dev.keyward.domain.check.CheckObserver;
import dev.keyward.domain.network.TrustedProxies;
import dev.keyward.domain.port.out.AuditOutbox;
import dev.keyward.domain.port.out.CheckedTokens;
import dev.keyward.domain.port.out.TokenUses;
import dev.keyward.domain.port.out.Installation;
import dev.keyward.domain.port.out.Tokens;
import dev.keyward.domain.port.out.Transactions;
import dev.keyward.domain.service.AuthFailureMonitor;
import dev.keyward.domain.service.AuthenticationService;
import dev.keyward.domain.service.BootstrapService;
import dev.keyward.domain.service.ReuseDetector;
import dev.keyward.domain.service.TokenCommandService;
import dev.keyward.domain.service.TokenLifecycle;
import dev.keyward.domain.service.TokenQueryService;
import dev.keyward.domain.service.VerificationService;
import dev.keyward.domain.token.SecretHasher;
import io.micronaut.context.annotation.Context;
import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Property;
import io.micronaut.core.annotation.Nullable;
import jakarta.inject.Singleton;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/** Wires the annotation-free domain to its adapters and to configuration. */
@Factory
class KeywardFactory {

    @Singleton
    Clock clock() {
        // The database keeps microseconds: a clock that ticks in them makes stored and returned times equal.
        return Clock.tick(Clock.systemUTC(), Duration.ofNanos(1_000));
    }

    @Singleton
    SecureRandom secureRandom() {
        return new SecureRandom();
    }

    @Singleton
    SecretHasher secretHasher(KeywardSettings settings,
                              @Nullable @Property(name = "datasources.default.url") String datasourceUrl,
                              SecureRandom random) {
        try {
            return new SecretHasher(Pepper.resolve(settings.secrets().pepper(), datasourceUrl, settings.dataDir(), random));
        } catch (IllegalArgumentException e) {
            throw new StartupRefusedException(e.getMessage());
        }
    }

    @Context // built at start, so a malformed block refuses the start rather than the first request
    TrustedProxies trustedProxies(KeywardSettings settings) {
        try {
            return TrustedProxies.parse(settings.http().trustedProxies());
        } catch (IllegalArgumentException e) {
            throw new StartupRefusedException("keyward.http.trusted-proxies: " + e.getMessage());
        }
    }

    /** Off the request's path: a failing address's report waits for a write transaction, its check does not. */
    @Singleton
    AuthFailureMonitor authFailureMonitor(AuditOutbox outbox, Transactions transactions, KeywardSettings settings) {
        KeywardSettings.Security.AuthFailures limits = settings.security().authFailures();
        return new AuthFailureMonitor(outbox, transactions, boundedDaemon("keyward-auth-failures"), limits.threshold(),
                limits.window(), limits.maxAddresses());
    }

    /** One daemon thread with a queue of 1,000 tasks; beyond that a task is refused (the caller drops it). */
    static ExecutorService boundedDaemon(String name) {
        return new ThreadPoolExecutor(1, 1, 0, TimeUnit.MILLISECONDS, new ArrayBlockingQueue<>(1_000),
                runnable -> {
                    Thread thread = new Thread(runnable, name);
                    thread.setDaemon(true);
                    return thread;
                });
    }

    @Singleton
    VerificationService verificationService(CheckedTokens checkedTokens, TokenUses uses, SecretHasher hasher, Clock clock,
                                            AuthFailureMonitor failures, CheckObserver observer, ReuseDetector reuse) {
        return new VerificationService(checkedTokens, uses, hasher, clock, failures, observer, reuse);
    }

    @Singleton
    AuthenticationService authenticationService(VerificationService verification) {
        return new AuthenticationService(verification);
    }

    @Singleton
    TokenQueryService tokenQueryService(Tokens tokens) {
        return new TokenQueryService(tokens);
    }

    @Singleton
    TokenCommandService tokenCommandService(Tokens tokens, AuditOutbox outbox, Transactions transactions, SecretHasher hasher,
                                            SecureRandom random, Clock clock, TokenLifecycle lifecycle) {
        return new TokenCommandService(tokens, outbox, transactions, hasher, random, clock, lifecycle);
    }

    @Singleton
    BootstrapService bootstrapService(Tokens tokens, AuditOutbox outbox, Transactions transactions, Installation installation,
                                      SecretHasher hasher, SecureRandom random, Clock clock, TokenLifecycle lifecycle) {
        return new BootstrapService(tokens, outbox, transactions, installation, hasher, random, clock, lifecycle);
    }
}
