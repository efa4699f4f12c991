package dev.keyward.domain.wiring;

import dev.keyward.domain.audit.AuditBacklog;
import dev.keyward.domain.audit.AuditPublisher;
import dev.keyward.domain.audit.AuditRelay;
import dev.keyward.domain.audit.AuditRelaying;
import dev.keyward.domain.check.AuthFailureMonitor;
import dev.keyward.domain.check.CheckObserver;
import dev.keyward.domain.check.CheckService;
import dev.keyward.domain.check.CheckedTokens;
import dev.keyward.domain.check.TokenCheck;
import dev.keyward.domain.check.TokenUses;
import dev.keyward.domain.leak.LeakReports;
import dev.keyward.domain.leak.LeakResponseService;
import dev.keyward.domain.leak.LeakedValues;
import dev.keyward.domain.lifecycle.LifecycleCalendar;
import dev.keyward.domain.lifecycle.LifecycleScanService;
import dev.keyward.domain.lifecycle.LifecycleScanning;
import dev.keyward.domain.lifecycle.LifecycleSchedule;
import dev.keyward.domain.lifecycle.RetiredValueMemory;
import dev.keyward.domain.lifecycle.RetiredValues;
import dev.keyward.domain.lifecycle.TokenStore;
import dev.keyward.domain.manage.BootstrapService;
import dev.keyward.domain.manage.GracePolicy;
import dev.keyward.domain.manage.Installation;
import dev.keyward.domain.manage.LifetimePolicy;
import dev.keyward.domain.manage.TokenBootstrap;
import dev.keyward.domain.manage.TokenCommandService;
import dev.keyward.domain.manage.TokenCommands;
import dev.keyward.domain.manage.TokenQueries;
import dev.keyward.domain.manage.TokenQueryService;
import dev.keyward.domain.owner.OwnerCommands;
import dev.keyward.domain.owner.OwnerQueries;
import dev.keyward.domain.owner.OwnerService;
import dev.keyward.domain.owner.Owners;
import dev.keyward.domain.reuse.ReuseDetector;
import dev.keyward.domain.reuse.ReuseReports;
import dev.keyward.domain.token.AuditOutbox;
import dev.keyward.domain.token.SecretHasher;
import dev.keyward.domain.token.Tokens;
import dev.keyward.domain.token.Transactions;

import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.Executor;
import java.util.random.RandomGenerator;

/**
 * The domain, wired once in plain Java: every service built from its out-ports, the installation's
 * policies and what the runtime gives (time, randomness, the pepper, threads). The app's factories hand
 * it the adapters and publish its in-ports as beans; the tests hand it in-memory fakes. No other place
 * constructs a service.
 */
public final class KeywardDomain {

    /**
     * What the domain needs from the outside: its out-ports.
     *
     * @param transactions     one use case = one transaction (REPEATABLE READ on MySQL)
     * @param scanTransactions the lifecycle scan's (and the audit relay's) transactions: READ COMMITTED,
     *                         so claiming due entries locks no gap that new rows go into
     */
    public record Ports(Tokens tokens, Transactions transactions, Transactions scanTransactions, AuditOutbox outbox,
                        Installation installation, LifecycleCalendar calendar, RetiredValues retiredValues,
                        ReuseReports reuseReports, LeakedValues leakedValues, CheckedTokens checkedTokens,
                        TokenUses uses, CheckObserver observer, Owners owners) {
    }

    /**
     * The installation's rules.
     *
     * @param revokeOnReuse whether a retired value presented again deletes its token ({@code keyward.tokens.revoke-on-reuse})
     */
    public record Policies(LifetimePolicy lifetime, GracePolicy grace, LifecycleSchedule schedule,
                           RetiredValueMemory retiredValueMemory, boolean revokeOnReuse,
                           AuthFailureMonitor.Limits authFailures) {
    }

    /**
     * What the domain takes from its runtime.
     *
     * @param random              a CSPRNG: token values and ids come from it
     * @param authFailureReporter runs the report of an address's failures off the check's path
     * @param reuseReporter       runs the report of a reused value off the check's path
     */
    public record Runtime(Clock clock, RandomGenerator random, SecretHasher hasher, Executor authFailureReporter,
                          Executor reuseReporter) {
    }

    private final TokenStore store;
    private final AuthFailureMonitor authFailures;
    private final TokenCheck check;
    private final TokenQueries queries;
    private final TokenCommands commands;
    private final TokenBootstrap bootstrap;
    private final LifecycleScanning scan;
    private final LeakReports leaks;
    private final OwnerService owners;

    public KeywardDomain(Ports ports, Policies policies, Runtime runtime) {
        Clock clock = runtime.clock();
        store = new TokenStore(ports.tokens(), ports.outbox(), ports.calendar(), policies.schedule(),
                ports.retiredValues(), policies.retiredValueMemory());
        authFailures = new AuthFailureMonitor(ports.outbox(), ports.transactions(), runtime.authFailureReporter(),
                policies.authFailures());
        ReuseDetector reuse = new ReuseDetector(ports.tokens(), store, ports.reuseReports(), ports.transactions(),
                policies.retiredValueMemory(), runtime.reuseReporter(), policies.revokeOnReuse());
        check = new CheckService(ports.checkedTokens(), ports.uses(), runtime.hasher(), clock, authFailures,
                ports.observer(), reuse);
        queries = new TokenQueryService(ports.tokens());
        commands = new TokenCommandService(ports.tokens(), ports.owners(), store, ports.transactions(), runtime.hasher(),
                runtime.random(), policies.lifetime(), policies.grace(), clock);
        owners = new OwnerService(ports.owners(), ports.tokens(), ports.outbox(), ports.transactions(), runtime.random(), clock);
        bootstrap = new BootstrapService(ports.tokens(), store, ports.transactions(), ports.installation(),
                runtime.hasher(), runtime.random(), clock);
        scan = new LifecycleScanService(ports.tokens(), store, ports.scanTransactions(), policies.schedule(),
                ports.calendar(), ports.retiredValues(), policies.retiredValueMemory(), clock);
        leaks = new LeakResponseService(ports.tokens(), store, ports.leakedValues(), ports.retiredValues(),
                ports.transactions(), runtime.hasher(), authFailures, clock);
    }

    /** The audit relay: outbox rows to the publisher, in the relay's own READ COMMITTED transactions. */
    public static AuditRelaying auditRelay(AuditBacklog backlog, AuditPublisher publisher, Transactions relayTransactions,
                                           Clock clock, int batchSize, Duration claimFor) {
        return new AuditRelay(backlog, publisher, relayTransactions, clock, batchSize, claimFor);
    }

    public TokenCheck check() {
        return check;
    }

    public TokenQueries queries() {
        return queries;
    }

    public TokenCommands commands() {
        return commands;
    }

    public TokenBootstrap bootstrap() {
        return bootstrap;
    }

    public LifecycleScanning scan() {
        return scan;
    }

    public LeakReports leaks() {
        return leaks;
    }

    public OwnerCommands ownerCommands() {
        return owners;
    }

    public OwnerQueries ownerQueries() {
        return owners;
    }

    /** The failed-check monitor, for its gauge of tracked addresses. */
    public AuthFailureMonitor authFailures() {
        return authFailures;
    }
}
