package dev.keyward.domain.token;

import java.time.Instant;

/** Something that happened to an owner: its state after the change and who made it, from where, when. */
public sealed interface OwnerEvent extends AuditEvent permits OwnerCreated, OwnerUpdated, OwnerDeleted {

    OwnerView owner();

    Origin origin();

    @Override
    default Instant occurredAt() {
        return origin().at();
    }
}
