package dev.keyward.app.events;

import io.micronaut.core.type.Argument;
import io.micronaut.json.JsonMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;

/** Plain HTTP calls to a running node, timed, for the audit-event end-to-end tests. */
final class Http {

    /** A response with how long it took. */
    record Reply(int status, String body, Duration took, JsonMapper json) {

        Map<String, Object> map() {
            try {
                return json.readValue(body, Argument.mapOf(String.class, Object.class));
            } catch (IOException e) {
                throw new AssertionError("not a JSON object (" + status + "): " + body, e);
            }
        }

        String string(String field) {
            return (String) map().get(field);
        }
    }

    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final String base;
    private final JsonMapper json;

    Http(URL server, JsonMapper json) {
        this.base = "http://127.0.0.1:" + server.getPort();
        this.json = json;
    }

    Reply send(String method, String path, String key, String body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(30))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (key != null) {
            request.header("X-API-Key", key);
        }
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        long start = System.nanoTime();
        try {
            HttpResponse<String> response = client.send(request.build(), HttpResponse.BodyHandlers.ofString());
            return new Reply(response.statusCode(), response.body(), Duration.ofNanos(System.nanoTime() - start), json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    Reply create(String key, String name, String permissionsJson, String cidrsJson) {
        return send("POST", "/api-tokens", key, "{\"name\":\"" + name + "\",\"permissions\":" + permissionsJson
                + (cidrsJson == null ? "" : ",\"allowedCIDRBlocks\":" + cidrsJson) + "}");
    }

    Reply update(String key, String id, String name, String permissionsJson) {
        return send("POST", "/api-tokens/" + id, key, "{\"name\":\"" + name + "\",\"permissions\":" + permissionsJson + "}");
    }

    Reply rotate(String key, String id) {
        return send("POST", "/api-tokens/" + id + "/rotate", key, null);
    }

    Reply delete(String key, String id) {
        return send("DELETE", "/api-tokens/" + id, key, null);
    }

    Reply get(String path) {
        return send("GET", path, null, null);
    }
}
