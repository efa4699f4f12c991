package dev.keyward.domain.service;

import dev.keyward.domain.check.CheckObserver;
import dev.keyward.domain.fake.DirectTransactions;
import dev.keyward.domain.fake.InMemoryRetiredValues;
import dev.keyward.domain.fake.InMemoryReuseReports;
import dev.keyward.domain.fake.ReadThroughCheckedTokens;
import dev.keyward.domain.fake.RecordingTokenUses;
import dev.keyward.domain.fake.InMemoryInstallation;
import dev.keyward.domain.fake.InMemoryLeakedValues;
import dev.keyward.domain.fake.TokenServices;
import dev.keyward.domain.fake.InMemoryLifecycleCalendar;
import dev.keyward.domain.fake.InMemoryTokens;
import dev.keyward.domain.fake.RecordingAuditOutbox;
import dev.keyward.domain.network.IpAddress;
import dev.keyward.domain.permission.Permission;
import dev.keyward.domain.port.in.Caller;
import dev.keyward.domain.port.in.CreateTokenCommand;
import dev.keyward.domain.port.in.TokenWithValue;
import dev.keyward.domain.port.out.Transactions;
import dev.keyward.domain.token.GracePolicy;
import dev.keyward.domain.token.LifecycleSchedule;
import dev.keyward.domain.token.LifetimePolicy;
import dev.keyward.domain.token.RotationPolicy;
import dev.keyward.domain.token.SecretHasher;
import dev.keyward.domain.token.TokenValue;

import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * The write, scan and leak services over in-memory fakes with a lifecycle (90-day rotation, warnings
 * 7 days and 1 day before expiry, a lifetime cap if given, rotation grace up to 24 h, retired values
 * remembered 30 days), a check that detects reuse (reporting inline), and a clock the test moves.
 */
final class LifecycleFixture {

    static final Instant T0 = Instant.parse("2026-11-02T10:00:00Z");
    static final Duration PERIOD = Duration.ofDays(90);
    static final IpAddress ADDRESS = IpAddress.parse("192.0.2.1");

    final InMemoryTokens tokens = new InMemoryTokens();
    final RecordingAuditOutbox outbox = new RecordingAuditOutbox();
    final InMemoryLifecycleCalendar calendar = new InMemoryLifecycleCalendar();
    final InMemoryLeakedValues leaked = new InMemoryLeakedValues();
    final InMemoryRetiredValues retired = new InMemoryRetiredValues();
    static final Duration RETIRED_VALUE_MEMORY = Duration.ofDays(30);
    final TestClock clock = new TestClock(T0);
    final SecretHasher hasher = new SecretHasher(ServiceFixture.PEPPER);
    final TokenCommandService commands;
    final LifecycleScanService scan;
    final LeakResponseService leaks;
    final VerificationService verification;
    final AuthenticationService authentication;
    final Caller admin;

    LifecycleFixture() {
        this(LifetimePolicy.UNLIMITED);
    }

    LifecycleFixture(LifetimePolicy lifetime) {
        this(lifetime, false);
    }

    /** @param revokeOnReuse whether reuse detection deletes the token ({@code keyward.tokens.revoke-on-reuse}) */
    LifecycleFixture(LifetimePolicy lifetime, boolean revokeOnReuse) {
        Transactions transactions = new DirectTransactions();
        TokenLifecycle lifecycle = new TokenLifecycle(lifetime,
                new LifecycleSchedule(new RotationPolicy(PERIOD), List.of(Duration.ofDays(7), Duration.ofDays(1))), calendar,
                GracePolicy.DEFAULT, retired, RETIRED_VALUE_MEMORY);
        var random = ServiceFixture.seededSecureRandom(7);
        commands = new TokenCommandService(tokens, outbox, transactions, hasher, random, clock, lifecycle);
        scan = new LifecycleScanService(tokens, outbox, transactions, lifecycle, clock);
        leaks = new LeakResponseService(tokens, leaked, outbox, transactions, hasher, lifecycle, clock);
        ReuseDetector reuse = new ReuseDetector(tokens, new InMemoryReuseReports(), outbox, transactions, lifecycle,
                Runnable::run, revokeOnReuse);
        AuthFailureMonitor failures = new AuthFailureMonitor(outbox, transactions, Runnable::run,
                TokenServices.AUTH_FAILURE_THRESHOLD, Duration.ofMinutes(1), 1_000);
        verification = new VerificationService(new ReadThroughCheckedTokens(tokens, retired), new RecordingTokenUses(), hasher,
                clock, failures, CheckObserver.NONE, reuse);
        authentication = new AuthenticationService(verification);
        TokenValue adminValue = new BootstrapService(tokens, outbox, transactions, new InMemoryInstallation(), hasher,
                random, clock, lifecycle).bootstrap(Optional.empty()).orElseThrow();
        admin = authenticate(adminValue);
    }

    Caller authenticate(TokenValue value) {
        return authentication.authenticate(value.reveal(), ADDRESS);
    }

    /** A token created by the admin now; {@code expiresAt} null: never. */
    TokenWithValue create(String name, String expiresAt, Permission... permissions) {
        return commands.create(admin, new CreateTokenCommand(name,
                Arrays.stream(permissions).map(Enum::name).toList(), null, expiresAt));
    }
}
