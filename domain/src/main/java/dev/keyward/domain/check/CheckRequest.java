package dev.keyward.domain.check;

import dev.keyward.domain.network.IpAddress;
import dev.keyward.domain.permission.PermissionSet;

import java.util.Objects;

/**
 * One key to check.
 *
 * @param presentedKey  the key exactly as presented (may be null or garbage: that is MALFORMED)
 * @param clientAddress the address the key is used from, or null when unknown (a fenced token then fails closed)
 * @param required      the permissions the token must all hold; empty for none
 * @param door          which door asked
 */
public record CheckRequest(String presentedKey, IpAddress clientAddress, PermissionSet required, Door door) {

    public CheckRequest {
        Objects.requireNonNull(required, "required");
        Objects.requireNonNull(door, "door");
    }

    @Override
    public String toString() {
        return "CheckRequest[from " + clientAddress + ", " + required + ", " + door + "]";
    }
}
