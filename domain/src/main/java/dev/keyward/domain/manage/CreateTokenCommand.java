package dev.keyward.domain.manage;

import java.util.List;

/**
 * A request to create a token, as a client sent it; the use case validates every field.
 *
 * @param allowedCidrBlocks null or empty: usable from any address
 * @param expiresAt         RFC 3339 timestamp, or null for a token that never expires
 * @param enabled           null: enabled; false creates it switched off
 * @param meta              a JSON object as compact text (the adapter checked it is one), or null for none
 * @param ownerId           the id of the owner it belongs to, or null for none
 */
public record CreateTokenCommand(String name, List<String> permissions, List<String> allowedCidrBlocks, String expiresAt,
                                 Boolean enabled, String meta, String ownerId) {

    /** A request with Panther's fields only: the token is created enabled, without metadata or owner. */
    public CreateTokenCommand(String name, List<String> permissions, List<String> allowedCidrBlocks, String expiresAt) {
        this(name, permissions, allowedCidrBlocks, expiresAt, null, null, null);
    }

    /** A request with Keyward's fields but no owner. */
    public CreateTokenCommand(String name, List<String> permissions, List<String> allowedCidrBlocks, String expiresAt,
                              Boolean enabled, String meta) {
        this(name, permissions, allowedCidrBlocks, expiresAt, enabled, meta, null);
    }
}
