package dev.keyward.domain.service;

import dev.keyward.domain.fake.DirectTransactions;
import dev.keyward.domain.fake.InMemoryInstallation;
import dev.keyward.domain.fake.RecordingAuditOutbox;
import dev.keyward.domain.fake.TokenServices;
import dev.keyward.domain.network.IpAddress;
import dev.keyward.domain.permission.Permission;
import dev.keyward.domain.port.in.Caller;
import dev.keyward.domain.port.in.CreateTokenCommand;
import dev.keyward.domain.port.in.TokenWithValue;
import dev.keyward.domain.port.out.Transactions;
import dev.keyward.domain.token.SecretHasher;
import dev.keyward.domain.token.TokenValue;

import java.nio.charset.StandardCharsets;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.random.RandomGenerator;

/**
 * The token services on the in-memory fakes with a bootstrapped admin, plus helpers to make callers with
 * exactly the permissions a test needs. Every value it hands out is remembered, so tests can check
 * that none of them leaks into an event or an error message.
 */
final class ServiceFixture {

    static final Instant T0 = Instant.parse("2026-11-02T10:00:00Z");
    static final IpAddress ADMIN_ADDRESS = IpAddress.parse("192.0.2.1");
    static final byte[] PEPPER = "pepper-for-domain-tests-only-32b".getBytes(StandardCharsets.US_ASCII);

    final CountingTokens tokens = new CountingTokens();
    final RecordingAuditOutbox outbox = new RecordingAuditOutbox();
    final TestClock clock;
    final SecretHasher hasher = new SecretHasher(PEPPER);
    final VerificationService verification;
    final AuthenticationService authentication;
    final dev.keyward.domain.fake.RecordingTokenUses uses;
    final TokenQueryService queries;
    final TokenCommandService commands;
    final List<TokenValue> valuesHandedOut = new java.util.concurrent.CopyOnWriteArrayList<>();
    final TokenValue adminValue;
    final Caller admin;

    ServiceFixture() {
        this(new TestClock(T0), new DirectTransactions(), seededSecureRandom(1));
    }

    ServiceFixture(TestClock clock, Transactions transactions, RandomGenerator random) {
        this.clock = clock;
        TokenServices services = TokenServices.over(tokens, outbox, transactions, new InMemoryInstallation(),
                hasher, random, clock);
        this.verification = services.verification();
        this.authentication = services.authentication();
        this.uses = services.uses();
        this.queries = services.queries();
        this.commands = services.commands();
        this.adminValue = services.bootstrap().bootstrap(java.util.Optional.empty()).orElseThrow();
        valuesHandedOut.add(adminValue);
        this.admin = authentication.authenticate(adminValue.reveal(), ADMIN_ADDRESS);
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

    /** A token created by the admin. */
    TokenWithValue create(String name, Permission... permissions) {
        return create(new CreateTokenCommand(name, names(permissions), null, null));
    }

    TokenWithValue create(CreateTokenCommand command) {
        TokenWithValue created = commands.create(admin, command);
        valuesHandedOut.add(created.value());
        return created;
    }

    /** A caller authenticated with a fresh token holding exactly {@code permissions}. */
    Caller callerWith(Permission... permissions) {
        return authenticate(create("caller", permissions).value());
    }

    Caller authenticate(TokenValue value) {
        return authentication.authenticate(value.reveal(), ADMIN_ADDRESS);
    }

    TokenWithValue rotate(Caller caller, String ref) {
        TokenWithValue rotated = commands.rotate(caller, ref);
        valuesHandedOut.add(rotated.value());
        return rotated;
    }

    static List<String> names(Permission... permissions) {
        return Arrays.stream(permissions).map(Enum::name).toList();
    }
}
