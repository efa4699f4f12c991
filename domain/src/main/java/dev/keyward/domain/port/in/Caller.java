package dev.keyward.domain.port.in;

import dev.keyward.domain.network.IpAddress;
import dev.keyward.domain.permission.PermissionSet;
import dev.keyward.domain.token.Actor;
import dev.keyward.domain.token.SecretHash;
import dev.keyward.domain.token.TokenId;

/**
 * An authenticated request: the token that made it, the credential it presented (so a write can check
 * the token was not rotated away meanwhile), what it may do and where it came from.
 */
public record Caller(TokenId tokenId, SecretHash credential, PermissionSet permissions, IpAddress address) {

    public Actor actor() {
        return Actor.token(tokenId);
    }
}
