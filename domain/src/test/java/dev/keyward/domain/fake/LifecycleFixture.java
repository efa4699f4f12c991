package dev.keyward.domain.fake;

import dev.keyward.domain.check.Caller;
import dev.keyward.domain.check.CheckObserver;
import dev.keyward.domain.check.CheckRequest;
import dev.keyward.domain.check.Door;
import dev.keyward.domain.check.TokenCheck;
import dev.keyward.domain.leak.LeakReports;
import dev.keyward.domain.lifecycle.LifecycleScanning;
import dev.keyward.domain.lifecycle.RetiredValueMemory;
import dev.keyward.domain.manage.CreateTokenCommand;
import dev.keyward.domain.manage.LifetimePolicy;
import dev.keyward.domain.manage.TokenCommands;
import dev.keyward.domain.manage.TokenWithValue;
import dev.keyward.domain.network.IpAddress;
import dev.keyward.domain.permission.Permission;
import dev.keyward.domain.permission.PermissionSet;
import dev.keyward.domain.token.SecretHasher;
import dev.keyward.domain.token.TokenValue;

import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * The domain on the in-memory fakes ({@link InMemoryDomain}) with a lifecycle (90-day rotation, warnings
 * 7 days and 1 day before expiry, a lifetime cap if given, rotation grace up to 24 h, retired values
 * remembered 30 days), a check that detects reuse (reporting inline), and a clock the test moves.
 */
public final class LifecycleFixture {

    public static final Instant T0 = Instant.parse("2026-11-02T10:00:00Z");
    public static final Duration PERIOD = InMemoryDomain.ROTATION_PERIOD;
    public static final IpAddress ADDRESS = IpAddress.parse("192.0.2.1");
    public static final Duration RETIRED_VALUE_MEMORY = Duration.ofDays(30);

    public final InMemoryTokens tokens = new InMemoryTokens();
    public final TestClock clock = new TestClock(T0);
    public final SecretHasher hasher = new SecretHasher(ServiceFixture.PEPPER);
    public final InMemoryDomain fakes;
    public final RecordingAuditOutbox outbox;
    public final InMemoryLifecycleCalendar calendar;
    public final InMemoryLeakedValues leaked;
    public final InMemoryRetiredValues retired;
    public final TokenCommands commands;
    public final LifecycleScanning scan;
    public final LeakReports leaks;
    public final TokenCheck check;
    public final Caller admin;

    public LifecycleFixture() {
        this(LifetimePolicy.UNLIMITED);
    }

    public LifecycleFixture(LifetimePolicy lifetime) {
        this(lifetime, false);
    }

    /** @param revokeOnReuse whether reuse detection deletes the token ({@code keyward.tokens.revoke-on-reuse}) */
    public LifecycleFixture(LifetimePolicy lifetime, boolean revokeOnReuse) {
        fakes = new InMemoryDomain(tokens, new DirectTransactions(),
                InMemoryDomain.policies(lifetime, List.of(Duration.ofDays(7), Duration.ofDays(1)),
                        new RetiredValueMemory(RETIRED_VALUE_MEMORY), revokeOnReuse),
                clock, ServiceFixture.seededSecureRandom(7), hasher, CheckObserver.NONE);
        outbox = fakes.outbox;
        calendar = fakes.calendar;
        leaked = fakes.leaked;
        retired = fakes.retired;
        commands = fakes.domain.commands();
        scan = fakes.domain.scan();
        leaks = fakes.domain.leaks();
        check = fakes.domain.check();
        TokenValue adminValue = fakes.domain.bootstrap().bootstrap(Optional.empty()).orElseThrow();
        admin = authenticate(adminValue);
    }

    public Caller authenticate(TokenValue value) {
        return fakes.authenticate(value.reveal(), ADDRESS);
    }

    /** A token created by the admin now; {@code expiresAt} null: never. */
    public TokenWithValue create(String name, String expiresAt, Permission... permissions) {
        return commands.create(admin, new CreateTokenCommand(name,
                Arrays.stream(permissions).map(Enum::name).toList(), null, expiresAt));
    }
}
