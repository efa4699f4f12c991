package dev.keyward.domain.token;

/** An owner was created. */
public record OwnerCreated(OwnerView owner, Origin origin) implements OwnerEvent {

    @Override
    public AuditEventType type() {
        return AuditEventType.OWNER_CREATED;
    }
}
