package dev.keyward.domain.reuse;

import dev.keyward.domain.check.CheckCode;
import dev.keyward.domain.check.CheckRequest;
import dev.keyward.domain.check.Door;
import dev.keyward.domain.fake.LifecycleFixture;
import dev.keyward.domain.manage.LifetimePolicy;
import dev.keyward.domain.manage.TokenWithValue;
import dev.keyward.domain.network.IpAddress;
import dev.keyward.domain.permission.PermissionSet;
import dev.keyward.domain.token.TokenDeleted;
import dev.keyward.domain.token.TokenReused;
import dev.keyward.domain.token.TokenValue;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

import static dev.keyward.domain.fake.LifecycleFixture.RETIRED_VALUE_MEMORY;
import static dev.keyward.domain.fake.LifecycleFixture.T0;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Reuse detection: a value rotated away, presented again, is a plain refusal and one event per token per minute. */
class ReuseDetectionTest {

    private static final IpAddress REUSER = IpAddress.parse("203.0.113.66");

    private final LifecycleFixture f = new LifecycleFixture();

    private CheckCode present(LifecycleFixture fixture, TokenValue value) {
        return fixture.check.check(new CheckRequest(value.reveal(), REUSER, PermissionSet.of(), Door.VERIFY)).code();
    }

    private static List<TokenReused> reused(LifecycleFixture fixture) {
        return fixture.outbox.events().stream().filter(TokenReused.class::isInstance).map(TokenReused.class::cast).toList();
    }

    /** A token rotated at T0 without grace, and its value from before. */
    private static TokenWithValue rotatedAway(LifecycleFixture fixture) {
        TokenWithValue token = fixture.create("ci", null);
        fixture.commands.rotate(fixture.admin, token.token().id().toString(), null);
        return token;
    }

    @Test
    void a_rotated_away_value_is_refused_as_unknown_and_reported_with_token_address_and_retirement() {
        TokenWithValue old = rotatedAway(f);
        f.clock.advance(Duration.ofMinutes(5));

        assertEquals(CheckCode.NOT_FOUND, present(f, old.value()));

        TokenReused event = reused(f).get(0);
        assertEquals(1, reused(f).size());
        assertEquals(old.token().id(), event.token().id());
        assertEquals(REUSER, event.origin().clientAddress());
        assertEquals(T0, event.retiredAt());
        assertEquals(T0.plus(Duration.ofMinutes(5)), event.occurredAt());
        assertEquals(ReuseDetector.REUSE_DETECTION, event.origin().actor());
        assertFalse(event.revoked());
        assertTrue(f.tokens.findById(old.token().id()).isPresent(), "revoke-on-reuse is off by default");
    }

    @Test
    void reuse_is_reported_at_most_once_per_token_per_minute() {
        TokenWithValue old = rotatedAway(f);

        present(f, old.value());
        present(f, old.value());
        f.clock.advance(Duration.ofSeconds(59));
        present(f, old.value());
        assertEquals(1, reused(f).size());

        f.clock.advance(Duration.ofSeconds(1));
        present(f, old.value());
        assertEquals(2, reused(f).size());
    }

    @Test
    void each_token_has_its_own_minute() {
        TokenWithValue first = rotatedAway(f);
        TokenWithValue second = rotatedAway(f);

        present(f, first.value());
        present(f, second.value());

        assertEquals(List.of(first.token().id(), second.token().id()), reused(f).stream().map(e -> e.token().id()).toList());
    }

    @Test
    void a_previous_value_is_no_reuse_during_its_grace_period_and_is_reuse_after_it() {
        TokenWithValue token = f.create("ci", null);
        f.commands.rotate(f.admin, token.token().id().toString(), 600L);

        assertEquals(CheckCode.VALID, present(f, token.value()));
        assertEquals(List.of(), reused(f));

        f.clock.set(T0.plusSeconds(601));
        assertEquals(CheckCode.NOT_FOUND, present(f, token.value()));
        assertEquals(T0.plusSeconds(600), reused(f).get(0).retiredAt());
    }

    @Test
    void a_value_retired_longer_ago_than_the_memory_is_just_unknown_and_the_scan_forgets_it() {
        TokenWithValue old = rotatedAway(f);
        assertEquals(1, f.retired.size());
        f.clock.set(T0.plus(RETIRED_VALUE_MEMORY));

        assertEquals(CheckCode.NOT_FOUND, present(f, old.value()));
        assertEquals(List.of(), reused(f));

        f.scan.scanOnce();
        assertEquals(0, f.retired.size());
    }

    @Test
    void the_scan_keeps_values_still_remembered() {
        rotatedAway(f);
        f.clock.set(T0.plus(RETIRED_VALUE_MEMORY).minusSeconds(1));

        f.scan.scanOnce();

        assertEquals(1, f.retired.size());
    }

    @Test
    void the_retired_value_of_a_deleted_token_is_not_reported() {
        TokenWithValue old = rotatedAway(f);
        f.commands.delete(f.admin, old.token().id().toString());

        assertEquals(CheckCode.NOT_FOUND, present(f, old.value()));

        assertEquals(List.of(), reused(f));
    }

    @Test
    void with_revoke_on_reuse_the_token_is_deleted_and_the_reused_event_stands_for_the_deletion() {
        LifecycleFixture revoking = new LifecycleFixture(LifetimePolicy.UNLIMITED, true);
        TokenWithValue token = revoking.create("ci", null);
        TokenWithValue current = revoking.commands.rotate(revoking.admin, token.token().id().toString(), null);

        assertEquals(CheckCode.NOT_FOUND, present(revoking, token.value()));

        assertEquals(Optional.empty(), revoking.tokens.findById(token.token().id()));
        assertEquals(Optional.empty(), revoking.calendar.nextOf(token.token().id()));
        assertTrue(reused(revoking).get(0).revoked());
        assertTrue(revoking.outbox.events().stream().noneMatch(TokenDeleted.class::isInstance));
        assertEquals(CheckCode.NOT_FOUND, present(revoking, current.value()), "the current value died with the token");
    }
}
