package dev.keyward.adapter.rest;

import java.util.List;

/**
 * The body of {@code POST /api-tokens/{id}}. {@code allowedCIDRBlocks} null (not sent) keeps the
 * token's current allowlist; an empty list clears it. {@code enabled} null keeps it as it is; so does
 * {@code meta} (the client's object as compact JSON text), which {@code {}} clears.
 */
public record UpdateTokenRequest(String name, List<String> permissions, List<String> allowedCIDRBlocks, Boolean enabled,
                                 String meta) {
}
