package dev.keyward.domain.event;

import dev.keyward.domain.token.Origin;
import dev.keyward.domain.token.TokenView;

/**
 * Something that happened to a token, as the audit trail records it: the token's non-secret state
 * after the change and who made it, from where, when.
 */
public sealed interface TokenEvent permits TokenIssued, TokenUpdated, TokenRotated, TokenRevoked {

    TokenView token();

    Origin origin();

    /** What happened, as audit consumers name it: {@code created}, {@code updated}, {@code rotated} or {@code deleted}. */
    String kind();
}
