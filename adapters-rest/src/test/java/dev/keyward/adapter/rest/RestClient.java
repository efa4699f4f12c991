package dev.keyward.adapter.rest;

import io.micronaut.core.type.Argument;
import io.micronaut.json.JsonMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;

/** Raw HTTP against the embedded server, so tests can send bodies no typed client would. */
final class RestClient {

    static final String JSON = "application/json";

    private final HttpClient http = HttpClient.newHttpClient();
    private final String base;
    private final JsonMapper json;

    RestClient(int port, JsonMapper json) {
        this.base = "http://127.0.0.1:" + port;
        this.json = json;
    }

    Reply send(String method, String path, String key, String contentType, String body, String... headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path))
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
            return new Reply(response.statusCode(), response.body(), response.headers(), json);
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

    /** A response; {@link #json()} parses the body as a JSON object. */
    record Reply(int status, String body, java.net.http.HttpHeaders headers, JsonMapper mapper) {

        String cacheControl() {
            return header("Cache-Control");
        }

        /** The first value of the response header {@code name}, or null. */
        String header(String name) {
            return headers.firstValue(name).orElse(null);
        }

        Map<String, Object> json() {
            try {
                return mapper.readValue(body, Argument.mapOf(String.class, Object.class));
            } catch (IOException e) {
                throw new AssertionError("not a JSON object (" + status + "): " + body, e);
            }
        }

        String message() {
            Map<String, Object> object = json();
            if (object.size() != 1 || !(object.get("message") instanceof String message)) {
                throw new AssertionError("not an error body of exactly {\"message\"} (" + status + "): " + body);
            }
            return message;
        }
    }
}
