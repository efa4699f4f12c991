package dev.keyward.adapter.graphql;

import dev.keyward.domain.error.InvalidInputException;
import dev.keyward.domain.lifecycle.RotationPolicy;
import dev.keyward.domain.manage.CreateTokenCommand;
import dev.keyward.domain.manage.TokenPage;
import dev.keyward.domain.manage.TokenWithValue;
import dev.keyward.domain.manage.UpdateTokenCommand;
import dev.keyward.domain.owner.OwnerQueries;
import dev.keyward.domain.token.Actor;
import dev.keyward.domain.token.OwnerView;
import dev.keyward.domain.token.TokenMeta;
import dev.keyward.domain.token.TokenView;
import io.micronaut.json.JsonMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Translates between GraphQL argument maps and the domain's commands, and from the domain's views
 * to the maps graphql-java reads fields from. Values are formatted exactly as the REST adapter
 * formats them, so one token reads the same through both APIs.
 */
final class ApiTokenMapper {

    /** Plain JSON objects need none of the application's settings: Micronaut's default mapper. */
    private static final JsonMapper JSON = JsonMapper.createDefault();

    private final RotationPolicy rotation;

    ApiTokenMapper(RotationPolicy rotation) {
        this.rotation = rotation;
    }

    static CreateTokenCommand toCreateCommand(Map<String, Object> input) {
        return new CreateTokenCommand(string(input, "name"), strings(input, "permissions"),
                strings(input, "allowedCIDRBlocks"), string(input, "expiresAt"), bool(input, "enabled"), metaText(input),
                string(input, "ownerId"));
    }

    static UpdateTokenCommand toUpdateCommand(Map<String, Object> input) {
        return new UpdateTokenCommand(string(input, "name"), strings(input, "permissions"), strings(input, "allowedCIDRBlocks"),
                bool(input, "enabled"), metaText(input),
                input != null && input.containsKey("ownerId") ? new UpdateTokenCommand.OwnerChange(string(input, "ownerId")) : null);
    }

    /** {@code rotationDueAt} is computed from the installation's rotation period, never stored. */
    Map<String, Object> toMap(TokenView token) {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("id", token.id().toString());
        map.put("name", token.name().value());
        map.put("permissions", token.permissions().names());
        map.put("allowedCIDRBlocks", token.allowlist().texts());
        map.put("createdAt", text(token.createdAt()));
        map.put("createdBy", actor(token.createdBy()));
        map.put("updatedAt", text(token.updatedAt()));
        map.put("updatedBy", actor(token.updatedBy()));
        map.put("expiresAt", text(token.expiresAt()));
        map.put("lastUsedAt", text(token.lastUsedAt()));
        map.put("lastUsedFrom", token.lastUsedFrom() == null ? null : token.lastUsedFrom().toString());
        map.put("rotatedAt", text(token.rotatedAt()));
        map.put("rotationDueAt", text(rotation.dueAt(token)));
        map.put("previousValueExpiresAt", text(token.previousValueExpiresAt()));
        map.put("enabled", token.enabled());
        map.put("meta", read(token.meta()));
        map.put("ownerId", token.owner() == null ? null : token.owner().id().toString());
        return map;
    }

    /** The one place a token value is handed to graphql-java: create and rotate payloads. */
    Map<String, Object> toMap(TokenWithValue issued) {
        Map<String, Object> map = toMap(issued.token());
        map.put("value", issued.value().reveal());
        return map;
    }

    /** An owner as the Owner type reads it, formatted as the REST adapter formats it. */
    static Map<String, Object> toMap(OwnerView owner) {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("id", owner.id().toString());
        map.put("externalId", owner.externalId());
        map.put("name", owner.name());
        map.put("meta", read(owner.meta()));
        map.put("createdAt", text(owner.createdAt()));
        map.put("updatedAt", text(owner.updatedAt()));
        return map;
    }

    static Map<String, Object> toMap(OwnerQueries.Page page) {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("results", page.results().stream().map(ApiTokenMapper::toMap).toList());
        map.put("next", page.next().orElse(null));
        return map;
    }

    Map<String, Object> toMap(TokenPage page) {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("results", page.results().stream().map(this::toMap).toList());
        map.put("next", page.next().orElse(null));
        return map;
    }

    private static Map<String, Object> actor(Actor actor) {
        if (actor == null) {
            return null;
        }
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("id", actor.id());
        map.put("type", actor.type().wireName());
        return map;
    }

    /** RFC 3339 in UTC, e.g. 2030-01-31T12:00:00.123456Z, as the REST adapter writes it. */
    private static String text(Instant instant) {
        return instant == null ? null : instant.toString();
    }

    private static String string(Map<String, Object> input, String field) {
        Object value = input == null ? null : input.get(field);
        return value == null ? null : value.toString();
    }

    /** The JSON scalar has parsed the input; Keyward keeps an object only, as its compact JSON text. */
    static String metaText(Map<String, Object> input) {
        Object value = input == null ? null : input.get("meta");
        if (value == null) {
            return null;
        }
        if (!(value instanceof Map<?, ?>)) {
            throw new InvalidInputException("meta", "meta must be a JSON object, e.g. {plan: \"gold\"}");
        }
        try {
            return JSON.writeValueAsString(value);
        } catch (IOException e) {
            throw new InvalidInputException("meta", "meta must be a JSON object");
        }
    }

    /** Stored metadata as the Map the JSON scalar writes out. */
    private static Map<?, ?> read(TokenMeta meta) {
        try {
            return JSON.readValue(meta.json(), Map.class);
        } catch (IOException e) {
            throw new UncheckedIOException("stored metadata is not JSON", e);
        }
    }

    /** GraphQL has already coerced a Boolean input. */
    private static Boolean bool(Map<String, Object> input, String field) {
        Object value = input == null ? null : input.get(field);
        return value == null ? null : (Boolean) value;
    }

    /** GraphQL has already coerced list inputs (and enum names) to lists of strings. */
    private static List<String> strings(Map<String, Object> input, String field) {
        Object value = input == null ? null : input.get(field);
        if (value == null) {
            return null;
        }
        return ((List<?>) value).stream().map(String::valueOf).toList();
    }
}
