package dev.keyward.domain.token;

/** An owner without tokens was deleted. */
public record OwnerDeleted(OwnerView owner, Origin origin) implements OwnerEvent {

    @Override
    public AuditEventType type() {
        return AuditEventType.OWNER_DELETED;
    }
}
