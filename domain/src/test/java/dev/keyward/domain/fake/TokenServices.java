package dev.keyward.domain.fake;

import dev.keyward.domain.port.out.AuditOutbox;
import dev.keyward.domain.port.out.Installation;
import dev.keyward.domain.port.out.Tokens;
import dev.keyward.domain.port.out.Transactions;
import dev.keyward.domain.service.AuthFailureMonitor;
import dev.keyward.domain.service.AuthenticationService;
import dev.keyward.domain.service.BootstrapService;
import dev.keyward.domain.service.TokenCommandService;
import dev.keyward.domain.service.TokenQueryService;
import dev.keyward.domain.service.VerificationService;
import dev.keyward.domain.token.SecretHasher;

import java.time.Clock;
import java.time.Duration;
import java.util.random.RandomGenerator;

/**
 * The token services wired over the same out-ports, as the app's factory wires them, for tests. The
 * check reads {@link Tokens} directly (no cache) and records uses in {@link #uses()}; failed checks go
 * to a monitor reporting to the same outbox, inline.
 */
public record TokenServices(VerificationService verification, AuthenticationService authentication,
                            TokenQueryService queries, TokenCommandService commands, BootstrapService bootstrap,
                            RecordingTokenUses uses) {

    /** Failures an address may have per minute in tests before the monitor reports it. */
    public static final int AUTH_FAILURE_THRESHOLD = 100;

    public static TokenServices over(Tokens tokens, AuditOutbox outbox, Transactions transactions, Installation installation,
                                     SecretHasher hasher, RandomGenerator random, Clock clock) {
        RecordingTokenUses uses = new RecordingTokenUses();
        AuthFailureMonitor monitor = new AuthFailureMonitor(outbox, transactions, Runnable::run,
                AUTH_FAILURE_THRESHOLD, Duration.ofMinutes(1), 1_000);
        VerificationService verification = new VerificationService(new ReadThroughCheckedTokens(tokens), uses, hasher, clock, monitor);
        return new TokenServices(
                verification,
                new AuthenticationService(verification),
                new TokenQueryService(tokens),
                new TokenCommandService(tokens, outbox, transactions, hasher, random, clock),
                new BootstrapService(tokens, outbox, transactions, installation, hasher, random, clock),
                uses);
    }
}
