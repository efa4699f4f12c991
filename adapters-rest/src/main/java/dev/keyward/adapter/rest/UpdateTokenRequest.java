package dev.keyward.adapter.rest;

import java.util.List;

/**
 * The body of {@code POST /api-tokens/{id}}. {@code allowedCIDRBlocks} null (not sent) keeps the
 * token's current allowlist; an empty list clears it. {@code enabled} null keeps it as it is.
 */
public record UpdateTokenRequest(String name, List<String> permissions, List<String> allowedCIDRBlocks, Boolean enabled) {
}
