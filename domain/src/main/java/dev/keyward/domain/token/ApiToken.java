package dev.keyward.domain.token;

import dev.keyward.domain.event.FieldChange;
import dev.keyward.domain.event.TokenCreated;
import dev.keyward.domain.event.TokenDeleted;
import dev.keyward.domain.event.TokenRotated;
import dev.keyward.domain.event.TokenUpdated;
import dev.keyward.domain.network.IpAddress;
import dev.keyward.domain.network.IpAllowlist;
import dev.keyward.domain.permission.PermissionSet;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The API token aggregate. Its invariants: the secret is held only as a hash; rotation replaces the
 * hash so the old value is dead at once; a deleted token can never change again. Every
 * state change returns the event that describes it, for the audit outbox.
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
    private final long version;
    private boolean deleted;

    private ApiToken(TokenId id, TokenName name, PermissionSet permissions, IpAllowlist allowlist,
                     Instant createdAt, Actor createdBy, Instant updatedAt, Actor updatedBy, Instant expiresAt,
                     Instant lastUsedAt, IpAddress lastUsedFrom, Instant rotatedAt, SecretHash secretHash, long version) {
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
        this.version = version;
    }

    /** A new token and the event announcing it. {@code expiresAt} null means it never expires. */
    public static Created create(TokenId id, TokenName name, PermissionSet permissions, IpAllowlist allowlist,
                               Instant expiresAt, SecretHash secretHash, Origin origin) {
        if (expiresAt != null && !expiresAt.isAfter(origin.at())) {
            throw new IllegalArgumentException("a new token must expire in the future");
        }
        ApiToken token = new ApiToken(id, name, permissions, allowlist, origin.at(), origin.actor(),
                origin.at(), origin.actor(), expiresAt, null, null, null, secretHash, 0);
        return new Created(token, new TokenCreated(token.view(), origin));
    }

    /** A token as it was stored; no event, no validation beyond the value objects'. */
    public static ApiToken reconstitute(TokenId id, TokenName name, PermissionSet permissions, IpAllowlist allowlist,
                                        Instant createdAt, Actor createdBy, Instant updatedAt, Actor updatedBy,
                                        Instant expiresAt, Instant lastUsedAt, IpAddress lastUsedFrom, Instant rotatedAt,
                                        SecretHash secretHash, long version) {
        return new ApiToken(id, name, permissions, allowlist, createdAt, createdBy, updatedAt, updatedBy,
                expiresAt, lastUsedAt, lastUsedFrom, rotatedAt, secretHash, version);
    }

    /** The result of {@link #create}. */
    public record Created(ApiToken token, TokenCreated event) {
    }

    /** Replaces name, permissions and allowlist; the event lists what actually changed. */
    public TokenUpdated update(TokenName newName, PermissionSet newPermissions, IpAllowlist newAllowlist, Origin origin) {
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
        name = newName;
        permissions = newPermissions;
        allowlist = newAllowlist;
        touch(origin);
        return new TokenUpdated(view(), origin, changes);
    }

    /** Replaces the secret: from now on only the value behind {@code next} authenticates. */
    public TokenRotated rotate(SecretHash next, Origin origin) {
        requireLive();
        if (next.equals(secretHash)) {
            throw new IllegalArgumentException("a rotation must change the secret");
        }
        secretHash = next;
        rotatedAt = origin.at();
        touch(origin);
        return new TokenRotated(view(), origin);
    }

    /** Deletes the token for good: no later change is accepted. */
    public TokenDeleted delete(Origin origin) {
        requireLive();
        deleted = true;
        return new TokenDeleted(view(), origin);
    }

    /** Whether a presentation of this token at {@code now} from {@code address} is accepted. */
    public boolean acceptsUseFrom(IpAddress address, Instant now) {
        return !deleted && !isExpiredAt(now) && allowlist.permits(address);
    }

    public boolean isExpiredAt(Instant now) {
        return expiresAt != null && !now.isBefore(expiresAt);
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
                expiresAt, lastUsedAt, lastUsedFrom, rotatedAt);
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

    /** The optimistic-lock version this instance was read at; persistence bumps it on every write. */
    public long version() {
        return version;
    }

    public boolean isDeleted() {
        return deleted;
    }

    @Override
    public String toString() {
        return "ApiToken[" + id + ", " + name + "]";
    }
}
