package dev.keyward.domain.manage;

import java.util.List;

/**
 * A request to replace a token's name and permissions.
 *
 * @param allowedCidrBlocks null keeps the current allowlist (so an update that forgets the field
 *                          never silently opens a restricted token to every address); empty clears it
 * @param enabled           null keeps whether the token is enabled
 * @param meta              a JSON object as compact text; null keeps the metadata, {@code {}} clears it
 */
public record UpdateTokenCommand(String name, List<String> permissions, List<String> allowedCidrBlocks, Boolean enabled,
                                 String meta) {

    /** A request with Panther's fields only: whether the token is enabled and its metadata stay as they are. */
    public UpdateTokenCommand(String name, List<String> permissions, List<String> allowedCidrBlocks) {
        this(name, permissions, allowedCidrBlocks, null, null);
    }
}
