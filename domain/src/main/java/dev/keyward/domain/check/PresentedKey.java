package dev.keyward.domain.check;

import dev.keyward.domain.error.UnauthenticatedException;

import java.util.List;
import java.util.Locale;

/**
 * Where a request presents its key, as one rule for every adapter: the {@code X-API-Key} header or
 * {@code Authorization: Bearer <key>} (RFC 6750). Both may be sent if they carry the same key. Two
 * different keys, several {@code X-API-Key} headers or several Bearer credentials are refused rather
 * than picking one: which one a proxy or framework keeps is not something to bet on. An
 * {@code Authorization} header of another scheme (e.g. Basic, meant for some other hop) is ignored.
 */
public final class PresentedKey {

    public static final String API_KEY_HEADER = "X-API-Key";
    public static final String AUTHORIZATION_HEADER = "Authorization";

    /** The 401's {@code WWW-Authenticate}: two challenges, comma-separated (RFC 7235 §4.1). */
    public static final String CHALLENGE = "Bearer realm=\"keyward\", ApiKey header=\"" + API_KEY_HEADER + "\"";

    private static final String BEARER = "bearer";

    private PresentedKey() {
    }

    /**
     * @param apiKeyHeaders        every {@code X-API-Key} header value, in order
     * @param authorizationHeaders every {@code Authorization} header value, in order
     * @return the one key presented, or null when none was
     * @throws UnauthenticatedException when several or two different keys were presented
     */
    public static String from(List<String> apiKeyHeaders, List<String> authorizationHeaders) {
        if (apiKeyHeaders.size() > 1) {
            throw new UnauthenticatedException("several X-API-Key headers presented");
        }
        List<String> bearers = authorizationHeaders.stream().filter(PresentedKey::isBearer).toList();
        if (bearers.size() > 1) {
            throw new UnauthenticatedException("several Bearer credentials presented");
        }
        String apiKey = apiKeyHeaders.isEmpty() ? null : apiKeyHeaders.get(0);
        String bearer = bearers.isEmpty() ? null : bearers.get(0).substring(BEARER.length()).strip();
        if (apiKey != null && bearer != null && !apiKey.equals(bearer)) {
            throw new UnauthenticatedException("X-API-Key and Authorization: Bearer carry different keys");
        }
        return apiKey != null ? apiKey : bearer;
    }

    /** The scheme is case-insensitive and followed by at least one space (RFC 7235 §2.1); "Bearerx" is another scheme. */
    private static boolean isBearer(String authorization) {
        return authorization.length() >= BEARER.length()
                && authorization.substring(0, BEARER.length()).toLowerCase(Locale.ROOT).equals(BEARER)
                && (authorization.length() == BEARER.length() || authorization.charAt(BEARER.length()) == ' ');
    }
}
