package dev.keyward.domain.lifecycle;

import dev.keyward.domain.error.InvalidInputException;
import dev.keyward.domain.fake.LifecycleFixture;
import dev.keyward.domain.manage.LifetimePolicy;
import dev.keyward.domain.permission.Permission;
import dev.keyward.domain.token.AuditEventType;
import dev.keyward.domain.token.TokenEvent;
import dev.keyward.domain.token.TokenExpiring;
import dev.keyward.domain.token.TokenId;
import dev.keyward.domain.token.TokenRotationDue;
import dev.keyward.domain.token.TokenView;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import static dev.keyward.domain.fake.LifecycleFixture.PERIOD;
import static dev.keyward.domain.fake.LifecycleFixture.T0;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

class LifecycleScanTest {

    private final LifecycleFixture f = new LifecycleFixture();

    private List<TokenEvent> eventsOf(TokenId id, AuditEventType... types) {
        List<AuditEventType> wanted = List.of(types);
        return f.outbox.events().stream().filter(e -> e.token().id().equals(id) && wanted.contains(e.type())).toList();
    }

    private List<AuditEventType> lifecycleEventsOf(TokenId id) {
        return eventsOf(id, AuditEventType.EXPIRING, AuditEventType.EXPIRED, AuditEventType.ROTATION_DUE).stream()
                .map(TokenEvent::type).toList();
    }

    private void scanAt(Instant at) {
        f.clock.set(at);
        f.scan.scanOnce();
    }

    @Test
    void a_token_expiring_in_ten_days_is_warned_at_seven_days_and_one_day_and_expires_each_once() {
        Instant expiresAt = T0.plus(Duration.ofDays(10));
        TokenId id = f.create("ci", expiresAt.toString()).token().id();
        scanAt(T0.plus(Duration.ofDays(1)));
        assertEquals(List.of(), lifecycleEventsOf(id));
        for (Instant at : List.of(expiresAt.minus(Duration.ofDays(7)), expiresAt.minus(Duration.ofDays(7)).plusSeconds(60),
                expiresAt.minus(Duration.ofDays(1)), expiresAt.minus(Duration.ofHours(1)), expiresAt, expiresAt.plusSeconds(60),
                expiresAt.plus(Duration.ofDays(400)))) {
            scanAt(at);
        }
        assertEquals(List.of(AuditEventType.EXPIRING, AuditEventType.EXPIRING, AuditEventType.EXPIRED), lifecycleEventsOf(id));
        List<TokenEvent> warnings = eventsOf(id, AuditEventType.EXPIRING);
        assertEquals(List.of(Duration.ofDays(7), Duration.ofDays(1)),
                warnings.stream().map(e -> ((TokenExpiring) e).warning()).toList());
        assertEquals(Optional.empty(), f.calendar.nextOf(id), "an expired token has no occasion left");
    }

    @Test
    void a_token_whose_warning_time_had_passed_at_creation_gets_only_the_later_warning() {
        Instant expiresAt = T0.plus(Duration.ofDays(3));
        TokenId id = f.create("short", expiresAt.toString()).token().id();
        scanAt(expiresAt.minus(Duration.ofDays(1)));
        scanAt(expiresAt);
        assertEquals(List.of(AuditEventType.EXPIRING, AuditEventType.EXPIRED), lifecycleEventsOf(id));
    }

    @Test
    void an_unrotated_token_is_due_for_rotation_once_per_period() {
        TokenId id = f.create("forever", null).token().id();
        scanAt(T0.plus(PERIOD).minusSeconds(1));
        assertEquals(List.of(), lifecycleEventsOf(id));
        scanAt(T0.plus(PERIOD));
        scanAt(T0.plus(PERIOD).plus(Duration.ofDays(1)));
        assertEquals(List.of(AuditEventType.ROTATION_DUE), lifecycleEventsOf(id));
        scanAt(T0.plus(PERIOD.multipliedBy(2)).plusSeconds(5));
        List<TokenEvent> due = eventsOf(id, AuditEventType.ROTATION_DUE);
        assertEquals(List.of(T0.plus(PERIOD), T0.plus(PERIOD.multipliedBy(2))),
                due.stream().map(e -> ((TokenRotationDue) e).rotationDueAt()).toList());
    }

    @Test
    void a_rotation_moves_the_reminder_a_period_past_the_rotation() {
        var created = f.create("rotated", null, Permission.RuleRead);
        TokenId id = created.token().id();
        f.clock.set(T0.plus(Duration.ofDays(80)));
        TokenView rotated = f.commands.rotate(f.admin, id.toString()).token();
        scanAt(T0.plus(PERIOD).plusSeconds(1));
        assertEquals(List.of(), lifecycleEventsOf(id));
        scanAt(rotated.rotatedAt().plus(PERIOD));
        assertEquals(List.of(AuditEventType.ROTATION_DUE), lifecycleEventsOf(id));
    }

    @Test
    void a_deleted_token_leaves_the_calendar_and_is_never_announced() {
        TokenId id = f.create("gone", T0.plus(Duration.ofDays(2)).toString()).token().id();
        f.commands.delete(f.admin, id.toString());
        assertEquals(Optional.empty(), f.calendar.nextOf(id));
        scanAt(T0.plus(Duration.ofDays(5)));
        assertEquals(List.of(), lifecycleEventsOf(id));
    }

    @Test
    void scanning_again_at_the_same_instant_announces_nothing_more() {
        Instant expiresAt = T0.plus(Duration.ofDays(1));
        f.create("a", expiresAt.toString());
        f.create("b", expiresAt.toString());
        f.clock.set(expiresAt);
        assertEquals(2, f.scan.scanOnce());
        assertEquals(0, f.scan.scanOnce());
    }

    @Test
    void more_due_tokens_than_one_batch_are_all_announced_in_one_scan() {
        Instant expiresAt = T0.plus(Duration.ofHours(1));
        for (int i = 0; i < LifecycleScanService.BATCH + 5; i++) {
            f.create("t" + i, expiresAt.toString());
        }
        f.clock.set(expiresAt);
        assertEquals(LifecycleScanService.BATCH + 5, f.scan.scanOnce());
    }

    @Test
    void lifecycle_events_are_made_by_keyward_itself_at_the_scan_time() {
        Instant expiresAt = T0.plus(Duration.ofDays(1));
        TokenId id = f.create("x", expiresAt.toString()).token().id();
        scanAt(expiresAt.plusSeconds(3));
        TokenEvent expired = eventsOf(id, AuditEventType.EXPIRED).get(0);
        assertEquals(LifecycleScanService.LIFECYCLE, expired.origin().actor());
        assertEquals(expiresAt.plusSeconds(3), expired.origin().at());
    }

    @Test
    void with_a_lifetime_cap_a_token_without_expiry_expires_at_the_cap_and_a_later_one_is_refused() {
        LifecycleFixture capped = new LifecycleFixture(new LifetimePolicy(Duration.ofDays(30)));
        assertEquals(T0.plus(Duration.ofDays(30)), capped.create("capped", null).token().expiresAt());
        InvalidInputException refused = assertThrows(InvalidInputException.class,
                () -> capped.create("too-long", T0.plus(Duration.ofDays(31)).toString()));
        assertEquals("expiresAt", refused.field());
    }

    @Test
    void the_bootstrap_token_is_reminded_to_rotate_too() {
        TokenId bootstrap = f.admin.tokenId();
        scanAt(T0.plus(PERIOD));
        assertInstanceOf(TokenRotationDue.class, eventsOf(bootstrap, AuditEventType.ROTATION_DUE).get(0));
    }
}
