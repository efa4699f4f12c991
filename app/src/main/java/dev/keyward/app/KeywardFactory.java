package dev.keyward.app;

import dev.keyward.domain.network.TrustedProxies;
import dev.keyward.domain.port.out.AuditOutbox;
import dev.keyward.domain.port.out.Installation;
import dev.keyward.domain.port.out.Tokens;
import dev.keyward.domain.port.out.Transactions;
import dev.keyward.domain.service.AuthenticationService;
import dev.keyward.domain.service.BootstrapService;
import dev.keyward.domain.service.TokenCommandService;
import dev.keyward.domain.service.TokenLifecycle;
import dev.keyward.domain.service.TokenQueryService;
import dev.keyward.domain.token.SecretHasher;
import io.micronaut.context.annotation.Context;
import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Property;
import io.micronaut.core.annotation.Nullable;
import jakarta.inject.Singleton;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;

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

    @Singleton
    AuthenticationService authenticationService(Tokens tokens, SecretHasher hasher, Clock clock, KeywardSettings settings) {
        return new AuthenticationService(tokens, hasher, clock, settings.tokens().lastUsedResolution());
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
