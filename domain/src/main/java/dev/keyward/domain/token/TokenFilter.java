package dev.keyward.domain.token;

import java.time.Instant;

/**
 * Which tokens a listing keeps; a null field keeps every token. Combined, all must hold.
 *
 * @param ownerId        only the tokens of this owner
 * @param enabled        only the enabled ({@code true}) or the disabled ({@code false}) tokens
 * @param expiresBefore  only the tokens whose {@code expiresAt} is before it (a token that never expires never is)
 * @param lastUsedBefore only the tokens last used before it; one never used counts as used when it was created
 */
public record TokenFilter(OwnerId ownerId, Boolean enabled, Instant expiresBefore, Instant lastUsedBefore) {

    /** Every token. */
    public static final TokenFilter NONE = new TokenFilter(null, null, null, null);

    /** The tokens of one owner. */
    public static TokenFilter ofOwner(OwnerId ownerId) {
        return new TokenFilter(ownerId, null, null, null);
    }

    public boolean matches(ApiToken token) {
        Instant lastUsed = token.lastUsedAt() == null ? token.createdAt() : token.lastUsedAt();
        return (ownerId == null || (token.owner() != null && token.owner().id().equals(ownerId)))
                && (enabled == null || token.isEnabled() == enabled)
                && (expiresBefore == null || (token.expiresAt() != null && token.expiresAt().isBefore(expiresBefore)))
                && (lastUsedBefore == null || lastUsed.isBefore(lastUsedBefore));
    }
}
