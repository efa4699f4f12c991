package dev.keyward.domain.permission;

import dev.keyward.domain.error.InvalidInputException;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import java.util.function.Supplier;

/** {@link PermissionQuery}'s grammar, by recursive descent: query = and (OR and)*; and = term (AND term)*; term = name | "(" query ")". */
final class PermissionQueryParser {

    private final String field;
    private final List<String> tokens;
    private int next;
    private int names;

    PermissionQueryParser(String field, String text) {
        this.field = field;
        if (text == null || text.isBlank()) {
            throw refused("is empty: name at least one permission");
        }
        this.tokens = tokens(text);
    }

    PermissionQuery query() {
        PermissionQuery query = or(0);
        if (next < tokens.size()) {
            throw refused("has '" + tokens.get(next) + "' where AND, OR or the end was expected");
        }
        return query;
    }

    private PermissionQuery or(int depth) {
        return joined("OR", () -> and(depth), PermissionQuery.Any::new);
    }

    private PermissionQuery and(int depth) {
        return joined("AND", () -> term(depth), PermissionQuery.All::new);
    }

    /** One or more operands joined by {@code keyword}: the operand alone, or {@code join} of them all. */
    private PermissionQuery joined(String keyword, Supplier<PermissionQuery> operand, Function<List<PermissionQuery>, PermissionQuery> join) {
        List<PermissionQuery> terms = new ArrayList<>();
        terms.add(operand.get());
        while (keyword(keyword)) {
            terms.add(operand.get());
        }
        return terms.size() == 1 ? terms.get(0) : join.apply(terms);
    }

    private PermissionQuery term(int depth) {
        if (next >= tokens.size()) {
            throw refused("ends where a permission or '(' was expected");
        }
        String token = tokens.get(next++);
        if (token.equals("(")) {
            if (depth == PermissionQuery.MAX_DEPTH) {
                throw refused("nests parentheses more than " + PermissionQuery.MAX_DEPTH + " levels deep");
            }
            PermissionQuery inner = or(depth + 1);
            if (next >= tokens.size() || !tokens.get(next).equals(")")) {
                throw refused("opens a '(' it does not close");
            }
            next++;
            return inner;
        }
        if (token.equals(")") || isKeyword(token)) {
            throw refused("has '" + token + "' where a permission or '(' was expected");
        }
        if (token.contains("*")) {
            throw refused("names the wildcard '" + token + "': a required permission is never a wildcard");
        }
        if (++names > PermissionQuery.MAX_NAMES) {
            throw refused("names more than " + PermissionQuery.MAX_NAMES + " permissions");
        }
        Permission permission = Permission.named(token).orElseThrow(() ->
                new InvalidInputException(field, "unknown permission '" + token + "' in " + field));
        return new PermissionQuery.Name(permission);
    }

    private boolean keyword(String word) {
        if (next < tokens.size() && tokens.get(next).toUpperCase(Locale.ROOT).equals(word)) {
            next++;
            return true;
        }
        return false;
    }

    private static boolean isKeyword(String token) {
        String upper = token.toUpperCase(Locale.ROOT);
        return upper.equals("AND") || upper.equals("OR");
    }

    /** Parentheses are tokens of their own; anything else is split at white space. */
    private static List<String> tokens(String text) {
        List<String> tokens = new ArrayList<>();
        StringBuilder word = new StringBuilder();
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '(' || c == ')' || Character.isWhitespace(c)) {
                if (!word.isEmpty()) {
                    tokens.add(word.toString());
                    word.setLength(0);
                }
                if (!Character.isWhitespace(c)) {
                    tokens.add(String.valueOf(c));
                }
            } else {
                word.append(c);
            }
        }
        if (!word.isEmpty()) {
            tokens.add(word.toString());
        }
        return tokens;
    }

    private InvalidInputException refused(String why) {
        return new InvalidInputException(field, "the permission query in " + field + " " + why);
    }
}
