package dev.keyward.domain.token;

import dev.keyward.domain.network.IpAddress;
import dev.keyward.domain.network.IpAllowlist;
import dev.keyward.domain.permission.PermissionSet;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The API token aggregate. Its invariants: the secret is held only as a hash; rotation replaces the
 * hash, and the old value dies at once unless the rotation grants it a grace period, during which it
 * is the token's one previous value (never past {@code expiresAt}; a later rotation ends it at once);
 * a deleted token can never change again, and both its values die with it. Every state change returns
 * the event that describes it, for the audit outbox.
 */
public final class ApiToken {

    private final TokenId id;
    private TokenName name;
    private PermissionSet permissions;
    private IpAllowlist allowlist;
    private final Instant createdAt;
    private final Actor createdBy;
    private Instant updatedAt;
    private Actor updatedBy;
    private final Instant expiresAt;
    private final Instant lastUsedAt;
    private final IpAddress lastUsedFrom;
    private Instant rotatedAt;
    private SecretHash secretHash;
    private SecretHash previousSecretHash;
    private Instant previousValueExpiresAt;
    private final long version;
    private boolean enabled;
    private TokenMeta meta;
    private TokenOwner owner;
    private boolean deleted;

    private ApiToken(TokenId id, TokenName name, PermissionSet permissions, IpAllowlist allowlist,
                     Instant createdAt, Actor createdBy, Instant updatedAt, Actor updatedBy, Instant expiresAt,
                     Instant lastUsedAt, IpAddress lastUsedFrom, Instant rotatedAt, SecretHash secretHash,
                     SecretHash previousSecretHash, Instant previousValueExpiresAt, boolean enabled, TokenMeta meta,
                     TokenOwner owner, long version) {
        this.id = Objects.requireNonNull(id, "id");
        this.name = Objects.requireNonNull(name, "name");
        this.permissions = Objects.requireNonNull(permissions, "permissions");
        this.allowlist = Objects.requireNonNull(allowlist, "allowlist");
        this.createdAt = Objects.requireNonNull(createdAt, "createdAt");
        this.createdBy = Objects.requireNonNull(createdBy, "createdBy");
        this.updatedAt = updatedAt;
        this.updatedBy = updatedBy;
        this.expiresAt = expiresAt;
        this.lastUsedAt = lastUsedAt;
        this.lastUsedFrom = lastUsedFrom;
        this.rotatedAt = rotatedAt;
        this.secretHash = Objects.requireNonNull(secretHash, "secretHash");
        if ((previousSecretHash == null) != (previousValueExpiresAt == null)) {
            throw new IllegalArgumentException("a previous value and its expiry come together");
        }
        this.previousSecretHash = previousSecretHash;
        this.previousValueExpiresAt = previousValueExpiresAt;
        this.enabled = enabled;
        this.meta = Objects.requireNonNull(meta, "meta");
        this.owner = owner;
        this.version = version;
    }

    /** A new, enabled token and the event announcing it. {@code expiresAt} null means it never expires. */
    public static Created create(TokenId id, TokenName name, PermissionSet permissions, IpAllowlist allowlist,
                               Instant expiresAt, SecretHash secretHash, Origin origin) {
        return create(id, name, permissions, allowlist, expiresAt, true, TokenMeta.EMPTY, null, secretHash, origin);
    }

    /**
     * A new token and the event announcing it. {@code expiresAt} null means it never expires; a token
     * created disabled is refused by every door until a later update enables it. {@code owner} null: it
     * belongs to no owner.
     */
    public static Created create(TokenId id, TokenName name, PermissionSet permissions, IpAllowlist allowlist,
                               Instant expiresAt, boolean enabled, TokenMeta meta, TokenOwner owner, SecretHash secretHash,
                               Origin origin) {
        if (expiresAt != null && !expiresAt.isAfter(origin.at())) {
            throw new IllegalArgumentException("a new token must expire in the future");
        }
        ApiToken token = new ApiToken(id, name, permissions, allowlist, origin.at(), origin.actor(),
                origin.at(), origin.actor(), expiresAt, null, null, null, secretHash, null, null, enabled, meta, owner, 0);
        return new Created(token, new TokenCreated(token.view(), origin));
    }

    /** An enabled token as it was stored, with no previous value; no event, no validation beyond the value objects'. */
    public static ApiToken reconstitute(TokenId id, TokenName name, PermissionSet permissions, IpAllowlist allowlist,
                                        Instant createdAt, Actor createdBy, Instant updatedAt, Actor updatedBy,
                                        Instant expiresAt, Instant lastUsedAt, IpAddress lastUsedFrom, Instant rotatedAt,
                                        SecretHash secretHash, long version) {
        return reconstitute(id, name, permissions, allowlist, createdAt, createdBy, updatedAt, updatedBy,
                expiresAt, lastUsedAt, lastUsedFrom, rotatedAt, secretHash, null, null, true, TokenMeta.EMPTY, null, version);
    }

    /**
     * A token as it was stored; no event, no validation beyond the value objects'. {@code previousSecretHash}
     * and {@code previousValueExpiresAt} are both null or both set (the latter possibly past).
     */
    public static ApiToken reconstitute(TokenId id, TokenName name, PermissionSet permissions, IpAllowlist allowlist,
                                        Instant createdAt, Actor createdBy, Instant updatedAt, Actor updatedBy,
                                        Instant expiresAt, Instant lastUsedAt, IpAddress lastUsedFrom, Instant rotatedAt,
                                        SecretHash secretHash, SecretHash previousSecretHash,
                                        Instant previousValueExpiresAt, boolean enabled, TokenMeta meta, TokenOwner owner,
                                        long version) {
        return new ApiToken(id, name, permissions, allowlist, createdAt, createdBy, updatedAt, updatedBy,
                expiresAt, lastUsedAt, lastUsedFrom, rotatedAt, secretHash, previousSecretHash, previousValueExpiresAt,
                enabled, meta, owner, version);
    }

    /** The result of {@link #create}. */
    public record Created(ApiToken token, TokenCreated event) {
    }

    /** Replaces name, permissions and allowlist; the event lists what actually changed. */
    public TokenUpdated update(TokenName newName, PermissionSet newPermissions, IpAllowlist newAllowlist, Origin origin) {
        return update(newName, newPermissions, newAllowlist, enabled, meta, owner, origin);
    }

    /**
     * Replaces name, permissions, allowlist, whether the token is enabled, its metadata and its owner (null:
     * none); the event lists what actually changed. A disabled token keeps its values, and works again once enabled.
     */
    public TokenUpdated update(TokenName newName, PermissionSet newPermissions, IpAllowlist newAllowlist,
                               boolean newEnabled, TokenMeta newMeta, TokenOwner newOwner, Origin origin) {
        requireLive();
        List<FieldChange> changes = new ArrayList<>();
        if (!name.equals(newName)) {
            changes.add(new FieldChange("name", name.value(), newName.value()));
        }
        if (!permissions.equals(newPermissions)) {
            changes.add(new FieldChange("permissions", permissions.names(), newPermissions.names()));
        }
        if (!allowlist.equals(newAllowlist)) {
            changes.add(new FieldChange("allowedCIDRBlocks", allowlist.texts(), newAllowlist.texts()));
        }
        if (enabled != newEnabled) {
            changes.add(new FieldChange("enabled", enabled, newEnabled));
        }
        if (!meta.equals(newMeta)) {
            changes.add(new FieldChange("meta", meta, newMeta));
        }
        if (!Objects.equals(ownerIdOf(owner), ownerIdOf(newOwner))) {
            changes.add(new FieldChange("ownerId", ownerIdOf(owner), ownerIdOf(newOwner)));
        }
        name = newName;
        permissions = newPermissions;
        allowlist = newAllowlist;
        enabled = newEnabled;
        meta = newMeta;
        owner = newOwner;
        touch(origin);
        return new TokenUpdated(view(), origin, changes);
    }

    /** Replaces the secret: from now on only the value behind {@code next} authenticates. */
    public Rotation rotate(SecretHash next, Origin origin) {
        return rotate(next, Duration.ZERO, origin);
    }

    /**
     * Replaces the secret with {@code next}. With a positive {@code grace} the value replaced stays
     * usable as the previous value until {@code origin.at() + grace} or {@code expiresAt}, whichever
     * comes first; with none it dies at once. Either way any earlier previous value dies at once: a token
     * has at most one. The rotation lists the values that stopped working, and when.
     */
    public Rotation rotate(SecretHash next, Duration grace, Origin origin) {
        requireLive();
        if (next.equals(secretHash)) {
            throw new IllegalArgumentException("a rotation must change the secret");
        }
        if (grace.isNegative()) {
            throw new IllegalArgumentException("a grace period cannot be negative");
        }
        Instant now = origin.at();
        List<RetiredValue> retired = new ArrayList<>(2);
        if (previousSecretHash != null) {
            retired.add(new RetiredValue(previousSecretHash, previousValueExpiresAt.isBefore(now) ? previousValueExpiresAt : now));
        }
        Instant graceEnd = now.plus(grace);
        if (expiresAt != null && expiresAt.isBefore(graceEnd)) {
            graceEnd = expiresAt;
        }
        if (graceEnd.isAfter(now)) {
            previousSecretHash = secretHash;
            previousValueExpiresAt = graceEnd;
        } else {
            retired.add(new RetiredValue(secretHash, now));
            previousSecretHash = null;
            previousValueExpiresAt = null;
        }
        secretHash = next;
        rotatedAt = now;
        touch(origin);
        return new Rotation(new TokenRotated(view(), origin), List.copyOf(retired));
    }

    /**
     * The result of {@link #rotate}: its event, and the values it retired (no longer usable from
     * {@code retiredAt}), which reuse detection remembers.
     */
    public record Rotation(TokenRotated event, List<RetiredValue> retired) {
    }

    /** A value that stopped working at {@code retiredAt}, by its hash. */
    public record RetiredValue(SecretHash hash, Instant retiredAt) {
    }

    /** Deletes the token for good: no later change is accepted. */
    public TokenDeleted delete(Origin origin) {
        requireLive();
        deleted = true;
        return new TokenDeleted(view(), origin);
    }

    /** Deletes the token because its value leaked: the same end as {@link #delete}, told as a leak. */
    public TokenLeaked deleteAsLeaked(String location, String source, Origin origin) {
        requireLive();
        deleted = true;
        return new TokenLeaked(view(), origin, location, source);
    }

    /** Deletes the token because a value it had before a rotation was used again ({@code keyward.tokens.revoke-on-reuse}). */
    public TokenReused deleteAsReused(Instant retiredAt, Origin origin) {
        requireLive();
        deleted = true;
        return new TokenReused(view(), origin, retiredAt, true);
    }

    /** Whether a presentation of this token at {@code now} from {@code address} is accepted. */
    public boolean acceptsUseFrom(IpAddress address, Instant now) {
        return !deleted && enabled && !isExpiredAt(now) && allowlist.permits(address);
    }

    /**
     * Whether the value behind {@code hash} authenticates as this token at {@code now}: its current
     * value, or its previous one while the grace period lasts; never once the token expired or was deleted.
     */
    public boolean acceptsCredential(SecretHash hash, Instant now) {
        return !deleted && !isExpiredAt(now) && (secretHash.equals(hash) || isPreviousValueAt(hash, now));
    }

    /** Whether {@code hash} is this token's previous value and its grace period still lasts at {@code now}. */
    public boolean isPreviousValueAt(SecretHash hash, Instant now) {
        return previousSecretHash != null && previousSecretHash.equals(hash) && now.isBefore(previousValueExpiresAt);
    }

    public boolean isExpiredAt(Instant now) {
        return Expiry.hasPassed(expiresAt, now);
    }

    private void touch(Origin origin) {
        updatedAt = origin.at();
        updatedBy = origin.actor();
    }

    private void requireLive() {
        if (deleted) {
            throw new IllegalStateException("token " + id + " was deleted; deletion is final");
        }
    }

    public TokenView view() {
        return new TokenView(id, name, permissions, allowlist, createdAt, createdBy, updatedAt, updatedBy,
                expiresAt, lastUsedAt, lastUsedFrom, rotatedAt, previousValueExpiresAt, enabled, meta, owner);
    }

    public TokenId id() {
        return id;
    }

    public TokenName name() {
        return name;
    }

    public PermissionSet permissions() {
        return permissions;
    }

    public IpAllowlist allowlist() {
        return allowlist;
    }

    public Instant createdAt() {
        return createdAt;
    }

    public Actor createdBy() {
        return createdBy;
    }

    public Instant updatedAt() {
        return updatedAt;
    }

    public Actor updatedBy() {
        return updatedBy;
    }

    public Instant expiresAt() {
        return expiresAt;
    }

    public Instant lastUsedAt() {
        return lastUsedAt;
    }

    /** The client address of the last recorded use; null when never used or the address was unknown. */
    public IpAddress lastUsedFrom() {
        return lastUsedFrom;
    }

    public Instant rotatedAt() {
        return rotatedAt;
    }

    public SecretHash secretHash() {
        return secretHash;
    }

    /** The hash of the value this token had before its last rotation, if that rotation granted a grace period; else null. */
    public SecretHash previousSecretHash() {
        return previousSecretHash;
    }

    /** When the previous value stops (or stopped) working; null when there is none. */
    public Instant previousValueExpiresAt() {
        return previousValueExpiresAt;
    }

    /** The optimistic-lock version this instance was read at; persistence bumps it on every write. */
    public long version() {
        return version;
    }

    /** Whether the token may be used: a disabled one is refused by every door, yet kept, listed and changeable. */
    public boolean isEnabled() {
        return enabled;
    }

    public TokenMeta meta() {
        return meta;
    }

    /** Whose the token is; null when it belongs to no owner. */
    public TokenOwner owner() {
        return owner;
    }

    private static String ownerIdOf(TokenOwner owner) {
        return owner == null ? null : owner.id().toString();
    }

    public boolean isDeleted() {
        return deleted;
    }

    @Override
    public String toString() {
        return "ApiToken[" + id + ", " + name + "]";
    }
}
