package dev.keyward.domain.check;

import dev.keyward.domain.error.UnavailableException;
import dev.keyward.domain.fake.DirectTransactions;
import dev.keyward.domain.fake.InMemoryDomain;
import dev.keyward.domain.fake.ReadThroughCheckedTokens;
import dev.keyward.domain.fake.RecordingAuditOutbox;
import dev.keyward.domain.fake.RecordingTokenUses;
import dev.keyward.domain.fake.ServiceFixture;
import dev.keyward.domain.manage.CreateTokenCommand;
import dev.keyward.domain.manage.TokenWithValue;
import dev.keyward.domain.manage.UpdateTokenCommand;
import dev.keyward.domain.network.IpAddress;
import dev.keyward.domain.permission.Permission;
import dev.keyward.domain.permission.PermissionSet;
import dev.keyward.domain.token.FieldChange;
import dev.keyward.domain.token.SecretHash;
import dev.keyward.domain.token.TokenMeta;
import dev.keyward.domain.token.TokenUpdated;
import dev.keyward.domain.token.TokenValue;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;

import static dev.keyward.domain.fake.ServiceFixture.ADMIN_ADDRESS;
import static dev.keyward.domain.fake.ServiceFixture.T0;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CheckServiceTest {

    private static final IpAddress CLIENT = IpAddress.parse("198.51.100.9");

    private final ServiceFixture f = new ServiceFixture();

    private CheckResult check(String key, IpAddress from, Permission... required) {
        return f.check.check(new CheckRequest(key, from, PermissionSet.of(required), Door.VERIFY));
    }

    private CheckResult check(TokenWithValue token, Permission... required) {
        return check(token.value().reveal(), CLIENT, required);
    }

    @Test
    void a_live_token_holding_every_required_permission_is_valid_and_its_use_is_recorded() {
        TokenWithValue issued = f.create("svc", Permission.AlertRead, Permission.RuleRead, Permission.RuleModify);

        CheckResult v = check(issued, Permission.AlertRead, Permission.RuleRead);

        assertEquals(CheckCode.VALID, v.code());
        assertTrue(v.isValid());
        assertEquals(issued.token().id(), v.token().orElseThrow().id());
        assertEquals(PermissionSet.of(), v.missing());
        assertEquals(f.hasher.hash(issued.value()), v.credential());
        assertEquals(List.of(new RecordingTokenUses.Use(issued.token().id(), T0, CLIENT)), f.uses.usesOf(issued.token().id()));
    }

    @Test
    void a_malformed_key_is_malformed_without_any_lookup_and_without_a_token() {
        int lookups = f.tokens.lookupsByHash.get();

        for (String key : List.of("", "kw_", "Bearer kw_x", "kw_" + "A".repeat(40))) {
            CheckResult v = check(key, CLIENT);
            assertEquals(CheckCode.MALFORMED, v.code(), key);
            assertEquals(Optional.empty(), v.token());
            assertNull(v.credential());
        }
        assertEquals(CheckCode.MALFORMED, check(null, CLIENT).code());
        assertEquals(lookups, f.tokens.lookupsByHash.get());
    }

    @Test
    void an_unknown_a_rotated_away_and_a_deleted_key_are_not_found_without_a_token() {
        String unknown = TokenValue.generate(new SplittableRandom(5)).reveal();
        TokenWithValue rotated = f.create("r");
        f.rotate(f.admin, rotated.token().id().toString());
        TokenWithValue deleted = f.create("d");
        f.commands.delete(f.admin, deleted.token().id().toString());

        for (String key : List.of(unknown, rotated.value().reveal(), deleted.value().reveal())) {
            CheckResult v = check(key, CLIENT);
            assertEquals(CheckCode.NOT_FOUND, v.code());
            assertEquals(Optional.empty(), v.token());
        }
    }

    @Test
    void a_token_is_expired_from_its_expiry_instant_on_and_still_shows_which_token_it_was() {
        Instant expiresAt = T0.plus(Duration.ofHours(1));
        TokenWithValue issued = f.create(new CreateTokenCommand("e", List.of(), null, expiresAt.toString()));

        f.clock.set(expiresAt.minusNanos(1));
        assertEquals(CheckCode.VALID, check(issued).code());
        f.clock.set(expiresAt);
        CheckResult v = check(issued);

        assertEquals(CheckCode.EXPIRED, v.code());
        assertEquals(issued.token().id(), v.token().orElseThrow().id());
    }

    @Test
    void a_disabled_token_is_refused_as_disabled_before_expiry_and_shows_which_token_it_was() {
        Instant expiresAt = T0.plus(Duration.ofHours(1));
        TokenWithValue issued = f.create(new CreateTokenCommand("off", List.of(), List.of("10.0.0.0/8"), expiresAt.toString(), false, null));

        CheckResult v = check(issued.value().reveal(), IpAddress.parse("10.0.0.1"));
        f.clock.set(expiresAt);
        CheckResult expiredToo = check(issued.value().reveal(), IpAddress.parse("11.0.0.1"));

        assertEquals(CheckCode.DISABLED, v.code());
        assertEquals(issued.token().id(), v.token().orElseThrow().id());
        assertEquals(CheckCode.DISABLED, expiredToo.code(), "after NOT_FOUND, before EXPIRED and the address");
        assertEquals(List.of(), f.uses.usesOf(issued.token().id()), "a refused check is no use");
    }

    @Test
    void a_token_switched_off_and_on_again_is_refused_then_valid_with_the_same_value() {
        TokenWithValue issued = f.create("toggled", Permission.AlertRead);
        String id = issued.token().id().toString();

        f.commands.update(f.admin, id, new UpdateTokenCommand("toggled", List.of("AlertRead"), null, false, null));
        assertEquals(CheckCode.DISABLED, check(issued, Permission.AlertRead).code());
        f.commands.update(f.admin, id, new UpdateTokenCommand("toggled", List.of("AlertRead"), null, null, null));
        assertEquals(CheckCode.DISABLED, check(issued, Permission.AlertRead).code(), "absent keeps it off");
        f.commands.update(f.admin, id, new UpdateTokenCommand("toggled", List.of("AlertRead"), null, true, null));

        assertEquals(CheckCode.VALID, check(issued, Permission.AlertRead).code());
    }

    @Test
    void metadata_set_on_create_and_replaced_on_update_is_on_the_checked_token_and_absent_keeps_it() {
        TokenWithValue issued = f.create(new CreateTokenCommand("tagged", List.of(), null, null, null, "{\"plan\":\"gold\"}"));
        String id = issued.token().id().toString();
        assertEquals(new TokenMeta("{\"plan\":\"gold\"}"), check(issued).token().orElseThrow().meta());

        f.commands.update(f.admin, id, new UpdateTokenCommand("tagged", List.of(), null, null, null));
        assertEquals(new TokenMeta("{\"plan\":\"gold\"}"), check(issued).token().orElseThrow().meta(), "absent keeps");
        f.commands.update(f.admin, id, new UpdateTokenCommand("tagged", List.of(), null, null, "{}"));

        assertEquals(TokenMeta.EMPTY, check(issued).token().orElseThrow().meta(), "{} clears");
        assertEquals(new FieldChange("meta", new TokenMeta("{\"plan\":\"gold\"}"), TokenMeta.EMPTY),
                ((TokenUpdated) f.outbox.events().get(f.outbox.events().size() - 1)).changes().get(0));
    }

    @Test
    void expiry_is_checked_against_the_clock_even_when_the_token_comes_from_a_cache_that_never_forgets() {
        Instant expiresAt = T0.plus(Duration.ofMinutes(10));
        TokenWithValue issued = f.create(new CreateTokenCommand("cached", List.of(), null, expiresAt.toString()));
        Map<SecretHash, ValueMatch> forever = new HashMap<>();
        forever.put(f.hasher.hash(issued.value()), new ValueMatch.Current(f.tokens.stored(issued.token().id()).orElseThrow().view()));
        CheckedTokens neverForgets = ReadThroughCheckedTokens.loading(hash -> Optional.ofNullable(forever.get(hash)));
        CheckService cached = new CheckService(neverForgets, f.uses, f.hasher, f.clock, monitor(), CheckObserver.NONE, ReuseDetection.NONE);

        assertEquals(CheckCode.VALID, cached.check(request(issued, CLIENT)).code());
        f.clock.set(expiresAt);

        assertEquals(CheckCode.EXPIRED, cached.check(request(issued, CLIENT)).code());
    }

    @Test
    void a_fenced_token_is_valid_only_from_a_known_address_inside_its_blocks() {
        TokenWithValue fenced = f.create(new CreateTokenCommand("f", List.of(), List.of("10.0.0.0/8"), null));
        TokenWithValue open = f.create("open");

        assertEquals(CheckCode.VALID, check(fenced.value().reveal(), IpAddress.parse("10.1.2.3")).code());
        assertEquals(CheckCode.ADDRESS_NOT_ALLOWED, check(fenced.value().reveal(), IpAddress.parse("11.1.2.3")).code());
        CheckResult unknownAddress = check(fenced.value().reveal(), null);
        assertEquals(CheckCode.ADDRESS_NOT_ALLOWED, unknownAddress.code(), "fail closed");
        assertEquals(fenced.token().id(), unknownAddress.token().orElseThrow().id());
        assertEquals(CheckCode.VALID, check(open.value().reveal(), null).code(), "an open token needs no address");
    }

    @Test
    void a_token_lacking_required_permissions_names_every_missing_one() {
        TokenWithValue issued = f.create("narrow", Permission.AlertRead);

        CheckResult v = check(issued, Permission.AlertRead, Permission.RuleRead, Permission.RuleModify);

        assertEquals(CheckCode.INSUFFICIENT_PERMISSIONS, v.code());
        assertFalse(v.isValid());
        assertEquals(PermissionSet.of(Permission.RuleRead, Permission.RuleModify), v.missing());
        assertEquals(issued.token().id(), v.token().orElseThrow().id());
    }

    @Test
    void only_a_valid_check_is_recorded_as_a_use() {
        TokenWithValue narrow = f.create("narrow");
        TokenWithValue fenced = f.create(new CreateTokenCommand("f", List.of(), List.of("10.0.0.0/8"), null));
        TokenWithValue expiring = f.create(new CreateTokenCommand("e", List.of(), null, T0.plusSeconds(60).toString()));
        int uses = f.uses.uses().size();

        check(narrow, Permission.AlertRead);
        check(fenced);
        f.clock.set(T0.plusSeconds(60));
        check(expiring);
        check("kw_nope", CLIENT);
        check(TokenValue.generate(new SplittableRandom(9)).reveal(), CLIENT);

        assertEquals(uses, f.uses.uses().size());
    }

    @Test
    void failed_checks_are_counted_per_address_and_reported_once_but_a_missing_permission_is_not_a_failure() {
        TokenWithValue narrow = f.create("narrow");
        String unknown = TokenValue.generate(new SplittableRandom(11)).reveal();

        for (int i = 0; i < InMemoryDomain.AUTH_FAILURE_THRESHOLD * 3; i++) {
            check(narrow, Permission.AlertRead);
        }
        assertEquals(List.of(), f.outbox.observations());
        for (int i = 0; i <= InMemoryDomain.AUTH_FAILURE_THRESHOLD * 2; i++) {
            check(unknown, CLIENT);
        }

        assertEquals(1, f.outbox.observations().size());
        assertEquals(CLIENT, f.outbox.observations().get(0).clientAddress());
        assertEquals(CheckCode.VALID, check(f.create("valid").value().reveal(), CLIENT).code(),
                "a flooding address is never refused a valid key");
    }

    @Test
    void at_a_door_asked_by_a_service_failures_count_against_the_service_not_the_address_it_states() {
        TokenWithValue service = f.create("service");
        IpAddress serviceAddress = IpAddress.parse("10.1.2.3");
        CheckRequest.Asker asker = new CheckRequest.Asker(serviceAddress, service.token().id());

        for (int i = 0; i <= InMemoryDomain.AUTH_FAILURE_THRESHOLD; i++) {
            String guess = TokenValue.generate(new SplittableRandom(100 + i)).reveal();
            IpAddress stated = IpAddress.parse("198.51.100." + (i % 200 + 1));
            assertEquals(CheckCode.NOT_FOUND, f.check.check(new CheckRequest(guess, stated, PermissionSet.of(), Door.VERIFY, asker)).code());
        }

        assertEquals(1, f.outbox.observations().size(), "the stated addresses spread the guesses; the asker is one");
        assertEquals(serviceAddress, f.outbox.observations().get(0).clientAddress());
        assertEquals(service.token().id(), f.outbox.observations().get(0).askedBy());
    }

    @Test
    void an_unavailable_token_store_fails_the_check_loudly_and_is_not_counted_as_a_failure() {
        RecordingAuditOutbox outbox = new RecordingAuditOutbox();
        AuthFailureMonitor monitor = new AuthFailureMonitor(outbox, new DirectTransactions(), Runnable::run, new AuthFailureMonitor.Limits(1, Duration.ofMinutes(1), 10));
        CheckService unreachable = new CheckService(ReadThroughCheckedTokens.loading(hash -> {
            throw new UnavailableException("the token database is unreachable");
        }), f.uses, f.hasher, f.clock, monitor, CheckObserver.NONE, ReuseDetection.NONE);
        CheckRequest request = request(f.create("t"), CLIENT);

        assertThrows(UnavailableException.class, () -> unreachable.check(request));
        assertThrows(UnavailableException.class, () -> unreachable.check(request));

        assertEquals(List.of(), outbox.observations());
    }

    private static CheckRequest request(TokenWithValue token, IpAddress from) {
        return new CheckRequest(token.value().reveal(), from, PermissionSet.of(), Door.FORWARD_AUTH);
    }

    private static AuthFailureMonitor monitor() {
        return new AuthFailureMonitor(new RecordingAuditOutbox(), new DirectTransactions(), Runnable::run, new AuthFailureMonitor.Limits(100, Duration.ofMinutes(1), 10));
    }

    @Test
    void the_check_request_never_prints_the_key() {
        TokenWithValue issued = f.create("t");

        assertFalse(request(issued, ADMIN_ADDRESS).toString().contains(issued.value().reveal().substring(3, 12)));
    }
}
