package dev.keyward.app;

import dev.keyward.adapter.persistence.JdbcRelayTransactions;
import dev.keyward.domain.port.out.AuditOutbox;
import dev.keyward.domain.port.out.LeakedValues;
import dev.keyward.domain.port.out.LifecycleCalendar;
import dev.keyward.domain.port.out.RetiredValues;
import dev.keyward.domain.port.out.ReuseReports;
import dev.keyward.domain.port.out.Tokens;
import dev.keyward.domain.port.out.Transactions;
import dev.keyward.domain.service.LeakResponseService;
import dev.keyward.domain.service.LifecycleScanService;
import dev.keyward.domain.service.ReuseDetector;
import dev.keyward.domain.service.TokenLifecycle;
import dev.keyward.domain.token.GracePolicy;
import dev.keyward.domain.token.LifecycleSchedule;
import dev.keyward.domain.token.LifetimePolicy;
import dev.keyward.domain.token.RotationPolicy;
import dev.keyward.domain.token.SecretHasher;
import io.micronaut.context.annotation.Factory;
import jakarta.inject.Singleton;

import java.time.Clock;

/**
 * Wires a token's lifecycle: the lifetime cap and rotation period from {@link LifecycleSettings}, the
 * calendar the writes keep, the grace cap and retired-value memory of rotations, the scan (at READ
 * COMMITTED, like the relay, so its claims lock no gap that new tokens' rows go into), the leak response
 * and reuse detection.
 */
@Factory
class LifecycleFactory {

    @Singleton
    RotationPolicy rotationPolicy(LifecycleSettings settings) {
        return new RotationPolicy(settings.rotationPeriod());
    }

    @Singleton
    TokenLifecycle tokenLifecycle(LifecycleSettings settings, RotationPolicy rotation, LifecycleCalendar calendar,
                                  RetiredValues retired) {
        return new TokenLifecycle(new LifetimePolicy(settings.maxLifetime()),
                new LifecycleSchedule(rotation, settings.expiryWarnings()), calendar,
                new GracePolicy(settings.maxRotationGrace()), retired, settings.retiredValueMemory());
    }

    /** Off the request's path: a reuse's report waits for a write transaction, the refused check does not. */
    @Singleton
    ReuseDetector reuseDetector(Tokens tokens, ReuseReports reports, AuditOutbox outbox, Transactions transactions,
                                TokenLifecycle lifecycle, LifecycleSettings settings) {
        return new ReuseDetector(tokens, reports, outbox, transactions, lifecycle,
                KeywardFactory.boundedDaemon("keyward-reuse-reports"), settings.revokeOnReuse());
    }

    @Singleton
    LifecycleScanService lifecycleScanService(Tokens tokens, AuditOutbox outbox, JdbcRelayTransactions transactions,
                                              TokenLifecycle lifecycle, Clock clock) {
        return new LifecycleScanService(tokens, outbox, transactions, lifecycle, clock);
    }

    @Singleton
    LeakResponseService leakResponseService(Tokens tokens, LeakedValues leaked, AuditOutbox outbox, Transactions transactions,
                                            SecretHasher hasher, TokenLifecycle lifecycle, Clock clock) {
        return new LeakResponseService(tokens, leaked, outbox, transactions, hasher, lifecycle, clock);
    }
}
