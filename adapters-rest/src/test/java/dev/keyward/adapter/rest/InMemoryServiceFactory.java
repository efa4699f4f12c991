package dev.keyward.adapter.rest;

import dev.keyward.domain.fake.DirectTransactions;
import dev.keyward.domain.fake.InMemoryInstallation;
import dev.keyward.domain.fake.InMemoryTokens;
import dev.keyward.domain.fake.RecordingAuditOutbox;
import dev.keyward.domain.network.TrustedProxies;
import dev.keyward.domain.fake.TokenServices;
import dev.keyward.domain.service.AuthenticationService;
import dev.keyward.domain.service.BootstrapService;
import dev.keyward.domain.service.TokenCommandService;
import dev.keyward.domain.service.TokenQueryService;
import dev.keyward.domain.fake.InMemoryLeakedValues;
import dev.keyward.domain.service.LeakResponseService;
import dev.keyward.domain.service.TokenLifecycle;
import dev.keyward.domain.token.RotationPolicy;
import dev.keyward.domain.token.SecretHasher;
import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Value;
import jakarta.inject.Singleton;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.List;

/** The real domain services over the domain's in-memory fakes: what the REST adapter is tested against. */
@Factory
class InMemoryServiceFactory {

    static final RotationPolicy ROTATION = new RotationPolicy(Duration.ofDays(90));

    private final InMemoryTokens tokens = new InMemoryTokens();
    private final RecordingAuditOutbox outbox = new RecordingAuditOutbox();
    private final SecretHasher hasher = new SecretHasher("adapter-test-pepper-0123456789".getBytes(StandardCharsets.US_ASCII));
    private final TokenServices services = TokenServices.over(tokens, outbox, new DirectTransactions(), new InMemoryInstallation(),
            hasher, new SecureRandom(), Clock.systemUTC());
    private final TestVerification verification = new TestVerification(services.verification());

    @Singleton
    TestVerification tokenVerification() {
        return verification;
    }

    @Singleton
    LeakResponseService leakResponseService() {
        return new LeakResponseService(tokens, new InMemoryLeakedValues(), outbox, new DirectTransactions(), hasher,
                TokenLifecycle.untracked(), Clock.systemUTC());
    }

    @Singleton
    AuthenticationService authenticationService() {
        return services.authentication();
    }

    @Singleton
    TokenQueryService tokenQueryService() {
        return services.queries();
    }

    @Singleton
    TokenCommandService tokenCommandService() {
        return services.commands();
    }

    @Singleton
    BootstrapService bootstrapService() {
        return services.bootstrap();
    }

    @Singleton
    RotationPolicy rotationPolicy() {
        return ROTATION;
    }

    @Singleton
    TrustedProxies trustedProxies(@Value("${test.trusted-proxies:}") List<String> blocks) {
        return TrustedProxies.parse(blocks);
    }
}
