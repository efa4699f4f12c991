package dev.keyward.app.graphql;

import dev.keyward.app.support.KeywardTestApp;
import io.micronaut.core.type.Argument;
import io.micronaut.json.JsonMapper;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.TestInstance;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/**
 * The whole service on a random port over its own fresh database on the real MariaDB/MySQL, with a
 * bootstrap admin token generated for the run, and a raw HTTP client speaking GraphQL and REST.
 * Subclasses carry {@code @MicronautTest(transactional = false)}.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class GraphQLEndToEndTest implements TestPropertyProvider {

    static final String GRAPHQL = "/public/graphql";

    /** The bootstrap-admin token: every permission. */
    protected final String admin = KeywardTestApp.newKey();

    @Inject
    EmbeddedServer server;
    @Inject
    JsonMapper json;

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @Override
    public Map<String, String> getProperties() {
        // One fresh database per test class, e.g. keyward_t_gql_playgroundendtoendtest.
        Map<String, String> properties = new HashMap<>(KeywardTestApp.properties("gql_" + getClass().getSimpleName().toLowerCase(), admin));
        properties.put("micronaut.server.port", "-1");
        return properties;
    }

    @BeforeEach
    void serverIsUp() {
        assertEquals(true, server.isRunning());
    }

    /** An HTTP response with its body parsed on demand. */
    record Reply(int status, String body, Map<String, List<String>> headers, JsonMapper mapper) {

        Map<String, Object> json() {
            try {
                return mapper.readValue(body, Argument.mapOf(String.class, Object.class));
            } catch (IOException e) {
                throw new AssertionError("not a JSON object (" + status + "): " + body, e);
            }
        }

        /** The value at a path of keys and list indexes in the JSON body, e.g. {@code at("data", "apiTokens", "results", "0")}. */
        @SuppressWarnings("unchecked")
        <T> T at(String... path) {
            Object current = json();
            for (String step : path) {
                if (current == null) {
                    return null;
                }
                current = current instanceof List<?> list ? list.get(Integer.parseInt(step)) : ((Map<String, Object>) current).get(step);
            }
            return (T) current;
        }

        /** The {@code extensions.code} of the first error. */
        String code() {
            return at("errors", "0", "extensions", "code");
        }

        String message() {
            return at("errors", "0", "message");
        }

        /** A top-level string field of a REST body. */
        String string(String field) {
            return (String) json().get(field);
        }

        /** Asserts a 200 without errors and returns {@code data}. */
        Map<String, Object> data() {
            assertEquals(200, status, body);
            assertNull(json().get("errors"), body);
            return at("data");
        }

        String header(String name) {
            return headers.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(name))
                    .findFirst().map(e -> e.getValue().get(0)).orElse(null);
        }
    }

    Reply send(String method, String path, String contentType, String body, String... headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.getPort() + path))
                .timeout(Duration.ofSeconds(30))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (contentType != null) {
            request.header("Content-Type", contentType);
        }
        for (int i = 0; i < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
        }
        try {
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            return new Reply(response.statusCode(), response.body(), response.headers().map(), json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** POSTs a GraphQL request as JSON, with {@code key} in X-API-Key unless null. */
    Reply graphql(String key, String document, Map<String, Object> variables) {
        Map<String, Object> request = new LinkedHashMap<>();
        request.put("query", document);
        if (variables != null) {
            request.put("variables", variables);
        }
        return key == null
                ? send("POST", GRAPHQL, "application/json", write(request))
                : send("POST", GRAPHQL, "application/json", write(request), "X-API-Key", key);
    }

    Reply graphql(String key, String document) {
        return graphql(key, document, null);
    }

    Reply rest(String method, String path, String key, String body) {
        return body == null
                ? send(method, path, null, null, "X-API-Key", key)
                : send(method, path, "application/json", body, "X-API-Key", key);
    }

    String write(Object value) {
        try {
            return new String(json.writeValueAsBytes(value), java.nio.charset.StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Every field of APIToken, as a selection set. */
    static final String TOKEN_FIELDS = "id name permissions allowedCIDRBlocks createdAt createdBy { id type } "
            + "updatedAt updatedBy { id type } expiresAt lastUsedAt rotatedAt";

    /** A token created through GraphQL: its id and secret value. */
    record Token(String id, String value) {
        @Override
        public String toString() {
            return "Token[" + id + "]";
        }
    }

    Token create(String key, String name, List<String> permissions, List<String> allowedCidrBlocks) {
        Map<String, Object> input = new LinkedHashMap<>();
        input.put("name", name);
        input.put("permissions", permissions);
        if (allowedCidrBlocks != null) {
            input.put("allowedCIDRBlocks", allowedCidrBlocks);
        }
        Reply reply = graphql(key, "mutation ($in: CreateAPITokenInput!) { createAPIToken(input: $in) { token { id value } } }",
                Map.of("in", input));
        reply.data();
        return new Token(reply.at("data", "createAPIToken", "token", "id"), reply.at("data", "createAPIToken", "token", "value"));
    }

    Token create(String key, String name, String... permissions) {
        return create(key, name, List.of(permissions), null);
    }

    static String unique(String prefix) {
        return prefix + "-" + Long.toString(System.nanoTime(), 36);
    }

    /** The id of the token holding {@code key}. */
    String idOf(String key) {
        return graphql(key, "{ apiToken(id: \"self\") { id } }").at("data", "apiToken", "id");
    }
}
