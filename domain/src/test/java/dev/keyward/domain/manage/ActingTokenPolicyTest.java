package dev.keyward.domain.manage;

import dev.keyward.domain.error.ForbiddenException;
import dev.keyward.domain.network.IpAllowlist;
import dev.keyward.domain.permission.Permission;
import dev.keyward.domain.permission.PermissionSet;
import dev.keyward.domain.token.Actor;
import dev.keyward.domain.token.ApiToken;
import dev.keyward.domain.token.Origin;
import dev.keyward.domain.token.SecretHash;
import dev.keyward.domain.token.TokenId;
import dev.keyward.domain.token.TokenName;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The rules between a calling token and the token it creates, updates or rotates, without any service around them. */
class ActingTokenPolicyTest {

    private static final Instant T0 = Instant.parse("2026-11-02T10:00:00Z");
    private static final Instant TOMORROW = T0.plusSeconds(86_400);
    private static final PermissionSet MANAGE = PermissionSet.of(Permission.OrganizationAPITokenModify, Permission.OrganizationAPITokenRead);
    private static final IpAllowlist OFFICE = IpAllowlist.parse("allowedCIDRBlocks", List.of("192.0.2.0/24"));

    private final SplittableRandom random = new SplittableRandom(7);

    private ApiToken token(PermissionSet permissions, IpAllowlist allowlist, Instant expiresAt) {
        byte[] hash = new byte[SecretHash.LENGTH];
        random.nextBytes(hash);
        return ApiToken.create(TokenId.newId(T0, random), new TokenName("t"), permissions, allowlist, expiresAt,
                new SecretHash(hash), new Origin(Actor.BOOTSTRAP, null, T0)).token();
    }

    private static IpAllowlist blocks(String... cidrs) {
        return IpAllowlist.parse("allowedCIDRBlocks", List.of(cidrs));
    }

    @Test
    void an_unfenced_admin_may_create_update_and_rotate_anything() {
        ActingTokenPolicy admin = new ActingTokenPolicy(token(PermissionSet.all(), IpAllowlist.anyAddress(), null));
        ApiToken target = token(PermissionSet.all(), IpAllowlist.anyAddress(), null);

        assertDoesNotThrow(() -> admin.checkCreate(PermissionSet.all(), IpAllowlist.anyAddress(), null));
        assertDoesNotThrow(() -> admin.checkUpdate(target, PermissionSet.all(), IpAllowlist.anyAddress()));
        assertDoesNotThrow(() -> admin.checkRotate(target));
    }

    @Test
    void a_token_cannot_grant_a_permission_it_does_not_hold() {
        ActingTokenPolicy manager = new ActingTokenPolicy(token(MANAGE, IpAllowlist.anyAddress(), null));

        ForbiddenException refused = assertThrows(ForbiddenException.class,
                () -> manager.checkCreate(PermissionSet.of(Permission.AlertRead), IpAllowlist.anyAddress(), null));

        assertEquals(Permission.AlertRead.name(), refused.permission());
        assertEquals("this token cannot grant the AlertRead permission because it does not hold it itself", refused.getMessage());
    }

    @Test
    void a_token_cannot_update_or_rotate_a_token_holding_more_than_it_does() {
        ActingTokenPolicy manager = new ActingTokenPolicy(token(MANAGE, IpAllowlist.anyAddress(), null));
        ApiToken stronger = token(PermissionSet.of(Permission.AlertRead), IpAllowlist.anyAddress(), null);

        ForbiddenException update = assertThrows(ForbiddenException.class,
                () -> manager.checkUpdate(stronger, PermissionSet.of(), IpAllowlist.anyAddress()));
        ForbiddenException rotate = assertThrows(ForbiddenException.class, () -> manager.checkRotate(stronger));

        assertEquals("this token cannot update a token holding the AlertRead permission because it does not hold it itself", update.getMessage());
        assertEquals("this token cannot rotate a token holding the AlertRead permission because it does not hold it itself", rotate.getMessage());
    }

    @Test
    void a_fenced_token_cannot_reach_beyond_its_networks_and_says_an_empty_list_means_anywhere() {
        ActingTokenPolicy fenced = new ActingTokenPolicy(token(MANAGE, OFFICE, null));

        ForbiddenException anywhere = assertThrows(ForbiddenException.class,
                () -> fenced.checkCreate(PermissionSet.of(), IpAllowlist.anyAddress(), null));
        ForbiddenException wider = assertThrows(ForbiddenException.class,
                () -> fenced.checkUpdate(token(PermissionSet.of(), OFFICE, null), PermissionSet.of(), blocks("192.0.0.0/16")));

        assertNull(anywhere.permission());
        assertEquals("this token may only be used from 192.0.2.0/24, so it cannot create a token whose allowedCIDRBlocks"
                + " reach beyond that (an empty list means any address)", anywhere.getMessage());
        assertEquals("this token may only be used from 192.0.2.0/24, so it cannot update a token whose allowedCIDRBlocks"
                + " reach beyond that", wider.getMessage());
        assertDoesNotThrow(() -> fenced.checkCreate(PermissionSet.of(), blocks("192.0.2.1/32"), null));
    }

    @Test
    void an_expiring_token_cannot_create_or_rotate_a_token_that_outlives_it() {
        ActingTokenPolicy expiring = new ActingTokenPolicy(token(MANAGE, IpAllowlist.anyAddress(), TOMORROW));

        ForbiddenException never = assertThrows(ForbiddenException.class,
                () -> expiring.checkCreate(PermissionSet.of(), IpAllowlist.anyAddress(), null));
        assertThrows(ForbiddenException.class,
                () -> expiring.checkCreate(PermissionSet.of(), IpAllowlist.anyAddress(), TOMORROW.plusNanos(1_000)));
        assertThrows(ForbiddenException.class,
                () -> expiring.checkRotate(token(PermissionSet.of(), IpAllowlist.anyAddress(), null)));

        assertTrue(never.getMessage().startsWith("this token expires at " + TOMORROW + ", so it cannot create"), never.getMessage());
        assertDoesNotThrow(() -> expiring.checkCreate(PermissionSet.of(), IpAllowlist.anyAddress(), TOMORROW));
    }

    @Test
    void a_token_may_always_rotate_itself_however_fenced() {
        ApiToken fenced = token(PermissionSet.of(), OFFICE, TOMORROW);

        assertDoesNotThrow(() -> new ActingTokenPolicy(fenced).checkRotate(fenced));
    }

    @Test
    void an_update_is_not_fenced_by_lifetime_because_it_never_changes_expiry() {
        ActingTokenPolicy expiring = new ActingTokenPolicy(token(MANAGE, IpAllowlist.anyAddress(), TOMORROW));

        assertDoesNotThrow(() -> expiring.checkUpdate(token(PermissionSet.of(), IpAllowlist.anyAddress(), null),
                PermissionSet.of(), IpAllowlist.anyAddress()));
    }
}
