package dev.keyward.domain.error;

/**
 * The caller is known but may not do this: it lacks the permission named by {@link #permission()}, or
 * (null) its reach is too narrow. Holds the permission's name, so errors know nothing of the permission model.
 */
public final class ForbiddenException extends DomainException {
    private final String permission;

    private ForbiddenException(String permission, String message) {
        super(message);
        this.permission = permission;
    }

    /** A refusal about reach (network or lifetime) rather than a permission. */
    public ForbiddenException(String message) {
        this(null, message);
    }

    /** A refusal for lacking the permission named {@code permission}. */
    public static ForbiddenException lacking(String permission, String message) {
        return new ForbiddenException(permission, message);
    }

    /** The missing permission's name, or null when the refusal is about reach. */
    public String permission() {
        return permission;
    }
}
