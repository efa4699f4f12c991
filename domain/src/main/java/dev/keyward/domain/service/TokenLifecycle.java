package dev.keyward.domain.service;

import dev.keyward.domain.port.out.LifecycleCalendar;
import dev.keyward.domain.token.ApiToken;
import dev.keyward.domain.token.Expiry;
import dev.keyward.domain.token.LifecycleSchedule;
import dev.keyward.domain.token.LifetimePolicy;
import dev.keyward.domain.token.RotationPolicy;
import dev.keyward.domain.token.TokenId;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * What the write use cases owe the token's lifecycle: the installation's lifetime cap on new tokens,
 * and the calendar entry of each token's next occasion, kept in the same transaction as the write
 * (create and rotate set it, delete drops it), so the lifecycle scan never has to look at every token.
 */
public final class TokenLifecycle {

    private final LifetimePolicy lifetime;
    private final LifecycleSchedule schedule;
    private final LifecycleCalendar calendar;

    public TokenLifecycle(LifetimePolicy lifetime, LifecycleSchedule schedule, LifecycleCalendar calendar) {
        this.lifetime = lifetime;
        this.schedule = schedule;
        this.calendar = calendar;
    }

    /** No cap and no calendar: for wirings (tests of other rules) that announce no lifecycle occasions. */
    public static TokenLifecycle untracked() {
        return new TokenLifecycle(LifetimePolicy.UNLIMITED,
                new LifecycleSchedule(new RotationPolicy(Duration.ofDays(90)), List.of()), new NoCalendar());
    }

    Expiry cap(String field, Expiry requested, Instant now) {
        return lifetime.apply(field, requested, now);
    }

    /** A token was created or got a new value at {@code now}: its next occasion is counted from then. */
    void renewed(ApiToken token, Instant now) {
        calendar.schedule(token.id(), schedule.nextAfter(token.view(), now).orElse(null));
    }

    void ended(TokenId token) {
        calendar.unschedule(token);
    }

    LifecycleSchedule schedule() {
        return schedule;
    }

    LifecycleCalendar calendar() {
        return calendar;
    }

    private static final class NoCalendar implements LifecycleCalendar {

        @Override
        public void schedule(TokenId token, Instant next) {
        }

        @Override
        public void unschedule(TokenId token) {
        }

        @Override
        public List<Due> claimDue(Instant now, int limit) {
            return List.of();
        }

        @Override
        public void advance(Due due, Instant next) {
        }
    }
}
