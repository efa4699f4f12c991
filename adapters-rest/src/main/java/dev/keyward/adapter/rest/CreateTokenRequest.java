package dev.keyward.adapter.rest;

import java.util.List;

/**
 * The body of {@code POST /api-tokens}, after {@link TokenRequestReader} checked its JSON types.
 * Nulls mean "not sent"; the domain decides which fields are required.
 */
public record CreateTokenRequest(String name, List<String> permissions, List<String> allowedCIDRBlocks, String expiresAt,
                                 Boolean enabled, String meta, String ownerId) {
}
