package dev.keyward.domain.manage;

import dev.keyward.domain.check.Caller;
import dev.keyward.domain.check.CheckCode;
import dev.keyward.domain.check.CheckRequest;
import dev.keyward.domain.check.CheckResult;
import dev.keyward.domain.check.Door;
import dev.keyward.domain.error.ForbiddenException;
import dev.keyward.domain.error.InvalidInputException;
import dev.keyward.domain.error.UnauthenticatedException;
import dev.keyward.domain.fake.LifecycleFixture;
import dev.keyward.domain.leak.LeakReports.LeakReport;
import dev.keyward.domain.leak.LeakReports.Outcome;
import dev.keyward.domain.permission.Permission;
import dev.keyward.domain.permission.PermissionSet;
import dev.keyward.domain.token.TokenEvent;
import dev.keyward.domain.token.TokenRotated;
import dev.keyward.domain.token.TokenValue;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import static dev.keyward.domain.fake.LifecycleFixture.ADDRESS;
import static dev.keyward.domain.fake.LifecycleFixture.T0;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Rotation with a grace period: the previous value works as the token for a while, but never changes it. */
class RotationGraceTest {

    private static final long HOUR = 3_600;

    private final LifecycleFixture f = new LifecycleFixture();

    private CheckResult check(TokenValue value, Permission... required) {
        return f.check.check(new CheckRequest(value.reveal(), ADDRESS, PermissionSet.of(required), Door.REST));
    }

    /** A token that may manage tokens, and the caller it authenticates as. */
    private TokenWithValue manager() {
        return f.create("manager", null, Permission.OrganizationAPITokenModify, Permission.OrganizationAPITokenRead);
    }

    @Test
    void during_the_grace_period_the_previous_value_authenticates_as_the_token_with_its_permissions() {
        TokenWithValue token = f.create("ci", null, Permission.AlertRead);
        TokenWithValue rotated = f.commands.rotate(f.admin, token.token().id().toString(), HOUR);

        CheckResult previous = check(token.value(), Permission.AlertRead);
        assertEquals(CheckCode.VALID, previous.code());
        assertEquals(token.token().id(), previous.token().orElseThrow().id());
        assertEquals(CheckCode.INSUFFICIENT_PERMISSIONS, check(token.value(), Permission.RuleRead).code());
        assertEquals(CheckCode.VALID, check(rotated.value(), Permission.AlertRead).code());
        assertEquals(T0.plusSeconds(HOUR), rotated.token().previousValueExpiresAt());
        assertEquals(T0.plusSeconds(HOUR), previous.valueExpiresAt(), "a gateway may cache the previous value's answer until then");
        assertNull(check(rotated.value()).valueExpiresAt(), "the token itself never expires");
    }

    @Test
    void the_previous_value_stops_working_when_the_grace_period_ends() {
        TokenWithValue token = f.create("ci", null);
        TokenWithValue rotated = f.commands.rotate(f.admin, token.token().id().toString(), HOUR);

        f.clock.set(T0.plusSeconds(HOUR - 1));
        assertEquals(CheckCode.VALID, check(token.value()).code());
        f.clock.set(T0.plusSeconds(HOUR));
        assertEquals(CheckCode.NOT_FOUND, check(token.value()).code());
        assertEquals(CheckCode.VALID, check(rotated.value()).code());
    }

    @Test
    void no_grace_keeps_pantherlike_rotation_the_old_value_dies_at_once() {
        TokenWithValue token = f.create("ci", null);
        TokenWithValue rotated = f.commands.rotate(f.admin, token.token().id().toString(), 0L);

        assertEquals(CheckCode.NOT_FOUND, check(token.value()).code());
        assertNull(rotated.token().previousValueExpiresAt());
        assertNull(f.commands.rotate(f.admin, token.token().id().toString()).token().previousValueExpiresAt());
    }

    @Test
    void the_previous_value_cannot_update_rotate_or_delete_its_own_token() {
        TokenWithValue token = manager();
        String id = token.token().id().toString();
        f.commands.rotate(f.admin, id, HOUR);
        Caller previous = f.authenticate(token.value());
        UpdateTokenCommand rename = new UpdateTokenCommand("renamed", List.of(Permission.OrganizationAPITokenModify.name()), null);
        int events = f.outbox.events().size();

        for (String ref : List.of(id, "self")) {
            ForbiddenException update = assertThrows(ForbiddenException.class, () -> f.commands.update(previous, ref, rename));
            assertTrue(update.getMessage().contains("previous value") && update.getMessage().contains("current value"),
                    update.getMessage());
            assertThrows(ForbiddenException.class, () -> f.commands.rotate(previous, ref, null));
            assertThrows(ForbiddenException.class, () -> f.commands.delete(previous, ref));
        }
        assertEquals(events, f.outbox.events().size(), "nothing was changed");
        assertEquals("manager", f.tokens.findById(token.token().id()).orElseThrow().name().value());
    }

    @Test
    void the_previous_value_may_check_and_read_but_not_administer_other_tokens_or_report_leaks() {
        TokenWithValue token = manager();
        TokenWithValue weaker = f.create("weaker", null);
        String weakerId = weaker.token().id().toString();
        TokenWithValue rotated = f.commands.rotate(f.admin, token.token().id().toString(), HOUR);
        Caller previous = f.authenticate(token.value());
        int events = f.outbox.events().size();

        assertEquals(token.token().id(), f.fakes.domain.queries().get(previous, "self").id(), "it reads as the token");
        assertEquals(weaker.token().id(), f.fakes.domain.queries().get(previous, weakerId).id());
        assertThrows(ForbiddenException.class,
                () -> f.commands.create(previous, new CreateTokenCommand("made-by-previous", List.of(), null, null)));
        assertThrows(ForbiddenException.class, () -> f.commands.rotate(previous, weakerId, null), "no take-over of weaker tokens");
        assertThrows(ForbiddenException.class, () -> f.commands.update(previous, weakerId,
                new UpdateTokenCommand("renamed", List.of(), null)));
        assertThrows(ForbiddenException.class, () -> f.commands.delete(previous, weakerId));
        assertThrows(ForbiddenException.class, () -> f.leaks.report(previous,
                List.of(new LeakReport(rotated.value().reveal(), null, null))), "no revoking the new value");

        assertEquals(events, f.outbox.events().size(), "nothing was changed");
        assertEquals(CheckCode.VALID, check(rotated.value()).code());
        assertEquals(CheckCode.VALID, check(weaker.value()).code());
        TokenWithValue byCurrent = f.commands.rotate(f.authenticate(rotated.value()), weakerId, null);
        assertEquals(weaker.token().id(), byCurrent.token().id(), "the current value still administers");
    }

    @Test
    void rotating_again_ends_the_previous_overlap_at_once() {
        TokenWithValue token = f.create("ci", null);
        String id = token.token().id().toString();
        TokenWithValue second = f.commands.rotate(f.admin, id, HOUR);

        TokenWithValue third = f.commands.rotate(f.admin, id, HOUR);

        assertEquals(CheckCode.NOT_FOUND, check(token.value()).code(), "the first value died with the second rotation");
        assertEquals(CheckCode.VALID, check(second.value()).code());
        assertEquals(CheckCode.VALID, check(third.value()).code());
    }

    @Test
    void deleting_the_token_kills_both_values() {
        TokenWithValue token = f.create("ci", null);
        String id = token.token().id().toString();
        TokenWithValue rotated = f.commands.rotate(f.admin, id, HOUR);

        f.commands.delete(f.admin, id);

        assertEquals(CheckCode.NOT_FOUND, check(token.value()).code());
        assertEquals(CheckCode.NOT_FOUND, check(rotated.value()).code());
    }

    @Test
    void a_grace_beyond_the_cap_is_a_400_naming_the_field_and_changes_nothing() {
        TokenWithValue token = f.create("ci", null);
        int events = f.outbox.events().size();

        InvalidInputException e = assertThrows(InvalidInputException.class,
                () -> f.commands.rotate(f.admin, token.token().id().toString(), 24 * HOUR + 1));

        assertEquals("gracePeriodSeconds", e.field());
        assertEquals(events, f.outbox.events().size());
        assertEquals(CheckCode.VALID, check(token.value()).code());
    }

    @Test
    void the_grace_period_never_outlives_the_tokens_expiry() {
        Instant expiresAt = T0.plus(Duration.ofMinutes(30));
        TokenWithValue token = f.create("short", expiresAt.toString());

        TokenWithValue rotated = f.commands.rotate(f.admin, token.token().id().toString(), 24 * HOUR);

        assertEquals(expiresAt, rotated.token().previousValueExpiresAt());
    }

    @Test
    void the_rotated_event_carries_when_the_previous_value_stops_working() {
        TokenWithValue token = f.create("ci", null);

        f.commands.rotate(f.admin, token.token().id().toString(), HOUR);

        TokenEvent last = f.outbox.events().get(f.outbox.events().size() - 1);
        assertEquals(T0.plusSeconds(HOUR), ((TokenRotated) last).token().previousValueExpiresAt());
    }

    @Test
    void a_caller_authenticated_with_the_previous_value_may_not_write_after_the_grace_period_ends() {
        TokenWithValue token = manager();
        f.commands.rotate(f.admin, token.token().id().toString(), HOUR);
        Caller previous = f.authenticate(token.value());
        f.clock.set(T0.plusSeconds(HOUR));

        assertThrows(UnauthenticatedException.class,
                () -> f.commands.create(previous, new CreateTokenCommand("late", List.of(), null, null)));
    }

    @Test
    void a_leaked_previous_value_revokes_its_token_and_a_retired_one_is_already_dead() {
        TokenWithValue overlapping = f.create("overlapping", null);
        f.commands.rotate(f.admin, overlapping.token().id().toString(), HOUR);
        TokenWithValue retired = f.create("retired", null);
        f.commands.rotate(f.admin, retired.token().id().toString(), null);

        List<Outcome> outcomes = f.leaks.report(f.admin, List.of(new LeakReport(overlapping.value().reveal(), null, null),
                new LeakReport(retired.value().reveal(), null, null))).stream().map(result -> result.outcome()).toList();

        assertEquals(List.of(Outcome.REVOKED, Outcome.ALREADY_DEAD), outcomes);
        assertEquals(Optional.empty(), f.tokens.findById(overlapping.token().id()));
        assertTrue(f.tokens.findById(retired.token().id()).isPresent());
    }
}
