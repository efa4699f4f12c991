package dev.keyward.domain.token;

import java.time.Instant;

/** Everything about an owner that may be shown. {@code name} may be null (none given). */
public record OwnerView(OwnerId id, String externalId, String name, TokenMeta meta, Instant createdAt, Instant updatedAt) {

    /** The owner as its tokens carry it. */
    public TokenOwner asTokenOwner() {
        return new TokenOwner(id, externalId, meta);
    }
}
