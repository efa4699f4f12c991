package dev.keyward.domain.service;

import dev.keyward.domain.event.TokenEvent;
import dev.keyward.domain.event.TokenExpired;
import dev.keyward.domain.event.TokenExpiring;
import dev.keyward.domain.event.TokenRotationDue;
import dev.keyward.domain.port.in.LifecycleScanning;
import dev.keyward.domain.port.out.AuditOutbox;
import dev.keyward.domain.port.out.LifecycleCalendar;
import dev.keyward.domain.port.out.Tokens;
import dev.keyward.domain.port.out.Transactions;
import dev.keyward.domain.token.Actor;
import dev.keyward.domain.token.ActorType;
import dev.keyward.domain.token.LifecycleSchedule;
import dev.keyward.domain.token.LifecycleSchedule.Occasion;
import dev.keyward.domain.token.Origin;
import dev.keyward.domain.token.TokenView;

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
    private final AuditOutbox outbox;
    private final Transactions transactions;
    private final TokenLifecycle lifecycle;
    private final LifecycleSchedule schedule;
    private final LifecycleCalendar calendar;
    private final Clock clock;

    public LifecycleScanService(Tokens tokens, AuditOutbox outbox, Transactions transactions, TokenLifecycle lifecycle,
                                Clock clock) {
        this.tokens = tokens;
        this.outbox = outbox;
        this.transactions = transactions;
        this.lifecycle = lifecycle;
        this.schedule = lifecycle.schedule();
        this.calendar = lifecycle.calendar();
        this.clock = clock;
    }

    @Override
    public int scanOnce() {
        int events = 0;
        while (true) {
            Batch batch = transactions.inWrite(this::scanBatch);
            events += batch.events();
            if (batch.entries() < BATCH) {
                break;
            }
        }
        // Housekeeping on the same beat: values retired longer ago than the memory are no longer reuse.
        transactions.inWrite(() -> lifecycle.forgetRetired(clock.instant()));
        return events;
    }

    private record Batch(int entries, int events) {
    }

    private Batch scanBatch() {
        Instant now = clock.instant();
        List<LifecycleCalendar.Due> due = calendar.claimDue(now, BATCH);
        int events = 0;
        for (LifecycleCalendar.Due entry : due) {
            TokenView token = tokens.findById(entry.token()).map(t -> t.view()).orElse(null);
            if (token == null) {
                calendar.advance(entry, null);
                continue;
            }
            Origin origin = new Origin(LIFECYCLE, null, now);
            for (Occasion occasion : schedule.dueBetween(token, entry.at(), now)) {
                outbox.append(eventOf(token, occasion, origin));
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
