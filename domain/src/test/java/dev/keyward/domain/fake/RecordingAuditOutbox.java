package dev.keyward.domain.fake;

import dev.keyward.domain.event.AuditEvent;
import dev.keyward.domain.event.AuthFailuresObserved;
import dev.keyward.domain.event.TokenEvent;
import dev.keyward.domain.port.out.AuditOutbox;

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

    /** The auth-failure observations, in order. */
    public List<AuthFailuresObserved> observations() {
        return events.stream().filter(AuthFailuresObserved.class::isInstance).map(AuthFailuresObserved.class::cast).toList();
    }
}
