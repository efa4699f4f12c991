package dev.keyward.domain.lifecycle;

import dev.keyward.domain.error.ConcurrentChangeException;
import dev.keyward.domain.lifecycle.LifecycleSchedule.Occasion;
import dev.keyward.domain.token.Actor;
import dev.keyward.domain.token.ActorType;
import dev.keyward.domain.token.ApiToken;
import dev.keyward.domain.token.Origin;
import dev.keyward.domain.token.TokenEvent;
import dev.keyward.domain.token.TokenExpired;
import dev.keyward.domain.token.TokenExpiring;
import dev.keyward.domain.token.TokenRotationDue;
import dev.keyward.domain.token.TokenView;
import dev.keyward.domain.token.Tokens;
import dev.keyward.domain.token.Transactions;

import java.time.Clock;
import java.time.Instant;
import java.util.List;

/**
 * The lifecycle scan, in batches of calendar entries that are due: in one transaction per batch it
 * claims the entries (no other node can hold them meanwhile), appends the events of each token's due
 * occasions to the outbox and moves each entry on to the token's next occasion. Events and the moved
 * entry commit together, so each occasion is announced once however many nodes scan. Each scan also
 * forgets the retired values the installation no longer remembers.
 */
public final class LifecycleScanService implements LifecycleScanning {

    /** The actor of lifecycle events: Keyward itself. */
    public static final Actor LIFECYCLE = new Actor("lifecycle", ActorType.SYSTEM);

    static final int BATCH = 100;

    private final Tokens tokens;
    private final TokenStore store;
    private final Transactions transactions;
    private final LifecycleSchedule schedule;
    private final LifecycleCalendar calendar;
    private final RetiredValues retired;
    private final RetiredValueMemory memory;
    private final Clock clock;

    /** @param transactions READ COMMITTED ones, so claiming due entries locks no gap new tokens' rows go into */
    public LifecycleScanService(Tokens tokens, TokenStore store, Transactions transactions, LifecycleSchedule schedule,
                                LifecycleCalendar calendar, RetiredValues retired, RetiredValueMemory memory, Clock clock) {
        this.tokens = tokens;
        this.store = store;
        this.transactions = transactions;
        this.schedule = schedule;
        this.calendar = calendar;
        this.retired = retired;
        this.memory = memory;
        this.clock = clock;
    }

    @Override
    public int scanOnce() {
        int events = 0;
        try {
            while (true) {
                Batch batch = transactions.inWrite(this::scanBatch);
                events += batch.events();
                if (batch.entries() < BATCH) {
                    break;
                }
            }
            // Housekeeping on the same beat: values retired longer ago than the memory are no longer reuse.
            transactions.inWrite(() -> memory.forget(retired, clock.instant()));
        } catch (ConcurrentChangeException anotherScanGotThereFirst) {
            // Another node's scan moved the same entries at the same moment (on a Galera cluster, where
            // claims are not shared locks, its COMMIT won): nothing of this batch was stored, and that
            // scan announced the occasions. The next scan goes on from what is left.
        }
        return events;
    }

    private record Batch(int entries, int events) {
    }

    private Batch scanBatch() {
        Instant now = clock.instant();
        List<LifecycleCalendar.Due> due = calendar.claimDue(now, BATCH);
        int events = 0;
        for (LifecycleCalendar.Due entry : due) {
            TokenView token = tokens.findById(entry.token()).map(ApiToken::view).orElse(null);
            if (token == null) {
                calendar.advance(entry, null);
                continue;
            }
            Origin origin = new Origin(LIFECYCLE, null, now);
            for (Occasion occasion : schedule.dueBetween(token, entry.at(), now)) {
                store.noted(eventOf(token, occasion, origin));
                events++;
            }
            calendar.advance(entry, schedule.nextAfter(token, now).orElse(null));
        }
        return new Batch(due.size(), events);
    }

    private static TokenEvent eventOf(TokenView token, Occasion occasion, Origin origin) {
        return switch (occasion.kind()) {
            case EXPIRING -> new TokenExpiring(token, origin, occasion.warning());
            case EXPIRED -> new TokenExpired(token, origin);
            case ROTATION_DUE -> new TokenRotationDue(token, origin, occasion.at());
        };
    }
}
