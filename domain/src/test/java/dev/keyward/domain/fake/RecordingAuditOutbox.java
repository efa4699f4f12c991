package dev.keyward.domain.fake;

import dev.keyward.domain.event.TokenEvent;
import dev.keyward.domain.port.out.AuditOutbox;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** {@link AuditOutbox} that keeps events in a list, for domain tests. */
public final class RecordingAuditOutbox implements AuditOutbox {

    private final List<TokenEvent> events = new CopyOnWriteArrayList<>();

    @Override
    public void append(TokenEvent event) {
        events.add(event);
    }

    public List<TokenEvent> events() {
        return List.copyOf(events);
    }
}
