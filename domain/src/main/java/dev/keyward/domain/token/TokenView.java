package dev.keyward.domain.token;

import dev.keyward.domain.network.IpAddress;
import dev.keyward.domain.network.IpAllowlist;
import dev.keyward.domain.permission.PermissionSet;

import java.time.Instant;
import java.util.List;

/**
 * Everything about a token that may be shown: no value, no hash. Nullable: {@code updatedAt},
 * {@code updatedBy}, {@code expiresAt} (never expires), {@code lastUsedAt},
 * {@code lastUsedFrom} (never used, or used from an unknown address), {@code rotatedAt},
 * {@code previousValueExpiresAt} (no rotation with a grace period since the last one without: until
 * then the value before the last rotation still authenticates). A token not {@code enabled} is refused by
 * every door, yet listed and changeable; {@code meta} is never null ({@link TokenMeta#EMPTY}); {@code owner} is null
 * for a token that belongs to no owner.
 */
public record TokenView(
        TokenId id,
        TokenName name,
        PermissionSet permissions,
        IpAllowlist allowlist,
        Instant createdAt,
        Actor createdBy,
        Instant updatedAt,
        Actor updatedBy,
        Instant expiresAt,
        Instant lastUsedAt,
        IpAddress lastUsedFrom,
        Instant rotatedAt,
        Instant previousValueExpiresAt,
        boolean enabled,
        TokenMeta meta,
        TokenOwner owner) {

    /**
     * Every permission the token holds, by name, sorted by code point: what verify, introspection and
     * forward-auth tell a service it may do. Today these are its built-in permissions.
     */
    public List<String> effectivePermissions() {
        return permissions.names().stream().sorted().toList();
    }

    /** Whether the token no longer works at {@code now} because it expired: {@link Expiry#hasPassed}. */
    public boolean isExpiredAt(Instant now) {
        return Expiry.hasPassed(expiresAt, now);
    }
}
