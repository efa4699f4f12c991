package dev.keyward.domain.port.in;

import dev.keyward.domain.error.UnauthenticatedException;
import dev.keyward.domain.network.IpAddress;

import java.util.List;

/** Turns a presented key and the client's address into a {@link Caller}, or refuses. */
public interface TokenAuthentication {

    /** @throws UnauthenticatedException for every kind of refusal */
    Caller authenticate(String presentedKey, IpAddress clientAddress);

    /**
     * Authenticates a request by every {@code X-API-Key} header value it carried: several keys are
     * refused rather than picking one (which one a proxy or framework keeps is not something to bet on).
     *
     * @throws UnauthenticatedException for every kind of refusal
     */
    default Caller authenticate(List<String> presentedKeys, IpAddress clientAddress) {
        if (presentedKeys.size() > 1) {
            throw new UnauthenticatedException("several X-API-Key headers presented");
        }
        return authenticate(presentedKeys.isEmpty() ? null : presentedKeys.get(0), clientAddress);
    }
}
