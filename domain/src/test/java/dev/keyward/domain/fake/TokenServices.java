package dev.keyward.domain.fake;

import dev.keyward.domain.port.out.AuditOutbox;
import dev.keyward.domain.port.out.Installation;
import dev.keyward.domain.port.out.Tokens;
import dev.keyward.domain.port.out.Transactions;
import dev.keyward.domain.service.AuthenticationService;
import dev.keyward.domain.service.BootstrapService;
import dev.keyward.domain.service.TokenCommandService;
import dev.keyward.domain.service.TokenQueryService;
import dev.keyward.domain.token.SecretHasher;

import java.time.Clock;
import java.time.Duration;
import java.util.random.RandomGenerator;

/** The four token services wired over the same out-ports, as the app's factory wires them, for tests. */
public record TokenServices(AuthenticationService authentication, TokenQueryService queries,
                            TokenCommandService commands, BootstrapService bootstrap) {

    public static TokenServices over(Tokens tokens, AuditOutbox outbox, Transactions transactions, Installation installation,
                                     SecretHasher hasher, RandomGenerator random, Clock clock, Duration lastUsedResolution) {
        return new TokenServices(
                new AuthenticationService(tokens, hasher, clock, lastUsedResolution),
                new TokenQueryService(tokens),
                new TokenCommandService(tokens, outbox, transactions, hasher, random, clock),
                new BootstrapService(tokens, outbox, transactions, installation, hasher, random, clock));
    }
}
