package dev.keyward.domain.token;

/**
 * Which tokens a listing keeps; a null field keeps every token. Combined, all must hold.
 *
 * @param ownerId only the tokens of this owner
 * @param enabled only the enabled ({@code true}) or the disabled ({@code false}) tokens
 */
public record TokenFilter(OwnerId ownerId, Boolean enabled) {

    /** Every token. */
    public static final TokenFilter NONE = new TokenFilter(null, null);

    public boolean matches(ApiToken token) {
        return (ownerId == null || (token.owner() != null && token.owner().id().equals(ownerId)))
                && (enabled == null || token.isEnabled() == enabled);
    }
}
