package dev.keyward.app.rest;

import io.micronaut.core.type.Argument;
import io.micronaut.json.JsonMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * A raw HTTP client for the running service (java.net.http, so tests can send bodies and headers no
 * typed client would), plus the few calls most tests start with.
 */
final class Api {

    static final String JSON = "application/json";

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final String base;
    private final JsonMapper json;

    Api(int port, JsonMapper json) {
        this.base = "http://127.0.0.1:" + port;
        this.json = json;
    }

    Reply send(String method, String path, String key, String contentType, String body, String... headers) {
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

    Reply get(String path, String key) {
        return send("GET", path, key, null, null);
    }

    Reply post(String path, String key, String body) {
        return send("POST", path, key, JSON, body);
    }

    Reply delete(String path, String key) {
        return send("DELETE", path, key, null, null);
    }

    Reply rotate(String ref, String key) {
        return send("POST", "/api-tokens/" + ref + "/rotate", key, null, null);
    }

    /** Creates a token through the API as {@code key} and returns its id and value. */
    Token create(String key, String name, List<String> permissions, List<String> allowedCidrBlocks) {
        StringBuilder body = new StringBuilder("{\"name\":").append(quote(name)).append(",\"permissions\":").append(array(permissions));
        if (allowedCidrBlocks != null) {
            body.append(",\"allowedCIDRBlocks\":").append(array(allowedCidrBlocks));
        }
        Reply reply = post("/api-tokens", key, body.append('}').toString());
        assertEquals(200, reply.status(), reply.body());
        Map<String, Object> token = reply.json();
        return new Token((String) token.get("id"), (String) token.get("value"));
    }

    Token create(String key, String name, String... permissions) {
        return create(key, name, List.of(permissions), null);
    }

    static String quote(String text) {
        StringBuilder out = new StringBuilder("\"");
        for (char c : text.toCharArray()) {
            if (c == '"' || c == '\\') {
                out.append('\\').append(c);
            } else if (c < 0x20) {
                out.append(String.format("\\u%04x", (int) c));
            } else {
                out.append(c);
            }
        }
        return out.append('"').toString();
    }

    static String array(List<String> items) {
        return items.stream().map(Api::quote).reduce((a, b) -> a + "," + b).map(s -> "[" + s + "]").orElse("[]");
    }

    /** A token's id and secret value, as returned on create or rotate. */
    record Token(String id, String value) {
        @Override
        public String toString() {
            return "Token[" + id + "]";
        }
    }

    /** A response; {@link #json()} parses the body as a JSON object, {@link #message()} as an error body. */
    record Reply(int status, String body, Map<String, List<String>> headers, JsonMapper mapper) {

        Map<String, Object> json() {
            try {
                return mapper.readValue(body, Argument.mapOf(String.class, Object.class));
            } catch (IOException e) {
                throw new AssertionError("not a JSON object (" + status + "): " + body, e);
            }
        }

        /** The message of an error body, which must be exactly {@code {"message": "..."}}. */
        String message() {
            Map<String, Object> object = json();
            if (object.size() != 1 || !(object.get("message") instanceof String message)) {
                throw new AssertionError("not an error body of exactly {\"message\"} (" + status + "): " + body);
            }
            return message;
        }

        String header(String name) {
            return headers.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(name))
                    .findFirst().map(e -> e.getValue().get(0)).orElse(null);
        }

        @SuppressWarnings("unchecked")
        List<Map<String, Object>> results() {
            return (List<Map<String, Object>>) json().get("results");
        }

        String string(String field) {
            return (String) json().get(field);
        }
    }
}
