package dev.keyward.testkit;

import io.micronaut.core.type.Argument;
import io.micronaut.json.JsonMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/**
 * A raw HTTP client for the running service, speaking REST and GraphQL (java.net.http, so tests can
 * send bodies and headers no typed client would), plus the few calls most tests start with.
 */
public final class HttpApi {

    public static final String JSON = "application/json";
    public static final String GRAPHQL = "/public/graphql";
    /** Every field of GraphQL's APIToken, as a selection set. */
    public static final String GRAPHQL_TOKEN_FIELDS = "id name permissions allowedCIDRBlocks createdAt createdBy { id type } "
            + "updatedAt updatedBy { id type } expiresAt lastUsedAt lastUsedFrom rotatedAt rotationDueAt "
            + "previousValueExpiresAt enabled meta ownerId";

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final String base;
    private final JsonMapper json;

    public HttpApi(int port, JsonMapper json) {
        this.base = "http://127.0.0.1:" + port;
        this.json = json;
    }

    /** {@code http://127.0.0.1:<port>}, without a trailing slash. */
    public String base() {
        return base;
    }

    /** Sends {@code key} in X-API-Key and {@code contentType} unless null, then {@code headers} as name, value pairs. */
    public Reply send(String method, String path, String key, String contentType, String body, String... headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(30))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (key != null) {
            request.header("X-API-Key", key);
        }
        if (contentType != null) {
            request.header("Content-Type", contentType);
        }
        for (int i = 0; i < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
        }
        long start = System.nanoTime();
        try {
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            return new Reply(response.statusCode(), response.body(), response.headers().map(), json,
                    Duration.ofNanos(System.nanoTime() - start));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public Reply get(String path, String key) {
        return send("GET", path, key, null, null);
    }

    public Reply post(String path, String key, String body) {
        return send("POST", path, key, JSON, body);
    }

    public Reply delete(String path, String key) {
        return send("DELETE", path, key, null, null);
    }

    public Reply rotate(String ref, String key) {
        return send("POST", "/api-tokens/" + ref + "/rotate", key, null, null);
    }

    /** Replaces a token's name and permissions through REST as {@code key}, leaving its CIDR blocks as they are. */
    public Reply update(String ref, String key, String name, List<String> permissions) {
        return post("/api-tokens/" + ref, key, toJson(createInput(name, permissions, null)));
    }

    /** Asks REST to create a token as {@code key} and returns the reply as it came, whatever its status. */
    public Reply createReply(String key, String name, List<String> permissions, List<String> allowedCidrBlocks) {
        return post("/api-tokens", key, toJson(createInput(name, permissions, allowedCidrBlocks)));
    }

    /** Creates a token through REST as {@code key} and returns its id and value. */
    public Token create(String key, String name, List<String> permissions, List<String> allowedCidrBlocks) {
        Reply reply = createReply(key, name, permissions, allowedCidrBlocks);
        assertEquals(200, reply.status(), reply.body());
        return new Token(reply.string("id"), reply.string("value"));
    }

    public Token create(String key, String name, String... permissions) {
        return create(key, name, List.of(permissions), null);
    }

    /** The id of the token holding {@code key}, asked over REST. */
    public String idOf(String key) {
        return get("/api-tokens/self", key).string("id");
    }

    /** POSTs a GraphQL request as JSON, with {@code key} in X-API-Key unless null. */
    public Reply graphql(String key, String document, Map<String, Object> variables) {
        Map<String, Object> request = new LinkedHashMap<>();
        request.put("query", document);
        if (variables != null) {
            request.put("variables", variables);
        }
        return send("POST", GRAPHQL, key, JSON, toJson(request));
    }

    public Reply graphql(String key, String document) {
        return graphql(key, document, null);
    }

    /** Creates a token through GraphQL's createAPIToken as {@code key} and returns its id and value. */
    public Token graphqlCreate(String key, String name, List<String> permissions, List<String> allowedCidrBlocks) {
        Reply reply = graphql(key, "mutation ($in: CreateAPITokenInput!) { createAPIToken(input: $in) { token { id value } } }",
                Map.of("in", createInput(name, permissions, allowedCidrBlocks)));
        reply.data();
        return new Token(reply.at("data", "createAPIToken", "token", "id"), reply.at("data", "createAPIToken", "token", "value"));
    }

    public Token graphqlCreate(String key, String name, String... permissions) {
        return graphqlCreate(key, name, List.of(permissions), null);
    }

    /** The id of the token holding {@code key}, asked over GraphQL. */
    public String graphqlIdOf(String key) {
        return graphql(key, "{ apiToken(id: \"self\") { id } }").at("data", "apiToken", "id");
    }

    /** {@code value} as JSON text. */
    public String toJson(Object value) {
        try {
            return new String(json.writeValueAsBytes(value), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Map<String, Object> createInput(String name, List<String> permissions, List<String> allowedCidrBlocks) {
        Map<String, Object> input = new LinkedHashMap<>();
        input.put("name", name);
        input.put("permissions", permissions);
        if (allowedCidrBlocks != null) {
            input.put("allowedCIDRBlocks", allowedCidrBlocks);
        }
        return input;
    }

    /** A token's id and secret value, as returned on create or rotate. */
    public record Token(String id, String value) {
        @Override
        public String toString() {
            return "Token[" + id + "]";
        }
    }

    /**
     * A response with its body parsed on demand: {@link #message()} reads a REST error body,
     * {@link #errorCode()}, {@link #errorMessage()} and {@link #data()} read a GraphQL response.
     * {@code took} is the time from sending the request to having the whole response.
     */
    public record Reply(int status, String body, Map<String, List<String>> headers, JsonMapper mapper, Duration took) {

        /** The body as a JSON object. */
        public Map<String, Object> json() {
            try {
                return mapper.readValue(body, Argument.mapOf(String.class, Object.class));
            } catch (IOException e) {
                throw new AssertionError("not a JSON object (" + status + "): " + body, e);
            }
        }

        /** The value at a path of keys and list indexes in the JSON body, e.g. {@code at("data", "apiTokens", "results", "0")}. */
        @SuppressWarnings("unchecked")
        public <T> T at(String... path) {
            Object current = json();
            for (String step : path) {
                if (current == null) {
                    return null;
                }
                current = current instanceof List<?> list ? list.get(Integer.parseInt(step)) : ((Map<String, Object>) current).get(step);
            }
            return (T) current;
        }

        /** The first value of a header, whatever the case of its name; null if absent. */
        public String header(String name) {
            return headers.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(name))
                    .findFirst().map(e -> e.getValue().get(0)).orElse(null);
        }

        /** The {@code results} of a REST page. */
        @SuppressWarnings("unchecked")
        public List<Map<String, Object>> results() {
            return (List<Map<String, Object>>) json().get("results");
        }

        /** A top-level string field of a REST body. */
        public String string(String field) {
            return (String) json().get(field);
        }

        /** The message of a REST error body, which must be exactly {@code {"message": "..."}}. */
        public String message() {
            Map<String, Object> object = json();
            if (object.size() != 1 || !(object.get("message") instanceof String message)) {
                throw new AssertionError("not an error body of exactly {\"message\"} (" + status + "): " + body);
            }
            return message;
        }

        /** The {@code extensions.code} of a GraphQL response's first error. */
        public String errorCode() {
            return at("errors", "0", "extensions", "code");
        }

        /** The {@code message} of a GraphQL response's first error. */
        public String errorMessage() {
            return at("errors", "0", "message");
        }

        /** Asserts a GraphQL 200 without errors and returns its {@code data}. */
        public Map<String, Object> data() {
            assertEquals(200, status, body);
            assertNull(json().get("errors"), body);
            return at("data");
        }
    }
}
