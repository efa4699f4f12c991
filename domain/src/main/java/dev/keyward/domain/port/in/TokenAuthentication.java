package dev.keyward.domain.port.in;

import dev.keyward.domain.network.IpAddress;

/** Turns a presented key and the client's address into a {@link Caller}, or refuses. */
public interface TokenAuthentication {

    /** @throws dev.keyward.domain.error.UnauthenticatedException for every kind of refusal */
    Caller authenticate(String presentedKey, IpAddress clientAddress);
}
