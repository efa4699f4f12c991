package dev.keyward.domain.check;

import dev.keyward.domain.network.IpAddress;
import dev.keyward.domain.token.TokenId;

import java.time.Instant;

/**
 * Notes that a token was used, for {@code lastUsedAt} and {@code lastUsedFrom}. Called on the check's
 * path, so it must never do I/O there: adapters keep uses in memory and store them later, in bulk.
 */
public interface TokenUses {

    /** @param from the client address of the use; null when unknown */
    void record(TokenId id, Instant at, IpAddress from);
}
