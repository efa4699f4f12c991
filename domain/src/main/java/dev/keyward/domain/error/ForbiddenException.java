package dev.keyward.domain.error;

import dev.keyward.domain.permission.Permission;

/** The caller is known but lacks {@link #permission()}. */
public final class ForbiddenException extends DomainException {
    private final Permission permission;

    public ForbiddenException(Permission permission, String message) {
        super(message);
        this.permission = permission;
    }

    public Permission permission() {
        return permission;
    }
}
