package dev.keyward.domain.port.in;

import dev.keyward.domain.error.UnauthenticatedException;
import dev.keyward.domain.network.IpAddress;

/**
 * Turns a presented key and the client's address into a {@link Caller}, or refuses. Which header
 * the key came from, and refusing several keys, is {@link dev.keyward.domain.check.PresentedKey}'s rule.
 */
public interface TokenAuthentication {

    /** @throws UnauthenticatedException for every kind of refusal */
    Caller authenticate(String presentedKey, IpAddress clientAddress);
}
