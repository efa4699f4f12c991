package dev.keyward.domain.manage;

import dev.keyward.domain.check.Caller;
import dev.keyward.domain.token.TokenView;

/**
 * What an authenticated caller may change about tokens: create, update, rotate, delete — the same
 * four verbs as the REST API and the audit events. {@code ref} is a token id or {@code "self"}
 * (see {@link TokenRef}). Failures are {@link dev.keyward.domain.error.DomainException}s. A caller
 * that authenticated with its token's previous value may not update, rotate or delete that token.
 */
public interface TokenCommands {

    TokenWithValue create(Caller caller, CreateTokenCommand command);

    TokenView update(Caller caller, String ref, UpdateTokenCommand command);

    /** Rotates with no grace period: the old value stops working at once. */
    default TokenWithValue rotate(Caller caller, String ref) {
        return rotate(caller, ref, null);
    }

    /**
     * Rotates; for {@code gracePeriodSeconds} (null or 0: none) the old value keeps working as the
     * token's previous value, never past its {@code expiresAt}. Any earlier previous value dies at once.
     */
    TokenWithValue rotate(Caller caller, String ref, Long gracePeriodSeconds);

    void delete(Caller caller, String ref);

    /**
     * Deletes the tokens of an owner (at most {@link BulkDeleteCommand#MAX_IDS} per call, oldest first), or the
     * tokens named by id, in one transaction, each with its own {@code deleted} event. An id that names no
     * token deletes nothing and is not an error.
     *
     * @return how many tokens were deleted
     */
    int bulkDelete(Caller caller, BulkDeleteCommand command);
}
