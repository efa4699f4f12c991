package dev.keyward.app;

import dev.keyward.adapter.persistence.JdbcRelayTransactions;
import dev.keyward.domain.port.out.AuditOutbox;
import dev.keyward.domain.port.out.LeakedValues;
import dev.keyward.domain.port.out.LifecycleCalendar;
import dev.keyward.domain.port.out.Tokens;
import dev.keyward.domain.port.out.Transactions;
import dev.keyward.domain.service.LeakResponseService;
import dev.keyward.domain.service.LifecycleScanService;
import dev.keyward.domain.service.TokenLifecycle;
import dev.keyward.domain.token.LifecycleSchedule;
import dev.keyward.domain.token.LifetimePolicy;
import dev.keyward.domain.token.RotationPolicy;
import dev.keyward.domain.token.SecretHasher;
import io.micronaut.context.annotation.Factory;
import jakarta.inject.Singleton;

import java.time.Clock;

/**
 * Wires a token's lifecycle: the lifetime cap and rotation period from {@link LifecycleSettings}, the
 * calendar the writes keep, the scan (at READ COMMITTED, like the relay, so its claims lock no gap that
 * new tokens' rows go into) and the leak response.
 */
@Factory
class LifecycleFactory {

    @Singleton
    RotationPolicy rotationPolicy(LifecycleSettings settings) {
        return new RotationPolicy(settings.rotationPeriod());
    }

    @Singleton
    TokenLifecycle tokenLifecycle(LifecycleSettings settings, RotationPolicy rotation, LifecycleCalendar calendar) {
        return new TokenLifecycle(new LifetimePolicy(settings.maxLifetime()),
                new LifecycleSchedule(rotation, settings.expiryWarnings()), calendar);
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
