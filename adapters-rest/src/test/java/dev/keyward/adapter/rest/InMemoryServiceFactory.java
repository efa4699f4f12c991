package dev.keyward.adapter.rest;

import dev.keyward.domain.fake.DirectTransactions;
import dev.keyward.domain.fake.InMemoryInstallation;
import dev.keyward.domain.fake.InMemoryTokens;
import dev.keyward.domain.fake.RecordingAuditOutbox;
import dev.keyward.domain.network.TrustedProxies;
import dev.keyward.domain.service.ApiTokenService;
import dev.keyward.domain.token.SecretHasher;
import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Value;
import jakarta.inject.Singleton;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.List;

/** The real domain service over the domain's in-memory fakes: what the REST adapter is tested against. */
@Factory
class InMemoryServiceFactory {

    @Singleton
    ApiTokenService apiTokenService() {
        return new ApiTokenService(new InMemoryTokens(), new RecordingAuditOutbox(), new DirectTransactions(), new InMemoryInstallation(),
                new SecretHasher("adapter-test-pepper-0123456789".getBytes(StandardCharsets.US_ASCII)),
                new SecureRandom(), Clock.systemUTC(), Duration.ZERO);
    }

    @Singleton
    TrustedProxies trustedProxies(@Value("${test.trusted-proxies:}") List<String> blocks) {
        return TrustedProxies.parse(blocks);
    }
}
