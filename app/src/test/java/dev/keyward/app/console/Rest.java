package dev.keyward.app.console;

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
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The REST API as a client outside the browser sees it: what the console did must hold there too. */
final class Rest {

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final String base;
    private final JsonMapper json;

    Rest(String base, JsonMapper json) {
        this.base = base;
        this.json = json;
    }

    Reply send(String method, String path, String key, String body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path))
                .timeout(Duration.ofSeconds(30))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (key != null) {
            request.header("X-API-Key", key);
        }
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        try {
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            return new Reply(response.statusCode(), response.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    Reply get(String path, String key) {
        return send("GET", path, key, null);
    }

    /** Creates a token as {@code key}; returns the response body, which holds {@code id} and {@code value}. */
    Map<String, Object> create(String key, String name, List<String> permissions) {
        String body = "{\"name\":\"" + name + "\",\"permissions\":["
                + permissions.stream().map(p -> "\"" + p + "\"").collect(Collectors.joining(",")) + "]}";
        Reply reply = send("POST", "/api-tokens", key, body);
        assertEquals(200, reply.status(), reply.body());
        return reply.json();
    }

    /** A response, with its body parsed on demand. */
    final class Reply {
        private final int status;
        private final String body;

        Reply(int status, String body) {
            this.status = status;
            this.body = body;
        }

        int status() {
            return status;
        }

        String body() {
            return body;
        }

        Map<String, Object> json() {
            try {
                return json.readValue(body, Argument.mapOf(String.class, Object.class));
            } catch (IOException e) {
                throw new AssertionError("not a JSON object (" + status + "): " + body, e);
            }
        }
    }
}
