package dev.keyward.domain.permission;

import dev.keyward.domain.error.ForbiddenException;
import dev.keyward.domain.error.InvalidInputException;

import java.util.Collection;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** An immutable set of permissions, in the enum's (alphabetical) order. */
public record PermissionSet(Set<Permission> permissions) {

    public PermissionSet {
        permissions = permissions.isEmpty()
                ? Collections.unmodifiableSet(EnumSet.noneOf(Permission.class))
                : Collections.unmodifiableSet(EnumSet.copyOf(permissions));
    }

    public static PermissionSet of(Permission... permissions) {
        return new PermissionSet(Set.of(permissions));
    }

    public static PermissionSet all() {
        return new PermissionSet(EnumSet.allOf(Permission.class));
    }

    /**
     * Parses names as a client sent them under {@code field}: every name must be one of the 37, and
     * none may appear twice (a duplicate is almost always a client bug worth surfacing).
     */
    public static PermissionSet parse(String field, Collection<String> names) {
        if (names == null) {
            throw new InvalidInputException(field, field + " is required");
        }
        EnumSet<Permission> set = EnumSet.noneOf(Permission.class);
        for (String name : names) {
            Permission permission = Permission.named(name).orElseThrow(() -> new InvalidInputException(
                    field, "unknown permission '" + name + "' in " + field));
            if (!set.add(permission)) {
                throw new InvalidInputException(field, "permission '" + name + "' is listed twice in " + field);
            }
        }
        return new PermissionSet(set);
    }

    public boolean contains(Permission permission) {
        return permissions.contains(permission);
    }

    /**
     * Refuses unless this set holds {@code permission}, which {@code action} (e.g. "create tokens")
     * needs.
     *
     * @throws ForbiddenException naming the permission and the action
     */
    public void require(Permission permission, String action) {
        if (!contains(permission)) {
            throw ForbiddenException.lacking(permission.name(), "this token lacks the " + permission + " permission needed to " + action);
        }
    }

    /** The first permission of {@code wanted} this set lacks, if any. */
    public Optional<Permission> firstMissingFrom(PermissionSet wanted) {
        return wanted.permissions.stream().filter(p -> !permissions.contains(p)).findFirst();
    }

    /** The permissions of {@code wanted} this set lacks; empty when it holds them all. */
    public PermissionSet missingFrom(PermissionSet wanted) {
        EnumSet<Permission> missing = wanted.permissions.isEmpty()
                ? EnumSet.noneOf(Permission.class) : EnumSet.copyOf(wanted.permissions);
        missing.removeAll(permissions);
        return new PermissionSet(missing);
    }

    public boolean isEmpty() {
        return permissions.isEmpty();
    }

    public List<String> names() {
        return permissions.stream().map(Enum::name).toList();
    }
}
