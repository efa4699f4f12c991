package dev.keyward.domain.service;

import dev.keyward.domain.port.out.LifecycleCalendar;
import dev.keyward.domain.port.out.RetiredValues;
import dev.keyward.domain.token.ApiToken;
import dev.keyward.domain.token.Expiry;
import dev.keyward.domain.token.GracePolicy;
import dev.keyward.domain.token.LifecycleSchedule;
import dev.keyward.domain.token.LifetimePolicy;
import dev.keyward.domain.token.RotationPolicy;
import dev.keyward.domain.token.SecretHash;
import dev.keyward.domain.token.TokenId;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * What the write use cases owe the token's lifecycle: the installation's lifetime cap on new tokens and
 * grace cap on rotations; the calendar entry of each token's next occasion, kept in the same
 * transaction as the write (create and rotate set it, delete drops it), so the lifecycle scan never has
 * to look at every token; and the values rotations retire, remembered for reuse detection.
 */
public final class TokenLifecycle {

    private final LifetimePolicy lifetime;
    private final LifecycleSchedule schedule;
    private final LifecycleCalendar calendar;
    private final GracePolicy grace;
    private final RetiredValues retired;
    private final Duration retiredValueMemory;

    /** Retired values are not remembered (no reuse detection); rotations may ask for the default grace. */
    public TokenLifecycle(LifetimePolicy lifetime, LifecycleSchedule schedule, LifecycleCalendar calendar) {
        this(lifetime, schedule, calendar, GracePolicy.DEFAULT, new NoRetiredValues(), Duration.ZERO);
    }

    /** @param retiredValueMemory how long a retired value is remembered (zero: not at all) */
    public TokenLifecycle(LifetimePolicy lifetime, LifecycleSchedule schedule, LifecycleCalendar calendar,
                          GracePolicy grace, RetiredValues retired, Duration retiredValueMemory) {
        if (retiredValueMemory.isNegative()) {
            throw new IllegalArgumentException("the retired-value memory cannot be negative, was " + retiredValueMemory);
        }
        this.lifetime = lifetime;
        this.schedule = schedule;
        this.calendar = calendar;
        this.grace = grace;
        this.retired = retired;
        this.retiredValueMemory = retiredValueMemory;
    }

    /** No cap and no calendar: for wirings (tests of other rules) that announce no lifecycle occasions. */
    public static TokenLifecycle untracked() {
        return new TokenLifecycle(LifetimePolicy.UNLIMITED,
                new LifecycleSchedule(new RotationPolicy(Duration.ofDays(90)), List.of()), new NoCalendar());
    }

    Expiry cap(String field, Expiry requested, Instant now) {
        return lifetime.apply(field, requested, now);
    }

    Duration grace(String field, Long seconds) {
        return grace.parse(field, seconds);
    }

    /** A rotation at {@code now}: the next occasion is counted from then, and the values it retired are remembered. */
    void rotated(ApiToken token, ApiToken.Rotation rotation, Instant now) {
        renewed(token, now);
        if (!retiredValueMemory.isZero()) {
            rotation.retired().forEach(value -> retired.retire(value.hash(), token.id(), value.retiredAt()));
        }
    }

    /** Whether a value retired at {@code retiredAt} is still remembered at {@code now}. */
    boolean remembers(Instant retiredAt, Instant now) {
        return now.isBefore(retiredAt.plus(retiredValueMemory));
    }

    /** Forgets the values retired longer than the memory ago; returns how many. */
    int forgetRetired(Instant now) {
        return retiredValueMemory.isZero() ? 0 : retired.forgetRetiredUntil(now.minus(retiredValueMemory));
    }

    RetiredValues retiredValues() {
        return retired;
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

    private static final class NoRetiredValues implements RetiredValues {

        @Override
        public void retire(SecretHash hash, TokenId token, Instant retiredAt) {
        }

        @Override
        public Optional<Retired> find(SecretHash hash) {
            return Optional.empty();
        }

        @Override
        public int forgetRetiredUntil(Instant cutoff) {
            return 0;
        }
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
