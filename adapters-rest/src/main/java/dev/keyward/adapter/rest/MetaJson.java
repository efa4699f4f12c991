package dev.keyward.adapter.rest;

import dev.keyward.domain.token.TokenMeta;
import io.micronaut.json.JsonMapper;
import io.micronaut.json.tree.JsonNode;

import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * A token's metadata between its stored JSON text ({@link TokenMeta}) and the JSON trees of this
 * adapter's requests and answers. The mapper is Micronaut's default one: reading and writing plain JSON
 * objects needs none of the application's settings.
 */
final class MetaJson {

    private static final JsonMapper JSON = JsonMapper.createDefault();

    private MetaJson() {
    }

    /** The metadata as a tree for an answer; {@code {}} when there is none. */
    static JsonNode tree(TokenMeta meta) {
        try {
            return JSON.readValue(meta.json(), JsonNode.class);
        } catch (IOException e) {
            throw new UncheckedIOException("stored metadata is not JSON", e);
        }
    }

    /** A client's object as compact JSON text, for {@link TokenMeta#parse}. */
    static String text(JsonNode object) {
        try {
            return JSON.writeValueAsString(object);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * What a gateway header carries for {@code key}: a string as it is, any other JSON value as its
     * compact JSON text; null when the metadata has no such key (or holds null for it).
     */
    static String headerValue(JsonNode meta, String key) {
        JsonNode value = meta.get(key);
        if (value == null || value.isNull()) {
            return null;
        }
        return value.isString() ? value.getStringValue() : text(value);
    }
}
