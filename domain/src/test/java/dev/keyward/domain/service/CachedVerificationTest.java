package dev.keyward.domain.service;

import dev.keyward.domain.check.CheckRequest;
import dev.keyward.domain.check.Door;
import dev.keyward.domain.check.Verification;
import dev.keyward.domain.check.VerificationCode;
import dev.keyward.domain.fake.DirectTransactions;
import dev.keyward.domain.fake.RecordingTokenUses;
import dev.keyward.domain.network.IpAddress;
import dev.keyward.domain.permission.Permission;
import dev.keyward.domain.permission.PermissionSet;
import dev.keyward.domain.port.in.TokenWithValue;
import dev.keyward.domain.port.out.CheckedTokens;
import dev.keyward.domain.token.SecretHash;
import dev.keyward.domain.check.ValueMatch;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@link VerificationService#verifyIfCached}: the same rules as verify, answered only when the source needs no I/O. */
class CachedVerificationTest {

    private static final IpAddress CLIENT = IpAddress.parse("198.51.100.9");

    private final ServiceFixture f = new ServiceFixture();
    /** What a node-local cache would hold: hash → token, or a remembered miss. */
    private final Map<SecretHash, Optional<ValueMatch>> cached = new HashMap<>();
    private final RecordingTokenUses uses = new RecordingTokenUses();
    private final VerificationService service = new VerificationService(new CheckedTokens() {
        @Override
        public Optional<ValueMatch> findValue(SecretHash hash) {
            throw new AssertionError("verifyIfCached must not read through");
        }

        @Override
        public Optional<Optional<ValueMatch>> findCachedValue(SecretHash hash) {
            return Optional.ofNullable(cached.get(hash));
        }
    }, uses, f.hasher, f.clock, new AuthFailureMonitor(f.outbox, new DirectTransactions(), Runnable::run, 100, Duration.ofMinutes(1), 100));

    private Optional<Verification> checkCached(TokenWithValue token, Permission... required) {
        return service.verifyIfCached(new CheckRequest(token.value().reveal(), CLIENT, PermissionSet.of(required), Door.VERIFY));
    }

    @Test
    void a_key_the_source_cannot_answer_without_io_is_not_answered_and_no_use_is_recorded() {
        TokenWithValue token = f.create("svc", Permission.AlertRead);

        assertEquals(Optional.empty(), checkCached(token));
        assertTrue(uses.usesOf(token.token().id()).isEmpty());
    }

    @Test
    void a_cached_token_is_judged_by_the_same_rules_and_its_use_recorded() {
        TokenWithValue token = f.create("svc", Permission.AlertRead);
        cached.put(f.hasher.hash(token.value()), Optional.of(new ValueMatch.Current(token.token())));

        assertEquals(VerificationCode.VALID, checkCached(token, Permission.AlertRead).orElseThrow().code());
        assertEquals(VerificationCode.INSUFFICIENT_PERMISSIONS, checkCached(token, Permission.RuleRead).orElseThrow().code());
        assertEquals(1, uses.usesOf(token.token().id()).size());
    }

    @Test
    void a_remembered_miss_is_answered_as_not_found() {
        TokenWithValue token = f.create("svc", Permission.AlertRead);
        cached.put(f.hasher.hash(token.value()), Optional.empty());

        assertEquals(VerificationCode.NOT_FOUND, checkCached(token).orElseThrow().code());
    }

    @Test
    void a_malformed_key_needs_no_lookup_and_is_answered_at_once() {
        Optional<Verification> answer = service.verifyIfCached(new CheckRequest("kw_nope", CLIENT, PermissionSet.of(), Door.VERIFY));

        assertEquals(VerificationCode.MALFORMED, answer.orElseThrow().code());
    }
}
