package dev.keyward.domain.manage;

import dev.keyward.domain.error.ForbiddenException;
import dev.keyward.domain.network.IpAllowlist;
import dev.keyward.domain.permission.PermissionSet;
import dev.keyward.domain.token.ApiToken;

import java.time.Instant;

/**
 * The rules between a calling token and a token it creates, updates or rotates: the result may hold
 * no permission the caller lacks, be usable from no network the caller is fenced out of, and live no
 * longer than the caller — otherwise a short-lived, network-fenced CI token could mint itself a
 * permanent, anywhere-usable, more powerful successor. Deleting is never fenced: it only takes reach
 * away. Whether the caller may write at all (its permissions) is checked before, by the use case.
 *
 * @param acting the calling token as re-read inside the write's transaction
 */
public record ActingTokenPolicy(ApiToken acting) {

    /** A new token with these settings; {@code expiresAt} null means never. */
    public void checkCreate(PermissionSet permissions, IpAllowlist allowlist, Instant expiresAt) {
        guardPrivileges(permissions, "grant");
        guardNetworkReach(allowlist, "create");
        guardLifetime(expiresAt, "create");
    }

    /** {@code target} getting {@code newPermissions} and {@code newAllowlist}; its lifetime never changes. */
    public void checkUpdate(ApiToken target, PermissionSet newPermissions, IpAllowlist newAllowlist) {
        guardPrivileges(newPermissions, "grant");
        guardPrivileges(target.permissions(), "update a token holding");
        guardNetworkReach(newAllowlist, "update");
    }

    /** A new value for {@code target}: whoever holds it gets the target's reach. A token may always rotate itself. */
    public void checkRotate(ApiToken target) {
        if (target.id().equals(acting.id())) {
            return;
        }
        guardPrivileges(target.permissions(), "rotate a token holding");
        guardNetworkReach(target.allowlist(), "rotate");
        guardLifetime(target.expiresAt(), "rotate");
    }

    private void guardPrivileges(PermissionSet wanted, String verb) {
        acting.permissions().firstMissingFrom(wanted).ifPresent(missing -> {
            throw ForbiddenException.lacking(missing.name(), "this token cannot " + verb + " the " + missing
                    + " permission because it does not hold it itself");
        });
    }

    private void guardNetworkReach(IpAllowlist allowlist, String verb) {
        if (!acting.allowlist().covers(allowlist)) {
            throw new ForbiddenException("this token may only be used from " + String.join(", ", acting.allowlist().texts())
                    + ", so it cannot " + verb + " a token whose allowedCIDRBlocks reach beyond that"
                    + (allowlist.isAnyAddress() ? " (an empty list means any address)" : ""));
        }
    }

    private void guardLifetime(Instant expiresAt, String verb) {
        if (acting.expiresAt() != null && (expiresAt == null || expiresAt.isAfter(acting.expiresAt()))) {
            throw new ForbiddenException("this token expires at " + acting.expiresAt() + ", so it cannot " + verb
                    + " a token that expires later or never: give expiresAt no later than that");
        }
    }
}
