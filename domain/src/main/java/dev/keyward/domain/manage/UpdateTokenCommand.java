package dev.keyward.domain.manage;

import java.util.List;

/**
 * A request to replace a token's name and permissions.
 *
 * @param allowedCidrBlocks null keeps the current allowlist (so an update that forgets the field
 *                          never silently opens a restricted token to every address); empty clears it
 */
public record UpdateTokenCommand(String name, List<String> permissions, List<String> allowedCidrBlocks) {
}
