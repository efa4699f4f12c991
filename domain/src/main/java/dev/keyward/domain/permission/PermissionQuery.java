package dev.keyward.domain.permission;

import dev.keyward.domain.error.InvalidInputException;

import java.util.EnumSet;
import java.util.List;

/**
 * What a check requires, as a query over permission names: {@code "AlertRead AND (RuleRead OR
 * UserRead)"}. {@code AND} binds tighter than {@code OR} without parentheses; the keywords may be
 * written in any case (no permission is named {@code and} or {@code or}). At most {@value #MAX_NAMES}
 * names and {@value #MAX_DEPTH} levels of parentheses; a required permission is never a wildcard. A
 * list of names is the query that requires them all ({@link #allOf}).
 */
public sealed interface PermissionQuery {

    int MAX_NAMES = 50;
    int MAX_DEPTH = 5;

    /** Whether {@code held} satisfies the query. */
    boolean isSatisfiedBy(PermissionSet held);

    /** Every permission the query names, whether or not it would have sufficed. */
    PermissionSet names();

    /**
     * @return every name in the query that {@code held} lacks (what would have sufficed, for a client
     *         to show), or none when the query is satisfied
     */
    default PermissionSet missingFrom(PermissionSet held) {
        if (isSatisfiedBy(held)) {
            return PermissionSet.of();
        }
        EnumSet<Permission> missing = EnumSet.noneOf(Permission.class);
        for (Permission name : names().permissions()) {
            if (!held.contains(name)) {
                missing.add(name);
            }
        }
        return new PermissionSet(missing);
    }

    /** One permission. */
    record Name(Permission permission) implements PermissionQuery {
        @Override
        public boolean isSatisfiedBy(PermissionSet held) {
            return held.contains(permission);
        }

        @Override
        public PermissionSet names() {
            return PermissionSet.of(permission);
        }
    }

    /** Every term: {@code AND}; with no term, nothing is required. */
    record All(List<PermissionQuery> terms) implements PermissionQuery {

        /** Requires nothing: every check that asks only whether the key is good. */
        private static final All NOTHING = new All(List.of());

        public All {
            terms = List.copyOf(terms);
        }

        @Override
        public boolean isSatisfiedBy(PermissionSet held) {
            for (PermissionQuery term : terms) {
                if (!term.isSatisfiedBy(held)) {
                    return false;
                }
            }
            return true;
        }

        @Override
        public PermissionSet names() {
            return union(terms);
        }
    }

    /** At least one term: {@code OR}. */
    record Any(List<PermissionQuery> terms) implements PermissionQuery {
        public Any {
            terms = List.copyOf(terms);
            if (terms.isEmpty()) {
                throw new IllegalArgumentException("OR of nothing");
            }
        }

        @Override
        public boolean isSatisfiedBy(PermissionSet held) {
            for (PermissionQuery term : terms) {
                if (term.isSatisfiedBy(held)) {
                    return true;
                }
            }
            return false;
        }

        @Override
        public PermissionSet names() {
            return union(terms);
        }
    }

    /** Requires nothing. */
    static PermissionQuery none() {
        return All.NOTHING;
    }

    /** Requires every permission of {@code required}; with none, {@link #none}, made once (every REST request asks it). */
    static PermissionQuery allOf(PermissionSet required) {
        if (required.permissions().isEmpty()) {
            return none();
        }
        return new All(required.permissions().stream().<PermissionQuery>map(Name::new).toList());
    }

    /**
     * Parses a query a client sent under {@code field}.
     *
     * @throws InvalidInputException naming {@code field} for a malformed query, a wildcard, an unknown
     *                               name, or one over the limits
     */
    static PermissionQuery parse(String field, String text) {
        return new PermissionQueryParser(field, text).query();
    }

    private static PermissionSet union(List<PermissionQuery> terms) {
        EnumSet<Permission> all = EnumSet.noneOf(Permission.class);
        for (PermissionQuery term : terms) {
            all.addAll(term.names().permissions());
        }
        return new PermissionSet(all);
    }
}
