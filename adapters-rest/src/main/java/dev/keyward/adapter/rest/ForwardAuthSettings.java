package dev.keyward.adapter.rest;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.annotation.Nullable;

import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The {@code keyward.forward-auth.*} settings, each default written here only.
 *
 * @param metaHeaders metadata keys forward-auth passes on, each as {@code X-Keyward-Meta-<Key>} (e.g.
 *                    {@code plan,region}); unset: none. A key is letters, digits, {@code -} and {@code _}.
 */
@ConfigurationProperties("keyward.forward-auth")
public record ForwardAuthSettings(@Nullable List<String> metaHeaders) {

    private static final Pattern KEY = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_-]{0,63}");

    public ForwardAuthSettings {
        metaHeaders = metaHeaders == null ? List.of() : List.copyOf(metaHeaders);
        Set<String> headers = new HashSet<>();
        for (String key : metaHeaders) {
            if (!KEY.matcher(key).matches()) {
                throw new IllegalArgumentException("keyward.forward-auth.meta-headers: '" + key
                        + "' cannot name a header; use letters, digits, - and _ (at most 64)");
            }
            // Header names ignore case: plan and Plan would be one header with two values.
            if (!headers.add(headerFor(key).toLowerCase(Locale.ROOT))) {
                throw new IllegalArgumentException("keyward.forward-auth.meta-headers: '" + key
                        + "' names the same header as another key (" + headerFor(key) + ")");
            }
        }
    }

    /** {@code plan} → {@code X-Keyward-Meta-Plan}, {@code data-region} → {@code X-Keyward-Meta-Data-Region}. */
    static String headerFor(String key) {
        StringBuilder name = new StringBuilder("X-Keyward-Meta-");
        boolean start = true;
        for (char c : key.toCharArray()) {
            name.append(start ? Character.toUpperCase(c) : Character.toLowerCase(c));
            start = c == '-';
        }
        return name.toString();
    }
}
