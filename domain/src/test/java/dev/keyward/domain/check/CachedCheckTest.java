package dev.keyward.domain.check;

import dev.keyward.domain.fake.DirectTransactions;
import dev.keyward.domain.fake.RecordingTokenUses;
import dev.keyward.domain.fake.ServiceFixture;
import dev.keyward.domain.manage.TokenWithValue;
import dev.keyward.domain.network.IpAddress;
import dev.keyward.domain.permission.Permission;
import dev.keyward.domain.permission.PermissionSet;
import dev.keyward.domain.token.SecretHash;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@link CheckService#start}: the same rules as the whole check, answered at once when the source knows the
 * hash without I/O; otherwise the pending check carries the hash to {@link CheckStep#finish}, which reads once.
 */
class CachedCheckTest {

    private static final IpAddress CLIENT = IpAddress.parse("198.51.100.9");

    private final ServiceFixture f = new ServiceFixture();
    /** What a node-local cache would hold: hash → what it knows. */
    private final Map<SecretHash, CachedValue> cached = new HashMap<>();
    private final List<SecretHash> loads = new ArrayList<>();
    private final RecordingTokenUses uses = new RecordingTokenUses();
    private final CheckService service = new CheckService(new CheckedTokens() {
        @Override
        public CachedValue cached(SecretHash hash) {
            return cached.getOrDefault(hash, CachedValue.NEEDS_DATABASE);
        }

        @Override
        public Optional<ValueMatch> load(SecretHash hash) {
            loads.add(hash);
            return f.fakes.checked.load(hash);
        }
    }, uses, f.hasher, f.clock, new AuthFailureMonitor(f.outbox, new DirectTransactions(), Runnable::run,
            new AuthFailureMonitor.Limits(100, Duration.ofMinutes(1), 100)), CheckObserver.NONE, ReuseDetection.NONE);

    private CheckStep start(TokenWithValue token, Permission... required) {
        return service.start(new CheckRequest(token.value().reveal(), CLIENT, PermissionSet.of(required), Door.VERIFY));
    }

    private static CheckResult answered(CheckStep step) {
        return assertInstanceOf(CheckStep.Answered.class, step).result();
    }

    @Test
    void a_key_the_source_cannot_answer_without_io_is_pending_and_no_use_is_recorded_until_it_finishes() {
        TokenWithValue token = f.create("svc", Permission.AlertRead);

        CheckStep step = start(token);

        assertInstanceOf(CheckStep.Pending.class, step);
        assertTrue(uses.usesOf(token.token().id()).isEmpty());
        assertEquals(List.of(), loads);
        assertEquals(CheckCode.VALID, step.finish().code());
        assertEquals(List.of(f.hasher.hash(token.value())), loads, "finishing reads the hash the start computed, once");
        assertEquals(1, uses.usesOf(token.token().id()).size());
    }

    @Test
    void a_cached_token_is_judged_by_the_same_rules_and_its_use_recorded() {
        TokenWithValue token = f.create("svc", Permission.AlertRead);
        cached.put(f.hasher.hash(token.value()), new CachedValue.Hit(new ValueMatch.Current(token.token())));

        assertEquals(CheckCode.VALID, answered(start(token, Permission.AlertRead)).code());
        assertEquals(CheckCode.INSUFFICIENT_PERMISSIONS, answered(start(token, Permission.RuleRead)).code());
        assertEquals(1, uses.usesOf(token.token().id()).size());
        assertEquals(List.of(), loads);
    }

    @Test
    void a_remembered_miss_is_answered_as_not_found() {
        TokenWithValue token = f.create("svc", Permission.AlertRead);
        cached.put(f.hasher.hash(token.value()), CachedValue.KNOWN_MISS);

        assertEquals(CheckCode.NOT_FOUND, answered(start(token)).code());
    }

    @Test
    void a_malformed_key_needs_no_lookup_and_is_answered_at_once() {
        CheckStep step = service.start(new CheckRequest("kw_nope", CLIENT, PermissionSet.of(), Door.VERIFY));

        assertEquals(CheckCode.MALFORMED, answered(step).code());
        assertEquals(List.of(), loads);
    }
}
