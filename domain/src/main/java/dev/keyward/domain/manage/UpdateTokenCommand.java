package dev.keyward.domain.manage;

import java.util.List;

/**
 * A request to replace a token's name and permissions.
 *
 * @param allowedCidrBlocks null keeps the current allowlist (so an update that forgets the field
 *                          never silently opens a restricted token to every address); empty clears it
 * @param enabled           null keeps whether the token is enabled
 * @param meta              a JSON object as compact text; null keeps the metadata, {@code {}} clears it
 * @param owner             null keeps the owner; otherwise the one to belong to
 */
public record UpdateTokenCommand(String name, List<String> permissions, List<String> allowedCidrBlocks, Boolean enabled,
                                 String meta, OwnerChange owner) {

    /** A request with Panther's fields only: whether the token is enabled, its metadata and owner stay as they are. */
    public UpdateTokenCommand(String name, List<String> permissions, List<String> allowedCidrBlocks) {
        this(name, permissions, allowedCidrBlocks, null, null, null);
    }

    /** A request that keeps the owner. */
    public UpdateTokenCommand(String name, List<String> permissions, List<String> allowedCidrBlocks, Boolean enabled,
                              String meta) {
        this(name, permissions, allowedCidrBlocks, enabled, meta, null);
    }

    /** The owner a token is given: {@code ownerId} null detaches it from its owner. */
    public record OwnerChange(String ownerId) {
    }
}
