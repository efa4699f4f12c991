package dev.keyward.domain.fake;

import dev.keyward.domain.check.Caller;
import dev.keyward.domain.check.CheckRequest;
import dev.keyward.domain.check.Door;
import dev.keyward.domain.check.TokenCheck;
import dev.keyward.domain.manage.CreateTokenCommand;
import dev.keyward.domain.manage.TokenCommands;
import dev.keyward.domain.manage.TokenQueries;
import dev.keyward.domain.manage.TokenWithValue;
import dev.keyward.domain.network.IpAddress;
import dev.keyward.domain.permission.Permission;
import dev.keyward.domain.permission.PermissionSet;
import dev.keyward.domain.token.SecretHasher;
import dev.keyward.domain.token.TokenValue;
import dev.keyward.domain.token.Transactions;

import java.nio.charset.StandardCharsets;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.random.RandomGenerator;

/**
 * The domain on the in-memory fakes ({@link InMemoryDomain}) with a bootstrapped admin, plus helpers to
 * make callers with exactly the permissions a test needs. Every value it hands out is remembered, so
 * tests can check that none of them leaks into an event or an error message.
 */
public final class ServiceFixture {

    public static final Instant T0 = Instant.parse("2026-11-02T10:00:00Z");
    public static final IpAddress ADMIN_ADDRESS = IpAddress.parse("192.0.2.1");
    public static final byte[] PEPPER = "pepper-for-domain-tests-only-32b".getBytes(StandardCharsets.US_ASCII);

    public final CountingTokens tokens = new CountingTokens();
    public final TestClock clock;
    public final SecretHasher hasher = new SecretHasher(PEPPER);
    public final InMemoryDomain fakes;
    public final RecordingAuditOutbox outbox;
    public final RecordingTokenUses uses;
    public final TokenCheck check;
    public final TokenQueries queries;
    public final TokenCommands commands;
    public final List<TokenValue> valuesHandedOut = new CopyOnWriteArrayList<>();
    public final TokenValue adminValue;
    public final Caller admin;

    public ServiceFixture() {
        this(new TestClock(T0), new DirectTransactions(), seededSecureRandom(1));
    }

    public ServiceFixture(TestClock clock, Transactions transactions, RandomGenerator random) {
        this.clock = clock;
        this.fakes = InMemoryDomain.over(tokens, transactions, clock, random, hasher);
        this.outbox = fakes.outbox;
        this.uses = fakes.uses;
        this.check = fakes.domain.check();
        this.queries = fakes.domain.queries();
        this.commands = fakes.domain.commands();
        this.adminValue = fakes.domain.bootstrap().bootstrap(Optional.empty()).orElseThrow();
        valuesHandedOut.add(adminValue);
        this.admin = authenticate(adminValue);
    }

    /** A thread-safe, repeatable CSPRNG: SHA1PRNG seeded before first use is deterministic. */
    public static SecureRandom seededSecureRandom(long seed) {
        try {
            SecureRandom random = SecureRandom.getInstance("SHA1PRNG");
            random.setSeed(seed);
            return random;
        } catch (NoSuchAlgorithmException e) {
            throw new AssertionError(e);
        }
    }

    /** A token created by the admin. */
    public TokenWithValue create(String name, Permission... permissions) {
        return create(new CreateTokenCommand(name, names(permissions), null, null));
    }

    public TokenWithValue create(CreateTokenCommand command) {
        TokenWithValue created = commands.create(admin, command);
        valuesHandedOut.add(created.value());
        return created;
    }

    /** A caller authenticated with a fresh token holding exactly {@code permissions}. */
    public Caller callerWith(Permission... permissions) {
        return authenticate(create("caller", permissions).value());
    }

    public Caller authenticate(TokenValue value) {
        return authenticate(value.reveal(), ADMIN_ADDRESS);
    }

    /** What Keyward's own API does with a presented key: the check at the REST door, as a {@link Caller} or a 401. */
    public Caller authenticate(String presentedKey, IpAddress from) {
        return fakes.authenticate(presentedKey, from);
    }

    public TokenWithValue rotate(Caller caller, String ref) {
        TokenWithValue rotated = commands.rotate(caller, ref, null);
        valuesHandedOut.add(rotated.value());
        return rotated;
    }

    public static List<String> names(Permission... permissions) {
        return Arrays.stream(permissions).map(Enum::name).toList();
    }
}
