package dev.keyward.domain.token;

import dev.keyward.domain.network.IpAddress;

import java.time.Instant;

/**
 * Who changed a token, from where and when. {@code clientAddress} is null for changes Keyward makes
 * itself (bootstrap).
 */
public record Origin(Actor actor, IpAddress clientAddress, Instant at) {

    public Origin {
        if (actor == null || at == null) {
            throw new IllegalArgumentException("an origin has an actor and a time");
        }
    }
}
