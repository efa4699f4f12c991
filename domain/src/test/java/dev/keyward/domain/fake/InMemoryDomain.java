package dev.keyward.domain.fake;

import dev.keyward.domain.check.AuthFailureMonitor;
import dev.keyward.domain.check.Caller;
import dev.keyward.domain.check.CheckObserver;
import dev.keyward.domain.check.CheckRequest;
import dev.keyward.domain.check.CheckedTokens;
import dev.keyward.domain.check.Door;
import dev.keyward.domain.lifecycle.LifecycleSchedule;
import dev.keyward.domain.lifecycle.RetiredValueMemory;
import dev.keyward.domain.lifecycle.RotationPolicy;
import dev.keyward.domain.manage.GracePolicy;
import dev.keyward.domain.manage.LifetimePolicy;
import dev.keyward.domain.network.IpAddress;
import dev.keyward.domain.permission.PermissionSet;
import dev.keyward.domain.token.SecretHasher;
import dev.keyward.domain.token.Tokens;
import dev.keyward.domain.token.Transactions;
import dev.keyward.domain.wiring.KeywardDomain;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.function.UnaryOperator;
import java.util.random.RandomGenerator;

/**
 * The domain as the app wires it ({@link KeywardDomain}), over the in-memory fakes: what domain and
 * adapter tests run against. The check reads the fakes directly (no cache) and records uses in
 * {@link #uses}; failed checks and reuse are reported inline, to the same outbox.
 */
public final class InMemoryDomain {

    /** Failures an address may have per minute in tests before the monitor reports it. */
    public static final int AUTH_FAILURE_THRESHOLD = 100;
    /** The rotation period of the tests' lifecycle. */
    public static final Duration ROTATION_PERIOD = Duration.ofDays(90);

    public final Tokens tokens;
    public final RecordingAuditOutbox outbox = new RecordingAuditOutbox();
    public final InMemoryInstallation installation = new InMemoryInstallation();
    public final InMemoryLifecycleCalendar calendar = new InMemoryLifecycleCalendar();
    public final InMemoryRetiredValues retired = new InMemoryRetiredValues();
    public final InMemoryLeakedValues leaked = new InMemoryLeakedValues();
    public final RecordingTokenUses uses = new RecordingTokenUses();
    public final InMemoryOwners owners;
    /** What the check reads: the fakes, read through (or what {@code around} made of them). */
    public final CheckedTokens checked;
    public final KeywardDomain domain;

    public InMemoryDomain(Tokens tokens, Transactions transactions, KeywardDomain.Policies policies, Clock clock,
                          RandomGenerator random, SecretHasher hasher, CheckObserver observer) {
        this(tokens, transactions, policies, clock, random, hasher, observer, UnaryOperator.identity());
    }

    /** @param around wraps what the check reads, e.g. to make it answer from a "cache" or fail */
    public InMemoryDomain(Tokens tokens, Transactions transactions, KeywardDomain.Policies policies, Clock clock,
                          RandomGenerator random, SecretHasher hasher, CheckObserver observer,
                          UnaryOperator<CheckedTokens> around) {
        this.tokens = tokens;
        this.owners = new InMemoryOwners(tokens);
        this.checked = around.apply(new ReadThroughCheckedTokens(tokens, retired));
        this.domain = new KeywardDomain(
                new KeywardDomain.Ports(tokens, transactions, transactions, outbox, installation, calendar, retired,
                        new InMemoryReuseReports(), leaked, checked, uses, observer, owners),
                policies,
                new KeywardDomain.Runtime(clock, random, hasher, Runnable::run, Runnable::run));
    }

    /** What Keyward's own API does with a presented key: the check at the REST door, as a {@link Caller} or a 401. */
    public Caller authenticate(String presentedKey, IpAddress from) {
        return Caller.of(domain.check().check(new CheckRequest(presentedKey, from, PermissionSet.of(), Door.REST)), from);
    }

    /** The domain with the default test policies over fresh fakes. */
    public static InMemoryDomain over(Tokens tokens, Transactions transactions, Clock clock, RandomGenerator random,
                                      SecretHasher hasher) {
        return new InMemoryDomain(tokens, transactions, policies(LifetimePolicy.UNLIMITED, List.of(), RetiredValueMemory.NONE, false),
                clock, random, hasher, CheckObserver.NONE);
    }

    /**
     * The tests' policies: a 90-day rotation period, grace periods up to 24 h, auth failures reported past
     * {@link #AUTH_FAILURE_THRESHOLD} a minute.
     */
    public static KeywardDomain.Policies policies(LifetimePolicy lifetime, List<Duration> expiryWarnings,
                                                  RetiredValueMemory memory, boolean revokeOnReuse) {
        return new KeywardDomain.Policies(lifetime, new GracePolicy(Duration.ofHours(24)),
                new LifecycleSchedule(new RotationPolicy(ROTATION_PERIOD), expiryWarnings), memory, revokeOnReuse,
                new AuthFailureMonitor.Limits(AUTH_FAILURE_THRESHOLD, Duration.ofMinutes(1), 1_000));
    }
}
