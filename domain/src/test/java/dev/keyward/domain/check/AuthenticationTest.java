package dev.keyward.domain.check;

import dev.keyward.domain.error.UnauthenticatedException;
import dev.keyward.domain.fake.RecordingTokenUses;
import dev.keyward.domain.fake.ServiceFixture;
import dev.keyward.domain.manage.CreateTokenCommand;
import dev.keyward.domain.manage.TokenWithValue;
import dev.keyward.domain.network.IpAddress;
import dev.keyward.domain.permission.Permission;
import dev.keyward.domain.permission.PermissionSet;
import dev.keyward.domain.token.TokenValue;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.Function;

import static dev.keyward.domain.fake.ServiceFixture.ADMIN_ADDRESS;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

class AuthenticationTest {

    private final ServiceFixture f = new ServiceFixture();

    @Test
    void a_live_token_authenticates_as_itself_with_its_permissions_and_the_client_address() {
        TokenWithValue issued = f.create("reader", Permission.OrganizationAPITokenRead, Permission.AlertRead);
        IpAddress from = IpAddress.parse("2001:db8::5");

        Caller caller = f.authenticate(issued.value().reveal(), from);

        assertEquals(issued.token().id(), caller.tokenId());
        assertEquals(PermissionSet.of(Permission.OrganizationAPITokenRead, Permission.AlertRead), caller.permissions());
        assertEquals(from, caller.address());
        assertEquals(issued.token().id().toString(), caller.actor().id());
    }

    /** Every way a presented key can fail, each set up on a fresh service. */
    enum Refusal {
        MISSING(f -> null),
        EMPTY(f -> ""),
        NOT_A_TOKEN(f -> "Bearer abc"),
        TOO_SHORT(f -> "kw_abc"),
        WRONG_PREFIX(f -> "kx_" + f.create("t").value().reveal().substring(3)),
        BAD_CHECKSUM(f -> {
            String value = f.create("t").value().reveal();
            return value.substring(0, 38) + (value.charAt(38) == '0' ? '1' : '0');
        }),
        WITH_SURROUNDING_SPACE(f -> " " + f.create("t").value().reveal()),
        UNKNOWN(f -> TokenValue.generate(new SplittableRandom(77)).reveal()),
        ROTATED_AWAY(f -> {
            TokenWithValue issued = f.create("t", Permission.AlertRead);
            f.rotate(f.admin, issued.token().id().toString());
            return issued.value().reveal();
        }),
        SELF_ROTATED_AWAY(f -> {
            TokenWithValue issued = f.create("t");
            f.rotate(f.authenticate(issued.value()), "self");
            return issued.value().reveal();
        }),
        DELETED(f -> {
            TokenWithValue issued = f.create("t");
            f.commands.delete(f.admin, issued.token().id().toString());
            return issued.value().reveal();
        }),
        DISABLED(f -> f.create(new CreateTokenCommand("t", List.of(), null, null, false, null)).value().reveal()),
        EXPIRED(f -> {
            TokenWithValue issued = f.create(new CreateTokenCommand("t", List.of(), null, "2026-11-02T11:00:00Z"));
            f.clock.set(Instant.parse("2026-11-02T11:00:00Z"));
            return issued.value().reveal();
        }),
        OUTSIDE_ALLOWLIST(f -> f.create(new CreateTokenCommand("t", List.of(), List.of("10.0.0.0/8", "2001:db8::/32"), null))
                .value().reveal());

        final Function<ServiceFixture, String> presentedKey;

        Refusal(Function<ServiceFixture, String> presentedKey) {
            this.presentedKey = presentedKey;
        }
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(Refusal.class)
    void every_refusal_is_unauthenticated_with_one_message_that_reveals_nothing(Refusal refusal) {
        String key = refusal.presentedKey.apply(f);
        int eventsBefore = f.outbox.events().size();
        int usesBefore = f.uses.uses().size();

        UnauthenticatedException e = assertThrows(UnauthenticatedException.class,
                () -> f.authenticate(key, ADMIN_ADDRESS));

        assertEquals(UnauthenticatedException.MESSAGE, e.getMessage());
        if (key != null && key.length() > 10) {
            assertFalse(e.getMessage().contains(key.substring(3, 10)));
            assertFalse(e.reason().contains(key.substring(3, 10)), "the log-only reason holds no secret either");
        }
        assertEquals(eventsBefore, f.outbox.events().size(), "a refusal is not an audited change");
        assertEquals(usesBefore, f.uses.uses().size(), "a refusal is not a use");
    }

    @ParameterizedTest(name = "''{0}''")
    @ValueSource(strings = {"", "kw_", "kw_abc", "Bearer x", "kw_0", "KW_"})
    void a_malformed_key_is_refused_without_any_database_lookup(String key) {
        int before = f.tokens.lookupsByHash.get();

        assertThrows(UnauthenticatedException.class, () -> f.authenticate(key, ADMIN_ADDRESS));

        assertEquals(before, f.tokens.lookupsByHash.get());
    }

    @Test
    void a_key_with_a_bad_checksum_is_refused_without_any_database_lookup() {
        String value = f.create("t").value().reveal();
        String broken = value.substring(0, 20) + (value.charAt(20) == 'A' ? 'B' : 'A') + value.substring(21);
        int before = f.tokens.lookupsByHash.get();

        assertThrows(UnauthenticatedException.class, () -> f.authenticate(broken, ADMIN_ADDRESS));

        assertEquals(before, f.tokens.lookupsByHash.get());
    }

    @Test
    void a_token_is_accepted_until_the_instant_before_it_expires() {
        Instant expiresAt = Instant.parse("2026-11-03T00:00:00Z");
        TokenWithValue issued = f.create(new CreateTokenCommand("t", List.of(), null, expiresAt.toString()));

        f.clock.set(expiresAt.minusNanos(1));
        f.authenticate(issued.value().reveal(), ADMIN_ADDRESS);
        f.clock.set(expiresAt);
        assertThrows(UnauthenticatedException.class, () -> f.authenticate(issued.value().reveal(), ADMIN_ADDRESS));
    }

    @Test
    void an_allowlisted_token_is_accepted_from_inside_and_refused_from_outside() {
        String value = f.create(new CreateTokenCommand("t", List.of(), List.of("10.0.0.0/8", "2001:db8::/32"), null))
                .value().reveal();

        f.authenticate(value, IpAddress.parse("10.0.0.1"));
        f.authenticate(value, IpAddress.parse("2001:db8:ffff::1"));
        assertThrows(UnauthenticatedException.class, () -> f.authenticate(value, IpAddress.parse("11.0.0.1")));
        assertThrows(UnauthenticatedException.class, () -> f.authenticate(value, IpAddress.parse("::ffff:11.0.0.1")));
        assertThrows(UnauthenticatedException.class, () -> f.authenticate(value, IpAddress.parse("2001:db9::1")));
    }

    @Test
    void a_peer_reported_as_ipv4_mapped_ipv6_matches_an_ipv4_block() {
        String value = f.create(new CreateTokenCommand("t", List.of(), List.of("127.0.0.0/8"), null)).value().reveal();

        Caller caller = f.authenticate(value, IpAddress.parse("::ffff:127.0.0.1"));

        assertEquals(IpAddress.parse("127.0.0.1"), caller.address());
    }

    @Test
    void every_authentication_is_recorded_as_a_use_with_its_time_and_client_address() {
        TokenWithValue issued = f.create("t");
        IpAddress from = IpAddress.parse("198.51.100.23");
        f.clock.advance(Duration.ofMinutes(5));

        f.authenticate(issued.value().reveal(), from);
        f.authenticate(issued.value().reveal(), null);

        assertEquals(List.of(new RecordingTokenUses.Use(issued.token().id(), ServiceFixture.T0.plus(Duration.ofMinutes(5)), from),
                        new RecordingTokenUses.Use(issued.token().id(), ServiceFixture.T0.plus(Duration.ofMinutes(5)), null)),
                f.uses.usesOf(issued.token().id()));
    }

    @Test
    void a_use_is_not_an_audited_change_and_writes_nothing_to_the_token_store() {
        TokenWithValue issued = f.create("t");
        int events = f.outbox.events().size();

        f.authenticate(issued.value().reveal(), ADMIN_ADDRESS);

        assertEquals(events, f.outbox.events().size());
        assertNull(f.tokens.stored(issued.token().id()).orElseThrow().lastUsedAt(), "stored later, in bulk, by the adapter");
    }

    @Test
    void authentication_does_not_bump_the_version_so_it_never_races_a_management_write() {
        TokenWithValue issued = f.create("t");
        long version = f.tokens.stored(issued.token().id()).orElseThrow().version();

        f.authenticate(issued.value().reveal(), ADMIN_ADDRESS);

        assertEquals(version, f.tokens.stored(issued.token().id()).orElseThrow().version());
    }
}
