package dev.keyward.domain.token;

import dev.keyward.domain.network.IpAddress;
import dev.keyward.domain.network.IpAllowlist;
import dev.keyward.domain.permission.Permission;
import dev.keyward.domain.permission.PermissionSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ApiTokenTest {

    private static final Instant T0 = Instant.parse("2026-11-02T10:00:00Z");
    private static final Actor CREATOR = new Actor("0190a5b2-7c3d-7e4f-8a1b-2c3d4e5f6a7b", ActorType.API_TOKEN);
    private static final Actor EDITOR = new Actor("editor", ActorType.USER);
    private static final IpAddress FROM = IpAddress.parse("192.0.2.10");

    private final SplittableRandom random = new SplittableRandom(2026);

    private SecretHash newHash() {
        byte[] bytes = new byte[SecretHash.LENGTH];
        random.nextBytes(bytes);
        return new SecretHash(bytes);
    }

    private ApiToken.Created issue(Instant expiresAt, IpAllowlist allowlist) {
        return ApiToken.create(TokenId.newId(T0, random), new TokenName("ci"),
                PermissionSet.of(Permission.AlertRead, Permission.RuleRead), allowlist, expiresAt, newHash(),
                new Origin(CREATOR, FROM, T0));
    }

    private ApiToken issued() {
        return issue(null, IpAllowlist.anyAddress()).token();
    }

    private static Origin by(Actor actor, Instant at) {
        return new Origin(actor, FROM, at);
    }

    @Test
    void issuing_records_who_and_when_and_announces_the_new_token() {
        SecretHash hash = newHash();
        TokenId id = TokenId.newId(T0, random);
        Origin origin = new Origin(CREATOR, FROM, T0);

        ApiToken.Created issued = ApiToken.create(id, new TokenName("ci"), PermissionSet.of(Permission.AlertRead),
                IpAllowlist.parse("allowedCIDRBlocks", List.of("10.0.0.0/8")), T0.plusSeconds(60), hash, origin);
        ApiToken token = issued.token();

        assertEquals(id, token.id());
        assertEquals("ci", token.name().value());
        assertEquals(PermissionSet.of(Permission.AlertRead), token.permissions());
        assertEquals(List.of("10.0.0.0/8"), token.allowlist().texts());
        assertEquals(T0, token.createdAt());
        assertEquals(CREATOR, token.createdBy());
        assertEquals(T0, token.updatedAt());
        assertEquals(CREATOR, token.updatedBy());
        assertEquals(T0.plusSeconds(60), token.expiresAt());
        assertNull(token.lastUsedAt());
        assertNull(token.rotatedAt());
        assertEquals(hash, token.secretHash());
        assertEquals(0, token.version());
        assertFalse(token.isDeleted());
        assertEquals(new TokenCreated(token.view(), origin), issued.event());
    }

    @ParameterizedTest(name = "expiring {0} s after issue")
    @CsvSource({"0", "-1", "-86400"})
    void a_new_token_must_expire_in_the_future(long offsetSeconds) {
        assertThrows(IllegalArgumentException.class, () -> issue(T0.plusSeconds(offsetSeconds), IpAllowlist.anyAddress()));
    }

    @Test
    void a_token_without_expiry_never_expires() {
        ApiToken token = issued();

        assertFalse(token.isExpiredAt(Instant.MAX));
        assertTrue(token.acceptsUseFrom(FROM, T0.plus(Duration.ofDays(365 * 100))));
    }

    @Test
    void a_token_is_usable_until_the_instant_before_it_expires_and_not_at_that_instant() {
        Instant expiresAt = T0.plusSeconds(3600);
        ApiToken token = issue(expiresAt, IpAllowlist.anyAddress()).token();

        assertFalse(token.isExpiredAt(expiresAt.minusNanos(1)));
        assertTrue(token.acceptsUseFrom(FROM, expiresAt.minusNanos(1)));
        assertTrue(token.isExpiredAt(expiresAt));
        assertFalse(token.acceptsUseFrom(FROM, expiresAt));
        assertFalse(token.acceptsUseFrom(FROM, expiresAt.plusSeconds(1)));
    }

    @Test
    void a_token_with_an_allowlist_is_usable_only_from_inside_it() {
        ApiToken token = issue(null, IpAllowlist.parse("allowedCIDRBlocks", List.of("10.0.0.0/8", "2001:db8::/32"))).token();

        assertTrue(token.acceptsUseFrom(IpAddress.parse("10.255.255.255"), T0));
        assertTrue(token.acceptsUseFrom(IpAddress.parse("2001:db8:ffff::1"), T0));
        assertFalse(token.acceptsUseFrom(IpAddress.parse("11.0.0.0"), T0));
        assertFalse(token.acceptsUseFrom(IpAddress.parse("2001:db9::1"), T0));
    }

    @ParameterizedTest(name = "name changed {0}, permissions changed {1}, allowlist changed {2}")
    @CsvSource({
            "false, false, false",
            "true,  false, false",
            "false, true,  false",
            "false, false, true",
            "true,  true,  true",
            "true,  false, true",
    })
    void an_update_lists_exactly_the_fields_that_changed_with_before_and_after(
            boolean nameChanged, boolean permissionsChanged, boolean allowlistChanged) {
        ApiToken token = issue(null, IpAllowlist.parse("allowedCIDRBlocks", List.of("10.0.0.0/8"))).token();
        TokenName name = new TokenName(nameChanged ? "renamed" : "ci");
        PermissionSet permissions = permissionsChanged
                ? PermissionSet.of(Permission.RuleRead, Permission.UserRead)
                : PermissionSet.of(Permission.RuleRead, Permission.AlertRead);
        IpAllowlist allowlist = IpAllowlist.parse("allowedCIDRBlocks", allowlistChanged ? List.of() : List.of("10.0.0.0/8"));
        Origin origin = by(EDITOR, T0.plusSeconds(5));

        TokenUpdated event = token.update(name, permissions, allowlist, origin);

        List<FieldChange> expected = new ArrayList<>();
        if (nameChanged) {
            expected.add(new FieldChange("name", "ci", "renamed"));
        }
        if (permissionsChanged) {
            expected.add(new FieldChange("permissions", List.of("AlertRead", "RuleRead"), List.of("RuleRead", "UserRead")));
        }
        if (allowlistChanged) {
            expected.add(new FieldChange("allowedCIDRBlocks", List.of("10.0.0.0/8"), List.of()));
        }
        assertEquals(expected, event.changes());
        assertEquals(origin, event.origin());
        assertEquals(token.view(), event.token());
        assertEquals(name, token.name());
        assertEquals(permissions, token.permissions());
        assertEquals(allowlist, token.allowlist());
    }

    @Test
    void switching_a_token_off_keeps_its_values_lists_the_change_and_refuses_every_use_until_it_is_on_again() {
        ApiToken token = issued();
        SecretHash hash = token.secretHash();

        TokenUpdated off = token.update(token.name(), token.permissions(), token.allowlist(), false, token.meta(), token.owner(), by(EDITOR, T0.plusSeconds(5)));

        assertEquals(List.of(new FieldChange("enabled", true, false)), off.changes());
        assertFalse(off.token().enabled());
        assertFalse(token.acceptsUseFrom(FROM, T0.plusSeconds(6)));
        assertTrue(token.acceptsCredential(hash, T0.plusSeconds(6)), "still its value: a leak report can still revoke it");
        TokenUpdated on = token.update(token.name(), token.permissions(), token.allowlist(), true, token.meta(), token.owner(), by(EDITOR, T0.plusSeconds(7)));
        assertEquals(List.of(new FieldChange("enabled", false, true)), on.changes());
        assertTrue(token.acceptsUseFrom(FROM, T0.plusSeconds(8)));
        assertEquals(hash, token.secretHash());
    }

    @Test
    void an_update_moves_updated_at_and_by_but_keeps_the_creation_record_and_the_secret() {
        ApiToken token = issued();
        SecretHash hash = token.secretHash();

        token.update(new TokenName("renamed"), PermissionSet.of(), IpAllowlist.anyAddress(), by(EDITOR, T0.plusSeconds(9)));

        assertEquals(T0, token.createdAt());
        assertEquals(CREATOR, token.createdBy());
        assertEquals(T0.plusSeconds(9), token.updatedAt());
        assertEquals(EDITOR, token.updatedBy());
        assertEquals(hash, token.secretHash());
        assertNull(token.rotatedAt());
    }

    @Test
    void rotating_a_token_replaces_its_hash_and_records_when() {
        ApiToken token = issued();
        SecretHash old = token.secretHash();
        SecretHash next = newHash();
        Origin origin = by(EDITOR, T0.plusSeconds(30));

        TokenRotated event = token.rotate(next, origin).event();

        assertEquals(next, token.secretHash());
        assertNotEquals(old, token.secretHash());
        assertEquals(T0.plusSeconds(30), token.rotatedAt());
        assertEquals(T0.plusSeconds(30), token.updatedAt());
        assertEquals(EDITOR, token.updatedBy());
        assertEquals(new TokenRotated(token.view(), origin), event);
    }

    @Test
    void a_rotation_must_change_the_secret_and_changes_nothing_when_it_does_not() {
        ApiToken token = issued();
        SecretHash same = new SecretHash(token.secretHash().bytes());

        assertThrows(IllegalArgumentException.class, () -> token.rotate(same, by(EDITOR, T0.plusSeconds(1))));

        assertNull(token.rotatedAt());
        assertEquals(T0, token.updatedAt());
        assertEquals(CREATOR, token.updatedBy());
    }

    @Test
    void revoking_announces_the_last_state_and_makes_the_token_unusable() {
        ApiToken token = issued();
        Origin origin = by(EDITOR, T0.plusSeconds(3));

        TokenDeleted event = token.delete(origin);

        assertTrue(token.isDeleted());
        assertEquals(origin, event.origin());
        assertEquals(token.id(), event.token().id());
        assertFalse(token.acceptsUseFrom(FROM, T0.plusSeconds(4)));
    }

    @Test
    void a_revoked_token_refuses_every_further_change() {
        ApiToken token = issued();
        token.delete(by(EDITOR, T0.plusSeconds(1)));
        SecretHash hash = token.secretHash();

        assertThrows(IllegalStateException.class, () -> token.update(new TokenName("x"), PermissionSet.of(),
                IpAllowlist.anyAddress(), by(EDITOR, T0.plusSeconds(2))));
        assertThrows(IllegalStateException.class, () -> token.rotate(newHash(), by(EDITOR, T0.plusSeconds(2))));
        assertThrows(IllegalStateException.class, () -> token.delete(by(EDITOR, T0.plusSeconds(2))));
        assertEquals("ci", token.name().value());
        assertEquals(hash, token.secretHash());
    }

    @Test
    void reconstituting_gives_back_every_stored_field_without_an_event() {
        TokenId id = TokenId.newId(T0, random);
        SecretHash hash = newHash();
        IpAllowlist allowlist = IpAllowlist.parse("allowedCIDRBlocks", List.of("::1/128"));

        ApiToken token = ApiToken.reconstitute(id, new TokenName("stored"), PermissionSet.all(), allowlist,
                T0, CREATOR, T0.plusSeconds(1), EDITOR, T0.plusSeconds(99), T0.plusSeconds(2), IpAddress.parse("192.0.2.44"),
                T0.plusSeconds(3), hash, 17);

        assertEquals(new TokenView(id, new TokenName("stored"), PermissionSet.all(), allowlist, T0, CREATOR,
                T0.plusSeconds(1), EDITOR, T0.plusSeconds(99), T0.plusSeconds(2), IpAddress.parse("192.0.2.44"), T0.plusSeconds(3), null, true, TokenMeta.EMPTY, null),
                token.view());
        assertEquals(hash, token.secretHash());
        assertEquals(17, token.version());
        assertFalse(token.isDeleted());
    }

    @Test
    void reconstituting_an_already_expired_token_is_allowed_because_the_row_exists() {
        ApiToken token = ApiToken.reconstitute(TokenId.newId(T0, random), new TokenName("old"), PermissionSet.of(),
                IpAllowlist.anyAddress(), T0, CREATOR, null, null, T0.plusSeconds(1), null, null, null, newHash(), 0);

        assertTrue(token.isExpiredAt(T0.plusSeconds(1)));
    }

    @Test
    void required_fields_may_not_be_null() {
        assertThrows(NullPointerException.class, () -> ApiToken.reconstitute(null, new TokenName("x"), PermissionSet.of(),
                IpAllowlist.anyAddress(), T0, CREATOR, null, null, null, null, null, null, newHash(), 0));
        assertThrows(NullPointerException.class, () -> ApiToken.reconstitute(TokenId.newId(T0, random), new TokenName("x"),
                PermissionSet.of(), IpAllowlist.anyAddress(), T0, CREATOR, null, null, null, null, null, null, null, 0));
    }

    @Test
    void to_string_shows_neither_the_hash_nor_its_fingerprint() {
        ApiToken token = issued();
        String hashPrefix = java.util.HexFormat.of().formatHex(token.secretHash().bytes(), 0, 4);

        assertFalse(token.toString().contains(hashPrefix));
        assertTrue(token.toString().contains(token.id().toString()));
    }

    @Test
    void an_actor_needs_an_id_and_a_type_and_a_token_actor_is_named_by_the_token_id() {
        TokenId id = TokenId.newId(T0, random);

        assertEquals(new Actor(id.toString(), ActorType.API_TOKEN), Actor.token(id));
        assertEquals(ActorType.SYSTEM, Actor.BOOTSTRAP.type());
        assertThrows(IllegalArgumentException.class, () -> new Actor(" ", ActorType.USER));
        assertThrows(IllegalArgumentException.class, () -> new Actor("x", null));
        assertThrows(IllegalArgumentException.class, () -> new Origin(null, FROM, T0));
        assertThrows(IllegalArgumentException.class, () -> new Origin(CREATOR, FROM, null));
    }

    @ParameterizedTest(name = "{0} <-> {1}")
    @CsvSource({"USER, user", "API_TOKEN, api-token", "SYSTEM, system"})
    void actor_types_use_the_api_wire_names(ActorType type, String wireName) {
        assertEquals(wireName, type.wireName());
        assertEquals(type, ActorType.fromWireName(wireName).orElseThrow());
    }

    @Test
    void an_unknown_actor_type_wire_name_is_not_a_type() {
        assertTrue(ActorType.fromWireName("User").isEmpty());
        assertTrue(ActorType.fromWireName("API_TOKEN").isEmpty());
    }

    @Test
    void a_rotation_without_grace_retires_the_old_value_at_once_and_keeps_no_previous_value() {
        ApiToken token = issued();
        SecretHash old = token.secretHash();
        Instant at = T0.plusSeconds(30);

        ApiToken.Rotation rotation = token.rotate(newHash(), Duration.ZERO, by(EDITOR, at));

        assertEquals(List.of(new ApiToken.RetiredValue(old, at)), rotation.retired());
        assertNull(token.previousSecretHash());
        assertNull(rotation.event().token().previousValueExpiresAt());
        assertFalse(token.acceptsCredential(old, at));
    }

    @Test
    void a_rotation_with_grace_keeps_the_old_value_as_previous_value_until_the_grace_ends() {
        ApiToken token = issued();
        SecretHash old = token.secretHash();
        Instant at = T0.plusSeconds(30);

        ApiToken.Rotation rotation = token.rotate(newHash(), Duration.ofHours(1), by(EDITOR, at));

        assertEquals(List.of(), rotation.retired());
        assertEquals(old, token.previousSecretHash());
        assertEquals(at.plus(Duration.ofHours(1)), token.previousValueExpiresAt());
        assertEquals(at.plus(Duration.ofHours(1)), rotation.event().token().previousValueExpiresAt());
        assertTrue(token.acceptsCredential(old, at.plus(Duration.ofMinutes(59))));
        assertTrue(token.isPreviousValueAt(old, at.plus(Duration.ofMinutes(59))));
        assertFalse(token.acceptsCredential(old, at.plus(Duration.ofHours(1))), "the grace period ends exactly at previousValueExpiresAt");
        assertTrue(token.acceptsCredential(token.secretHash(), at.plus(Duration.ofHours(1))));
    }

    @Test
    void the_grace_period_never_outlives_the_token() {
        ApiToken token = issue(T0.plus(Duration.ofMinutes(10)), IpAllowlist.anyAddress()).token();

        token.rotate(newHash(), Duration.ofHours(24), by(EDITOR, T0));

        assertEquals(T0.plus(Duration.ofMinutes(10)), token.previousValueExpiresAt());
    }

    @Test
    void rotating_again_ends_the_previous_overlap_at_once_a_token_has_at_most_one_previous_value() {
        ApiToken token = issued();
        SecretHash first = token.secretHash();
        token.rotate(newHash(), Duration.ofHours(1), by(EDITOR, T0));
        SecretHash second = token.secretHash();
        Instant again = T0.plusSeconds(60);

        ApiToken.Rotation rotation = token.rotate(newHash(), Duration.ofHours(1), by(EDITOR, again));

        assertEquals(List.of(new ApiToken.RetiredValue(first, again)), rotation.retired());
        assertEquals(second, token.previousSecretHash());
        assertFalse(token.acceptsCredential(first, again));
        assertTrue(token.acceptsCredential(second, again));
    }

    @Test
    void a_previous_value_whose_grace_had_already_ended_is_dated_by_its_end_when_a_rotation_replaces_it() {
        ApiToken token = issued();
        SecretHash first = token.secretHash();
        token.rotate(newHash(), Duration.ofMinutes(5), by(EDITOR, T0));
        SecretHash second = token.secretHash();
        Instant later = T0.plus(Duration.ofHours(2));

        ApiToken.Rotation rotation = token.rotate(newHash(), Duration.ZERO, by(EDITOR, later));

        assertEquals(List.of(new ApiToken.RetiredValue(first, T0.plus(Duration.ofMinutes(5))),
                new ApiToken.RetiredValue(second, later)), rotation.retired());
    }

    @Test
    void a_deleted_token_accepts_neither_value() {
        ApiToken token = issued();
        SecretHash old = token.secretHash();
        token.rotate(newHash(), Duration.ofHours(1), by(EDITOR, T0));

        token.delete(by(EDITOR, T0.plusSeconds(1)));

        assertFalse(token.acceptsCredential(old, T0.plusSeconds(2)));
        assertFalse(token.acceptsCredential(token.secretHash(), T0.plusSeconds(2)));
    }
}
