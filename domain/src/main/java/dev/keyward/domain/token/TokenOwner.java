package dev.keyward.domain.token;

import java.util.Objects;

/**
 * Whose a token is, as the token carries it: the owner's id, its {@code externalId} (the customer, team or
 * service it stands for in the platform) and its metadata, which a gateway falls back on for a key the
 * token's own metadata lacks. Read with the token, so a check answers it without a second lookup.
 */
public record TokenOwner(OwnerId id, String externalId, TokenMeta meta) {

    public TokenOwner {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(externalId, "externalId");
        Objects.requireNonNull(meta, "meta");
    }
}
