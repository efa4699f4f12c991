package dev.keyward.domain.lifecycle;

import dev.keyward.domain.lifecycle.LifecycleSchedule.Occasion.Kind;
import dev.keyward.domain.lifecycle.LifecycleSchedule.Occasion;
import dev.keyward.domain.network.IpAllowlist;
import dev.keyward.domain.permission.PermissionSet;
import dev.keyward.domain.token.Actor;
import dev.keyward.domain.token.TokenId;
import dev.keyward.domain.token.TokenMeta;
import dev.keyward.domain.token.TokenName;
import dev.keyward.domain.token.TokenView;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;

class LifecycleScheduleTest {

    private static final Instant CREATED = Instant.parse("2026-01-01T00:00:00Z");
    private static final Duration DAY = Duration.ofDays(1);
    private final LifecycleSchedule schedule = new LifecycleSchedule(new RotationPolicy(Duration.ofDays(90)),
            List.of(DAY, Duration.ofDays(7)));

    private static TokenView token(Instant expiresAt, Instant rotatedAt) {
        return new TokenView(TokenId.parse("0192f0c4-6b1e-7a3c-8d2e-5f6a7b8c9d0e"), new TokenName("t"), PermissionSet.of(),
                IpAllowlist.anyAddress(), CREATED, Actor.BOOTSTRAP, null, null, expiresAt, null, null, rotatedAt, null, true, TokenMeta.EMPTY, null);
    }

    private List<Instant> occasionsUntil(TokenView token, Instant end) {
        List<Instant> all = new ArrayList<>();
        Optional<Instant> next = schedule.nextAfter(token, token.createdAt());
        while (next.isPresent() && !next.get().isAfter(end)) {
            all.add(next.get());
            next = schedule.nextAfter(token, next.get());
        }
        return all;
    }

    @Test
    void the_rotation_due_shown_is_never_after_the_token_expires() {
        RotationPolicy rotation = new RotationPolicy(Duration.ofDays(90));
        Instant expiresAt = CREATED.plus(Duration.ofDays(30));

        assertEquals(expiresAt, rotation.dueAt(token(expiresAt, null)), "due at the end of its life, not 60 days after it");
        assertEquals(CREATED.plus(Duration.ofDays(90)), rotation.dueAt(token(null, null)));
        assertEquals(CREATED.plus(Duration.ofDays(90)), rotation.dueAt(token(CREATED.plus(Duration.ofDays(365)), null)));
    }

    @Test
    void a_token_expiring_in_thirty_days_is_warned_seven_days_and_one_day_before_then_expires() {
        Instant expiresAt = CREATED.plus(Duration.ofDays(30));
        assertEquals(List.of(expiresAt.minus(Duration.ofDays(7)), expiresAt.minus(DAY), expiresAt),
                occasionsUntil(token(expiresAt, null), expiresAt.plus(Duration.ofDays(1000))));
    }

    @Test
    void a_token_that_never_expires_is_due_for_rotation_every_period() {
        assertEquals(List.of(CREATED.plus(Duration.ofDays(90)), CREATED.plus(Duration.ofDays(180))),
                occasionsUntil(token(null, null), CREATED.plus(Duration.ofDays(200))));
    }

    @Test
    void the_rotation_period_counts_from_the_last_rotation() {
        Instant rotated = CREATED.plus(Duration.ofDays(50));
        assertEquals(Optional.of(rotated.plus(Duration.ofDays(90))), schedule.nextAfter(token(null, rotated), rotated));
    }

    @Test
    void no_rotation_is_due_after_the_token_expired() {
        Instant expiresAt = CREATED.plus(Duration.ofDays(100));
        assertEquals(List.of(CREATED.plus(Duration.ofDays(90)), expiresAt.minus(Duration.ofDays(7)), expiresAt.minus(DAY), expiresAt),
                occasionsUntil(token(expiresAt, null), expiresAt.plus(Duration.ofDays(1000))));
    }

    @Test
    void the_warning_that_is_due_is_announced_with_its_lead_time() {
        Instant expiresAt = CREATED.plus(Duration.ofDays(30));
        Instant warnedAt = expiresAt.minus(Duration.ofDays(7));
        assertEquals(List.of(new Occasion(Kind.EXPIRING, warnedAt, Duration.ofDays(7))),
                schedule.dueBetween(token(expiresAt, null), warnedAt, warnedAt.plusSeconds(30)));
    }

    @Test
    void a_late_scan_after_the_expiry_announces_only_the_expiry() {
        Instant expiresAt = CREATED.plus(Duration.ofDays(30));
        assertEquals(List.of(new Occasion(Kind.EXPIRED, expiresAt, null)),
                schedule.dueBetween(token(expiresAt, null), expiresAt.minus(Duration.ofDays(7)), expiresAt.plus(DAY)));
    }

    @Test
    void a_late_scan_before_the_expiry_announces_only_the_nearest_warning() {
        Instant expiresAt = CREATED.plus(Duration.ofDays(30));
        assertEquals(List.of(new Occasion(Kind.EXPIRING, expiresAt.minus(DAY), DAY)),
                schedule.dueBetween(token(expiresAt, null), expiresAt.minus(Duration.ofDays(7)), expiresAt.minusSeconds(60)));
    }

    @Test
    void several_missed_rotation_periods_are_announced_once_with_the_latest_due_time() {
        Instant lastDue = CREATED.plus(Duration.ofDays(270));
        assertEquals(List.of(new Occasion(Kind.ROTATION_DUE, lastDue, null)),
                schedule.dueBetween(token(null, null), CREATED.plus(Duration.ofDays(90)), lastDue.plus(DAY)));
    }

    @Test
    void an_expiry_announced_earlier_is_not_announced_again() {
        Instant expiresAt = CREATED.plus(Duration.ofDays(30));
        assertEquals(List.of(), schedule.dueBetween(token(expiresAt, null), expiresAt.plusSeconds(1), expiresAt.plus(DAY)));
    }
}
