package dev.keyward.domain.token;

import dev.keyward.domain.error.InvalidInputException;

import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * A little metadata a client keeps on a token for the services behind the gateway (a plan, a region, a
 * customer number): one JSON object, held as the compact text the adapter serialized it to, at most
 * {@link #MAX_BYTES} bytes of UTF-8. The domain never looks inside; the adapters read and write it with
 * their JSON library. It may not hold a Keyward token value, since it is shown, logged in events and stored.
 */
public record TokenMeta(String json) {

    public static final int MAX_BYTES = 4096;

    /** No metadata: {@code {}}. */
    public static final TokenMeta EMPTY = new TokenMeta("{}");

    public TokenMeta {
        Objects.requireNonNull(json, "json");
        if (!json.startsWith("{") || !json.endsWith("}")) {
            throw new IllegalArgumentException("metadata is a JSON object");
        }
    }

    /**
     * A client's metadata under {@code field}, already serialized as compact JSON by the adapter that
     * checked it is an object.
     *
     * @throws InvalidInputException naming {@code field} when it is too large or holds a token value
     */
    public static TokenMeta parse(String field, String compactObjectJson) {
        int bytes = compactObjectJson.getBytes(StandardCharsets.UTF_8).length;
        if (bytes > MAX_BYTES) {
            throw new InvalidInputException(field, field + " may be at most " + MAX_BYTES + " bytes as compact JSON; this is " + bytes);
        }
        if (TokenValue.occursIn(compactObjectJson)) {
            throw new InvalidInputException(field, field + " may not hold a Keyward token value: it is shown, stored and sent in events");
        }
        return new TokenMeta(compactObjectJson);
    }

    public boolean isEmpty() {
        return EMPTY.equals(this);
    }

    @Override
    public String toString() {
        return json;
    }
}
