package dev.keyward.domain.check;

import dev.keyward.domain.network.IpAddress;
import dev.keyward.domain.permission.PermissionQuery;
import dev.keyward.domain.permission.PermissionSet;
import dev.keyward.domain.token.TokenId;

import java.util.Objects;

/**
 * One key to check.
 *
 * @param presentedKey  the key exactly as presented (may be null or garbage: that is MALFORMED)
 * @param clientAddress the address the key is used from, or null when unknown (a fenced token then fails closed)
 * @param required      what the token's permissions must satisfy ({@link PermissionQuery#none} for nothing)
 * @param door          which door asked
 * @param asker         who asks, at the doors where that is not the key's presenter (verify, introspection):
 *                      failed checks count against the asker, not against the {@code clientAddress} it states;
 *                      null where the presenter asks for itself
 */
public record CheckRequest(String presentedKey, IpAddress clientAddress, PermissionQuery required, Door door, Asker asker) {

    /**
     * The service that asks a door about someone else's key: its own address (as Keyward sees it, after
     * trusted proxies) and the token it authenticated with.
     */
    public record Asker(IpAddress address, TokenId token) {
        public Asker {
            Objects.requireNonNull(token, "token");
        }
    }

    public CheckRequest {
        Objects.requireNonNull(required, "required");
        Objects.requireNonNull(door, "door");
    }

    /** A check the key's presenter asks for itself (REST, GraphQL, forward-auth). */
    public CheckRequest(String presentedKey, IpAddress clientAddress, PermissionQuery required, Door door) {
        this(presentedKey, clientAddress, required, door, null);
    }

    /** A check that requires every permission of {@code required}. */
    public CheckRequest(String presentedKey, IpAddress clientAddress, PermissionSet required, Door door, Asker asker) {
        this(presentedKey, clientAddress, PermissionQuery.allOf(required), door, asker);
    }

    /** A check the key's presenter asks for itself that requires every permission of {@code required}. */
    public CheckRequest(String presentedKey, IpAddress clientAddress, PermissionSet required, Door door) {
        this(presentedKey, clientAddress, PermissionQuery.allOf(required), door, null);
    }

    @Override
    public String toString() {
        return "CheckRequest[from " + clientAddress + ", " + required + ", " + door + (asker == null ? "" : ", asked by " + asker) + "]";
    }
}
