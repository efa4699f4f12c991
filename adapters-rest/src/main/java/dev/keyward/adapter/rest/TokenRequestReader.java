package dev.keyward.adapter.rest;

import dev.keyward.domain.error.InvalidInputException;
import dev.keyward.domain.manage.BulkDeleteCommand;
import dev.keyward.domain.manage.UpdateTokenCommand;
import io.micronaut.core.type.Argument;
import io.micronaut.json.JsonMapper;
import io.micronaut.json.tree.JsonNode;
import jakarta.inject.Singleton;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads request bodies as a JSON tree and checks every field's JSON type itself, so that
 * {@code "name": 5} is a 400 naming {@code name} instead of being coerced to the string "5".
 * Unknown fields are ignored; a JSON null counts as "not sent".
 */
@Singleton
final class TokenRequestReader {

    private static final Argument<JsonNode> TREE = Argument.of(JsonNode.class);

    private final JsonMapper json;

    TokenRequestReader(JsonMapper json) {
        this.json = json;
    }

    CreateTokenRequest readCreate(byte[] body) {
        JsonNode object = readObject(body);
        return new CreateTokenRequest(
                string(object, "name"),
                strings(object, "permissions"),
                strings(object, "allowedCIDRBlocks"),
                string(object, "expiresAt"),
                bool(object, "enabled"),
                object(object, "meta"),
                string(object, "ownerId"));
    }

    UpdateTokenRequest readUpdate(byte[] body) {
        JsonNode object = readObject(body);
        return new UpdateTokenRequest(
                string(object, "name"),
                strings(object, "permissions"),
                strings(object, "allowedCIDRBlocks"),
                bool(object, "enabled"),
                object(object, "meta"),
                object.get("ownerId") == null ? null : new UpdateTokenCommand.OwnerChange(string(object, "ownerId")));
    }

    /** The body of {@code POST /api-tokens/bulk-delete}: {@code ownerId} or {@code ids}; the domain checks which. */
    BulkDeleteCommand readBulkDelete(byte[] body) {
        JsonNode object = readObject(body);
        return new BulkDeleteCommand(string(object, "ownerId"), strings(object, "ids"));
    }

    /** The body of {@code POST /owners}: {@code externalId} (the domain requires it), {@code name}, {@code meta}. */
    OwnerRequest readOwner(byte[] body) {
        JsonNode object = readObject(body);
        return new OwnerRequest(string(object, "externalId"), string(object, "name"), object(object, "meta"));
    }

    /** The body of {@code POST /owners/{id}}: {@code externalId} may not be sent, it never changes. */
    OwnerRequest readOwnerUpdate(byte[] body) {
        JsonNode object = readObject(body);
        if (object.get("externalId") != null) {
            throw new InvalidInputException("externalId", "externalId never changes: it is what the platform knows the owner by");
        }
        return new OwnerRequest(null, string(object, "name"), object(object, "meta"));
    }

    /** An owner's fields as sent; null: not sent. {@code meta} is the client's object as compact JSON text. */
    record OwnerRequest(String externalId, String name, String meta) {
    }

    /**
     * The optional body of a rotation: none (or only white space) is Panther's rotation, as is
     * {@code {}}; else a JSON object whose {@code gracePeriodSeconds}, if sent, is a whole number.
     *
     * @return the grace period asked for, in seconds; null when none was
     */
    Long readRotateGracePeriod(byte[] body) {
        if (body == null || new String(body, StandardCharsets.UTF_8).isBlank()) {
            return null;
        }
        JsonNode node = readObject(body).get(GRACE_PERIOD);
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isNumber()) {
            throw new InvalidInputException(GRACE_PERIOD, GRACE_PERIOD + " must be a JSON number: whole seconds");
        }
        try {
            return new BigDecimal(node.getNumberValue().toString()).longValueExact();
        } catch (ArithmeticException | NumberFormatException e) {
            throw new InvalidInputException(GRACE_PERIOD, GRACE_PERIOD + " must be a whole number of seconds");
        }
    }

    static final String GRACE_PERIOD = "gracePeriodSeconds";

    /** {@code key} is required here: a verify without a key is a client bug, not a MALFORMED key. */
    VerifyRequest readVerify(byte[] body) {
        JsonNode object = readObject(body);
        String key = string(object, "key");
        if (key == null) {
            throw new InvalidInputException("key", "key is required: the token value to verify");
        }
        JsonNode permissions = object.get("permissions");
        if (permissions != null && permissions.isString()) {
            return new VerifyRequest(key, null, permissions.getStringValue(), string(object, "clientAddress"));
        }
        return new VerifyRequest(key, strings(object, "permissions"), null, string(object, "clientAddress"));
    }

    private JsonNode readObject(byte[] body) {
        if (body == null || body.length == 0) {
            throw new InvalidInputException("body", "a JSON object request body is required");
        }
        JsonNode node = readTree(body);
        if (node == null || !node.isObject()) {
            throw new InvalidInputException("body", "the request body must be a JSON object");
        }
        return node;
    }

    /** Any JSON document; a malformed one is a 400 that does not quote the body back. */
    JsonNode readTree(byte[] body) {
        JsonNode node;
        try {
            node = json.readValue(body, TREE);
        } catch (IOException | RuntimeException e) {
            // The parser's own message may quote the body back; a fixed text is enough for the client.
            throw new InvalidInputException("body", "malformed JSON: the request body is not a valid JSON document");
        }
        return node;
    }

    private static String string(JsonNode object, String field) {
        JsonNode node = object.get(field);
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isString()) {
            throw new InvalidInputException(field, field + " must be a JSON string");
        }
        return node.getStringValue();
    }

    /** A JSON object as compact text; null when not sent. */
    private static String object(JsonNode object, String field) {
        JsonNode node = object.get(field);
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isObject()) {
            throw new InvalidInputException(field, field + " must be a JSON object, e.g. {\"plan\": \"gold\"}");
        }
        return MetaJson.text(node);
    }

    private static Boolean bool(JsonNode object, String field) {
        JsonNode node = object.get(field);
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isBoolean()) {
            throw new InvalidInputException(field, field + " must be a JSON boolean: true or false");
        }
        return node.getBooleanValue();
    }

    private static List<String> strings(JsonNode object, String field) {
        JsonNode node = object.get(field);
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isArray()) {
            throw new InvalidInputException(field, field + " must be a JSON array of strings");
        }
        List<String> values = new ArrayList<>(node.size());
        for (JsonNode element : node.values()) {
            if (element == null || !element.isString()) {
                throw new InvalidInputException(field, field + " must be a JSON array of strings");
            }
            values.add(element.getStringValue());
        }
        return values;
    }
}
