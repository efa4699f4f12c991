package dev.keyward.adapter.persistence.store;

import dev.keyward.domain.token.SecretHash;

import java.util.Collection;

/**
 * Told by {@link JdbcTokens}, inside the writing transaction, of every secret hash whose answer a token
 * write changes (created, changed, rotated or deleted), so that every node's check cache drops it. The
 * check's change feed implements it; the store knows nothing of caches.
 */
public interface TokenChanges {

    /** Joins the caller's transaction: the change is seen by other nodes exactly when it commits. */
    void changed(Collection<SecretHash> hashes);
}
