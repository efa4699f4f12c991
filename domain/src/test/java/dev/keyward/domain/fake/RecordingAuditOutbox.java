package dev.keyward.domain.fake;

import dev.keyward.domain.token.AuditEvent;
import dev.keyward.domain.token.AuditOutbox;
import dev.keyward.domain.token.AuthFailuresObserved;
import dev.keyward.domain.token.TokenEvent;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** {@link AuditOutbox} that keeps events in a list, for domain tests. */
public final class RecordingAuditOutbox implements AuditOutbox {

    private final List<AuditEvent> events = new CopyOnWriteArrayList<>();

    @Override
    public void append(AuditEvent event) {
        events.add(event);
    }

    /** The token events, in order. */
    public List<TokenEvent> events() {
        return events.stream().filter(TokenEvent.class::isInstance).map(TokenEvent.class::cast).toList();
    }

    /** Every event, of any kind, in order. */
    public List<AuditEvent> allEvents() {
        return List.copyOf(events);
    }

    /** The auth-failure observations, in order. */
    public List<AuthFailuresObserved> observations() {
        return events.stream().filter(AuthFailuresObserved.class::isInstance).map(AuthFailuresObserved.class::cast).toList();
    }
}
