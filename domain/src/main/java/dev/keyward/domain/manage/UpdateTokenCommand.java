package dev.keyward.domain.manage;

import java.util.List;

/**
 * A request to replace a token's name and permissions.
 *
 * @param allowedCidrBlocks null keeps the current allowlist (so an update that forgets the field
 *                          never silently opens a restricted token to every address); empty clears it
 * @param enabled           null keeps whether the token is enabled
 */
public record UpdateTokenCommand(String name, List<String> permissions, List<String> allowedCidrBlocks, Boolean enabled) {

    /** A request with Panther's fields only: whether the token is enabled stays as it is. */
    public UpdateTokenCommand(String name, List<String> permissions, List<String> allowedCidrBlocks) {
        this(name, permissions, allowedCidrBlocks, null);
    }
}
