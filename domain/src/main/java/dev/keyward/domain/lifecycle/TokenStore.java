package dev.keyward.domain.lifecycle;

import dev.keyward.domain.token.ApiToken;
import dev.keyward.domain.token.AuditEvent;
import dev.keyward.domain.token.AuditOutbox;
import dev.keyward.domain.token.TokenEvent;
import dev.keyward.domain.token.Tokens;

import java.time.Instant;

/**
 * The one home for writing a token: every use case that creates, changes, rotates or deletes one (the
 * commands, bootstrap, leak response, reuse revocation) stores it here, inside its own transaction,
 * together with everything the write owes: the audit event (outbox), the token's next lifecycle occasion
 * (calendar: create and rotate set it, delete drops it, so the scan never looks at every token) and the
 * values a rotation retired (remembered for reuse detection).
 */
public final class TokenStore {

    private final Tokens tokens;
    private final AuditOutbox outbox;
    private final LifecycleCalendar calendar;
    private final LifecycleSchedule schedule;
    private final RetiredValues retired;
    private final RetiredValueMemory memory;

    public TokenStore(Tokens tokens, AuditOutbox outbox, LifecycleCalendar calendar, LifecycleSchedule schedule,
                      RetiredValues retired, RetiredValueMemory memory) {
        this.tokens = tokens;
        this.outbox = outbox;
        this.calendar = calendar;
        this.schedule = schedule;
        this.retired = retired;
        this.memory = memory;
    }

    /** A new token: its row, its event, its first occasion counted from its creation. */
    public void created(ApiToken.Created created) {
        tokens.add(created.token());
        outbox.append(created.event());
        renewed(created.token(), created.event().occurredAt());
    }

    /** A token whose name, permissions or allowlist changed: its row and its event. */
    public void changed(ApiToken token, TokenEvent event) {
        tokens.update(token);
        outbox.append(event);
    }

    /** A rotation: the row, the event, the next occasion counted from now, and the values it retired remembered. */
    public void rotated(ApiToken token, ApiToken.Rotation rotation) {
        tokens.update(token);
        outbox.append(rotation.event());
        renewed(token, rotation.event().occurredAt());
        if (!memory.isOff()) {
            rotation.retired().forEach(value -> retired.retire(value.hash(), token.id(), value.retiredAt()));
        }
    }

    /**
     * A deletion, whatever its cause (delete, leak, reuse): the row goes, its calendar entry with it, and
     * its event is stored. The values it answered to (current, and previous during an overlap) are
     * remembered as retired, so a later leak report of either says {@code already-dead}, not
     * {@code unknown}.
     */
    public void deleted(ApiToken token, TokenEvent event) {
        tokens.remove(token);
        calendar.unschedule(token.id());
        outbox.append(event);
        if (!memory.isOff()) {
            retired.retire(token.secretHash(), token.id(), event.occurredAt());
            if (token.previousSecretHash() != null) {
                retired.retire(token.previousSecretHash(), token.id(), event.occurredAt());
            }
        }
    }

    /** An event that changes no token (a reuse seen, an occasion announced, failures observed). */
    public void noted(AuditEvent event) {
        outbox.append(event);
    }

    private void renewed(ApiToken token, Instant now) {
        calendar.schedule(token.id(), schedule.nextAfter(token.view(), now).orElse(null));
    }
}
