package dev.keyward.domain.token;

import java.util.List;

/** An owner's name or metadata were replaced; {@code changes} lists what differed. */
public record OwnerUpdated(OwnerView owner, Origin origin, List<FieldChange> changes) implements OwnerEvent {

    public OwnerUpdated {
        changes = List.copyOf(changes);
    }

    @Override
    public AuditEventType type() {
        return AuditEventType.OWNER_UPDATED;
    }
}
