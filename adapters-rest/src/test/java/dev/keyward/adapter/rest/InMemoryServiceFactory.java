package dev.keyward.adapter.rest;

import dev.keyward.domain.check.CheckObserver;
import dev.keyward.domain.check.TokenCheck;
import dev.keyward.domain.fake.DirectTransactions;
import dev.keyward.domain.fake.InMemoryDomain;
import dev.keyward.domain.fake.InMemoryTokens;
import dev.keyward.domain.leak.LeakReports;
import dev.keyward.domain.lifecycle.RetiredValueMemory;
import dev.keyward.domain.lifecycle.RotationPolicy;
import dev.keyward.domain.manage.LifetimePolicy;
import dev.keyward.domain.manage.TokenBootstrap;
import dev.keyward.domain.manage.TokenCommands;
import dev.keyward.domain.manage.TokenQueries;
import dev.keyward.domain.network.TrustedProxies;
import dev.keyward.domain.owner.OwnerCommands;
import dev.keyward.domain.owner.OwnerQueries;
import dev.keyward.domain.token.SecretHasher;
import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Value;
import jakarta.inject.Singleton;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.List;

/** The domain as the app wires it, over the domain's in-memory fakes: what the REST adapter is tested against. */
@Factory
class InMemoryServiceFactory {

    static final RotationPolicy ROTATION = new RotationPolicy(InMemoryDomain.ROTATION_PERIOD);

    private final InMemoryDomain fakes = new InMemoryDomain(new InMemoryTokens(), new DirectTransactions(),
            InMemoryDomain.policies(LifetimePolicy.UNLIMITED, List.of(), RetiredValueMemory.NONE, false), Clock.systemUTC(),
            new SecureRandom(), new SecretHasher("adapter-test-pepper-0123456789".getBytes(StandardCharsets.US_ASCII)),
            CheckObserver.NONE, TestCheckedTokens::new);

    @Singleton
    TestCheckedTokens checkedTokens() {
        return (TestCheckedTokens) fakes.checked;
    }

    @Singleton
    TokenCheck tokenCheck() {
        return fakes.domain.check();
    }

    @Singleton
    LeakReports leakReports() {
        return fakes.domain.leaks();
    }

    @Singleton
    TokenQueries tokenQueries() {
        return fakes.domain.queries();
    }

    @Singleton
    TokenCommands tokenCommands() {
        return fakes.domain.commands();
    }

    @Singleton
    OwnerCommands ownerCommands() {
        return fakes.domain.ownerCommands();
    }

    @Singleton
    OwnerQueries ownerQueries() {
        return fakes.domain.ownerQueries();
    }

    @Singleton
    TokenBootstrap tokenBootstrap() {
        return fakes.domain.bootstrap();
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
