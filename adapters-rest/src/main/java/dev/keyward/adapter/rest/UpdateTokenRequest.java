package dev.keyward.adapter.rest;

import dev.keyward.domain.manage.UpdateTokenCommand;

import java.util.List;

/**
 * The body of {@code POST /api-tokens/{id}}. {@code allowedCIDRBlocks} null (not sent) keeps the
 * token's current allowlist; an empty list clears it. {@code enabled} null keeps it as it is; so does
 * {@code meta} (the client's object as compact JSON text), which {@code {}} clears; {@code owner} null
 * (ownerId not sent) keeps the owner, and an {@code ownerId} sent as JSON null detaches it.
 */
public record UpdateTokenRequest(String name, List<String> permissions, List<String> allowedCIDRBlocks, Boolean enabled,
                                 String meta, UpdateTokenCommand.OwnerChange owner) {
}
