package dev.keyward.domain.service;

import dev.keyward.domain.fake.DirectTransactions;
import dev.keyward.domain.fake.RecordingAuditOutbox;
import dev.keyward.domain.network.IpAddress;
import dev.keyward.domain.permission.Permission;
import dev.keyward.domain.port.in.Caller;
import dev.keyward.domain.port.in.IssueTokenCommand;
import dev.keyward.domain.port.in.IssuedToken;
import dev.keyward.domain.port.out.Transactions;
import dev.keyward.domain.token.SecretHasher;
import dev.keyward.domain.token.TokenValue;

import java.nio.charset.StandardCharsets;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.random.RandomGenerator;

/**
 * A service on the in-memory fakes with a bootstrapped admin, plus helpers to make callers with
 * exactly the permissions a test needs. Every value it hands out is remembered, so tests can check
 * that none of them leaks into an event or an error message.
 */
final class ServiceFixture {

    static final Instant T0 = Instant.parse("2026-11-02T10:00:00Z");
    static final Duration LAST_USED_RESOLUTION = Duration.ofSeconds(60);
    static final IpAddress ADMIN_ADDRESS = IpAddress.parse("192.0.2.1");
    static final byte[] PEPPER = "pepper-for-domain-tests-only-32b".getBytes(StandardCharsets.US_ASCII);

    final CountingTokens tokens = new CountingTokens();
    final RecordingAuditOutbox outbox = new RecordingAuditOutbox();
    final TestClock clock;
    final SecretHasher hasher = new SecretHasher(PEPPER);
    final ApiTokenService service;
    final List<TokenValue> valuesHandedOut = new java.util.concurrent.CopyOnWriteArrayList<>();
    final TokenValue adminValue;
    final Caller admin;

    ServiceFixture() {
        this(new TestClock(T0), new DirectTransactions(), seededSecureRandom(1));
    }

    ServiceFixture(TestClock clock, Transactions transactions, RandomGenerator random) {
        this.clock = clock;
        this.service = new ApiTokenService(tokens, outbox, transactions, new dev.keyward.domain.fake.InMemoryInstallation(),
                hasher, random, clock, LAST_USED_RESOLUTION);
        this.adminValue = service.bootstrap(java.util.Optional.empty()).orElseThrow();
        valuesHandedOut.add(adminValue);
        this.admin = service.authenticate(adminValue.reveal(), ADMIN_ADDRESS);
    }

    /** A thread-safe, repeatable CSPRNG: SHA1PRNG seeded before first use is deterministic. */
    static SecureRandom seededSecureRandom(long seed) {
        try {
            SecureRandom random = SecureRandom.getInstance("SHA1PRNG");
            random.setSeed(seed);
            return random;
        } catch (NoSuchAlgorithmException e) {
            throw new AssertionError(e);
        }
    }

    /** A token issued by the admin. */
    IssuedToken issue(String name, Permission... permissions) {
        return issue(new IssueTokenCommand(name, names(permissions), null, null));
    }

    IssuedToken issue(IssueTokenCommand command) {
        IssuedToken issued = service.issue(admin, command);
        valuesHandedOut.add(issued.value());
        return issued;
    }

    /** A caller authenticated with a fresh token holding exactly {@code permissions}. */
    Caller callerWith(Permission... permissions) {
        return authenticate(issue("caller", permissions).value());
    }

    Caller authenticate(TokenValue value) {
        return service.authenticate(value.reveal(), ADMIN_ADDRESS);
    }

    IssuedToken rotate(Caller caller, String ref) {
        IssuedToken rotated = service.rotate(caller, ref);
        valuesHandedOut.add(rotated.value());
        return rotated;
    }

    static List<String> names(Permission... permissions) {
        return Arrays.stream(permissions).map(Enum::name).toList();
    }
}
