package dev.keyward.domain.port.in;

import dev.keyward.domain.network.IpAddress;
import dev.keyward.domain.permission.PermissionSet;
import dev.keyward.domain.token.Actor;
import dev.keyward.domain.token.TokenId;

/** An authenticated request: the token that made it, what it may do and where it came from. */
public record Caller(TokenId tokenId, PermissionSet permissions, IpAddress address) {

    public Actor actor() {
        return Actor.token(tokenId);
    }
}
