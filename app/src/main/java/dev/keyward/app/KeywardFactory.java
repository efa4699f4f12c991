package dev.keyward.app;

import dev.keyward.adapter.persistence.JdbcRelayTransactions;
import dev.keyward.domain.check.AuthFailureMonitor;
import dev.keyward.domain.check.CheckObserver;
import dev.keyward.domain.check.CheckService;
import dev.keyward.domain.check.CheckedTokens;
import dev.keyward.domain.check.TokenCheck;
import dev.keyward.domain.check.TokenUses;
import dev.keyward.domain.leak.LeakReports;
import dev.keyward.domain.leak.LeakedValues;
import dev.keyward.domain.lifecycle.LifecycleCalendar;
import dev.keyward.domain.lifecycle.LifecycleScanning;
import dev.keyward.domain.lifecycle.LifecycleSchedule;
import dev.keyward.domain.lifecycle.RetiredValueMemory;
import dev.keyward.domain.lifecycle.RetiredValues;
import dev.keyward.domain.lifecycle.RotationPolicy;
import dev.keyward.domain.lifecycle.TokenStore;
import dev.keyward.domain.manage.BootstrapService;
import dev.keyward.domain.manage.GracePolicy;
import dev.keyward.domain.manage.Installation;
import dev.keyward.domain.manage.LifetimePolicy;
import dev.keyward.domain.manage.TokenBootstrap;
import dev.keyward.domain.manage.TokenCommandService;
import dev.keyward.domain.manage.TokenCommands;
import dev.keyward.domain.manage.TokenQueries;
import dev.keyward.domain.manage.TokenQueryService;
import dev.keyward.domain.network.TrustedProxies;
import dev.keyward.domain.owner.OwnerCommands;
import dev.keyward.domain.owner.OwnerQueries;
import dev.keyward.domain.owner.Owners;
import dev.keyward.domain.reuse.ReuseDetector;
import dev.keyward.domain.reuse.ReuseReports;
import dev.keyward.domain.token.AuditOutbox;
import dev.keyward.domain.token.SecretHasher;
import dev.keyward.domain.token.Tokens;
import dev.keyward.domain.token.Transactions;
import dev.keyward.domain.wiring.KeywardDomain;
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

/** The composition root: wires the annotation-free domain ({@link KeywardDomain}) to its adapters and to configuration. */
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
    RotationPolicy rotationPolicy(LifecycleSettings settings) {
        return new RotationPolicy(settings.rotationPeriod());
    }

    /**
     * The domain, wired once ({@link KeywardDomain}) over the persistence adapter's out-ports, with the
     * installation's policies from configuration. The lifecycle scan runs in the relay's READ COMMITTED
     * transactions, so its claims lock no gap that new tokens' rows go into. Reports of failed checks and
     * of reused values run on their own daemon threads, off the request's path.
     */
    @Singleton
    KeywardDomain domain(Tokens tokens, Transactions transactions, JdbcRelayTransactions scanTransactions, AuditOutbox outbox,
                         Installation installation, LifecycleCalendar calendar, RetiredValues retiredValues,
                         ReuseReports reuseReports, LeakedValues leakedValues, CheckedTokens checkedTokens, TokenUses uses,
                         CheckObserver observer, LifecycleSettings lifecycle, RotationPolicy rotation, KeywardSettings settings,
                         Clock clock, SecureRandom random, SecretHasher hasher, Owners owners) {
        KeywardSettings.Security.AuthFailures failures = settings.security().authFailures();
        return new KeywardDomain(
                new KeywardDomain.Ports(tokens, transactions, scanTransactions, outbox, installation, calendar, retiredValues,
                        reuseReports, leakedValues, checkedTokens, uses, observer, owners),
                new KeywardDomain.Policies(new LifetimePolicy(lifecycle.maxLifetime()), new GracePolicy(lifecycle.maxRotationGrace()),
                        new LifecycleSchedule(rotation, lifecycle.expiryWarnings()),
                        new RetiredValueMemory(lifecycle.retiredValueMemory()), lifecycle.revokeOnReuse(),
                        new AuthFailureMonitor.Limits(failures.threshold(), failures.window(), failures.maxAddresses())),
                new KeywardDomain.Runtime(clock, random, hasher, boundedDaemon("keyward-auth-failures"),
                        boundedDaemon("keyward-reuse-reports")));
    }

    @Singleton
    TokenCheck tokenCheck(KeywardDomain domain) {
        return domain.check();
    }

    @Singleton
    TokenQueries tokenQueries(KeywardDomain domain) {
        return domain.queries();
    }

    @Singleton
    TokenCommands tokenCommands(KeywardDomain domain) {
        return domain.commands();
    }

    @Singleton
    TokenBootstrap tokenBootstrap(KeywardDomain domain) {
        return domain.bootstrap();
    }

    @Singleton
    LifecycleScanning lifecycleScanning(KeywardDomain domain) {
        return domain.scan();
    }

    @Singleton
    LeakReports leakReports(KeywardDomain domain) {
        return domain.leaks();
    }

    @Singleton
    OwnerCommands ownerCommands(KeywardDomain domain) {
        return domain.ownerCommands();
    }

    @Singleton
    OwnerQueries ownerQueries(KeywardDomain domain) {
        return domain.ownerQueries();
    }
}
