package dev.keyward.domain.manage;

import java.time.Instant;

/** Facts about this installation (its database) as a whole, kept beside the tokens. */
public interface Installation {

    /**
     * Records, in the caller's transaction, that this database has been given its first admin token.
     * Exactly one call ever returns true per database, even when several nodes start at once on an
     * empty database: the others wait for the first transaction and then get false.
     */
    boolean markBootstrapped(Instant at);
}
