package dev.keyward.domain.error;

import dev.keyward.domain.permission.Permission;

/** The caller is known but may not do this: it lacks {@link #permission()}, or (null) its reach is too narrow. */
public final class ForbiddenException extends DomainException {
    private final Permission permission;

    public ForbiddenException(Permission permission, String message) {
        super(message);
        this.permission = permission;
    }

    /** A refusal about reach (network or lifetime) rather than a permission. */
    public ForbiddenException(String message) {
        this(null, message);
    }

    /** The missing permission, or null when the refusal is about reach. */
    public Permission permission() {
        return permission;
    }
}
