package dev.keyward.domain.manage;

import dev.keyward.domain.check.Caller;
import dev.keyward.domain.error.ForbiddenException;
import dev.keyward.domain.error.UnauthenticatedException;
import dev.keyward.domain.fake.ServiceFixture;
import dev.keyward.domain.permission.Permission;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;

import static dev.keyward.domain.fake.ServiceFixture.ADMIN_ADDRESS;
import static dev.keyward.domain.fake.ServiceFixture.T0;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A token fenced to some networks or ending at some time cannot turn itself, or a token it makes or
 * rotates, into something usable from elsewhere or for longer; and a token that lost its rights after
 * authenticating cannot act on them.
 */
class ReachGuardTest {

    private static final List<String> MANAGE = ServiceFixture.names(
            Permission.OrganizationAPITokenModify, Permission.OrganizationAPITokenRead);
    private static final String TOMORROW = T0.plusSeconds(86_400).toString();

    private final ServiceFixture f = new ServiceFixture();

    private Caller fenced(List<String> blocks, String expiresAt) {
        return f.authenticate(f.create(new CreateTokenCommand("fenced", MANAGE, blocks, expiresAt)).value());
    }

    @Test
    void a_fenced_token_cannot_lift_its_own_allowlist() {
        Caller caller = fenced(List.of("192.0.2.0/24"), null);
        int events = f.outbox.events().size();

        ForbiddenException refused = assertThrows(ForbiddenException.class,
                () -> f.commands.update(caller, "self", new UpdateTokenCommand("fenced", MANAGE, List.of())));

        assertTrue(refused.getMessage().contains("192.0.2.0/24"), refused.getMessage());
        assertTrue(refused.getMessage().contains("allowedCIDRBlocks"), refused.getMessage());
        assertNull(refused.permission());
        assertEquals(List.of("192.0.2.0/24"), f.queries.get(caller, "self").allowlist().texts());
        assertEquals(events, f.outbox.events().size(), "a refused change records no event");
    }

    @Test
    void a_fenced_token_may_narrow_its_allowlist_and_create_tokens_inside_it() {
        Caller caller = fenced(List.of("192.0.2.0/24", "2001:db8::/32"), null);

        f.commands.update(caller, "self", new UpdateTokenCommand("fenced", MANAGE, List.of("192.0.2.0/25", "2001:db8::/32")));
        TokenWithValue child = f.commands.create(caller, new CreateTokenCommand("child", List.of(), List.of("192.0.2.1/32", "2001:db8:1::/48"), null));

        assertEquals(List.of("192.0.2.1/32", "2001:db8:1::/48"), child.token().allowlist().texts());
    }

    @Test
    void a_fenced_token_cannot_create_a_token_usable_from_anywhere_or_from_outside_its_networks() {
        Caller caller = fenced(List.of("192.0.2.0/24"), null);

        assertThrows(ForbiddenException.class, () -> f.commands.create(caller, new CreateTokenCommand("child", List.of(), null, null)));
        assertThrows(ForbiddenException.class, () -> f.commands.create(caller, new CreateTokenCommand("child", List.of(), List.of("192.0.0.0/16"), null)));
        assertThrows(ForbiddenException.class, () -> f.commands.create(caller, new CreateTokenCommand("child", List.of(), List.of("192.0.2.0/24", "198.51.100.0/24"), null)));
        assertThrows(ForbiddenException.class, () -> f.commands.create(caller, new CreateTokenCommand("child", List.of(), List.of("2001:db8::/32"), null)));
    }

    @Test
    void an_expiring_token_cannot_create_a_token_that_outlives_it() {
        Caller caller = fenced(List.of(), TOMORROW);

        ForbiddenException never = assertThrows(ForbiddenException.class,
                () -> f.commands.create(caller, new CreateTokenCommand("child", List.of(), null, null)));
        assertTrue(never.getMessage().contains("expires at"), never.getMessage());
        assertThrows(ForbiddenException.class, () -> f.commands.create(caller,
                new CreateTokenCommand("child", List.of(), null, T0.plusSeconds(86_401).toString())));

        TokenWithValue child = f.commands.create(caller, new CreateTokenCommand("child", List.of(), null, TOMORROW));
        assertEquals(Instant.parse(TOMORROW), child.token().expiresAt());
    }

    @Test
    void a_fenced_or_expiring_token_cannot_take_over_a_wider_token_by_rotating_it() {
        TokenWithValue wide = f.create("wide");
        Caller fencedCaller = fenced(List.of("192.0.2.0/24"), null);
        Caller expiringCaller = fenced(List.of(), TOMORROW);

        assertThrows(ForbiddenException.class, () -> f.commands.rotate(fencedCaller, wide.token().id().toString()));
        assertThrows(ForbiddenException.class, () -> f.commands.rotate(expiringCaller, wide.token().id().toString()));
        f.authenticate(wide.value());
    }

    @Test
    void a_token_deleted_after_it_authenticated_cannot_act_on_that_authentication() {
        Caller caller = f.callerWith(Permission.OrganizationAPITokenModify, Permission.OrganizationAPITokenRead);
        f.commands.delete(caller, "self");
        int events = f.outbox.events().size();

        assertThrows(UnauthenticatedException.class,
                () -> f.commands.create(caller, new CreateTokenCommand("orphan", List.of(), null, null)));
        assertEquals(events, f.outbox.events().size());
    }

    @Test
    void a_token_disabled_after_it_authenticated_cannot_act_on_that_authentication_nor_read() {
        TokenWithValue token = f.create("switched-off", Permission.OrganizationAPITokenModify, Permission.OrganizationAPITokenRead);
        Caller stale = f.authenticate(token.value());
        f.commands.update(f.admin, token.token().id().toString(),
                new UpdateTokenCommand("switched-off", List.of("OrganizationAPITokenModify", "OrganizationAPITokenRead"), null, false, null));
        int events = f.outbox.events().size();

        UnauthenticatedException e = assertThrows(UnauthenticatedException.class,
                () -> f.commands.create(stale, new CreateTokenCommand("orphan", List.of(), null, null)));
        assertThrows(UnauthenticatedException.class, () -> f.commands.rotate(stale, "self"));
        assertThrows(UnauthenticatedException.class, () -> f.authenticate(token.value()));

        assertTrue(e.reason().contains("disabled"), e.reason());
        assertEquals(events, f.outbox.events().size());
    }

    @Test
    void a_token_rotated_away_after_it_authenticated_cannot_act_with_the_old_key() {
        TokenWithValue token = f.create("rotating", Permission.OrganizationAPITokenModify);
        Caller stale = f.authenticate(token.value());
        f.rotate(f.admin, token.token().id().toString());

        assertThrows(UnauthenticatedException.class, () -> f.commands.rotate(stale, "self"));
        assertThrows(UnauthenticatedException.class, () -> f.commands.delete(stale, "self"));
    }

    @Test
    void a_token_downgraded_after_it_authenticated_acts_with_its_current_permissions() {
        TokenWithValue token = f.create("downgraded", Permission.OrganizationAPITokenModify, Permission.AlertRead);
        Caller stale = f.authenticate(token.value());
        f.commands.update(f.admin, token.token().id().toString(),
                new UpdateTokenCommand("downgraded", ServiceFixture.names(Permission.OrganizationAPITokenModify), null));

        ForbiddenException refused = assertThrows(ForbiddenException.class, () -> f.commands.create(stale,
                new CreateTokenCommand("child", ServiceFixture.names(Permission.AlertRead), null, null)));
        assertEquals(Permission.AlertRead.name(), refused.permission());
        assertEquals(ADMIN_ADDRESS, stale.address());
    }
}
