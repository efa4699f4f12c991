package dev.keyward.app.cli;

import dev.keyward.app.Keyward;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Keyward's REST API over java.net.http, as the CLI calls it; the key travels in {@code X-API-Key} only. */
final class ApiClient {

    /** Why a call did not succeed, on one line. */
    static final class Failure extends Exception {
        Failure(String message) {
            super(message);
        }
    }

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final URI base;
    private final String key;

    ApiClient(String apiHost, String key) throws Failure {
        String host = apiHost.endsWith("/") ? apiHost.substring(0, apiHost.length() - 1) : apiHost;
        try {
            this.base = URI.create(host);
        } catch (IllegalArgumentException e) {
            throw new Failure("--api-host is not a URL: " + e.getMessage());
        }
        if (base.getScheme() == null || !(base.getScheme().equals("http") || base.getScheme().equals("https")) || base.getHost() == null) {
            throw new Failure("--api-host must be an http:// or https:// URL, like http://127.0.0.1:8080");
        }
        this.key = key;
    }

    Object get(String path) throws Failure {
        return send("GET", path, null);
    }

    /** @param body a JSON object or array as maps, lists and values; null for none */
    Object post(String path, Object body) throws Failure {
        return send("POST", path, body);
    }

    Object delete(String path) throws Failure {
        return send("DELETE", path, null);
    }

    /**
     * Every result of a keyset-paged listing ({@code {"results": [...], "next": cursor}}), page after page.
     *
     * @param path the listing's path, with its query if any
     */
    List<Object> all(String path) throws Failure {
        List<Object> all = new ArrayList<>();
        String cursor = null;
        do {
            String page = cursor == null ? path : path + (path.contains("?") ? "&" : "?") + "cursor=" + segment(cursor);
            if (!(get(page) instanceof Map<?, ?> map) || !(map.get("results") instanceof List<?> results)) {
                throw new Failure("the answer to " + path + " was not a page");
            }
            all.addAll(results);
            cursor = map.get("next") instanceof String next && !next.isEmpty() ? next : null;
        } while (cursor != null);
        return all;
    }

    static String segment(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }

    /** The parsed JSON body of a 2xx response (null when it has none); anything else is a {@link Failure}. */
    private Object send(String method, String path, Object body) throws Failure {
        HttpRequest.Builder request = HttpRequest.newBuilder(base.resolve(path)).timeout(Duration.ofSeconds(30))
                .header("X-API-Key", key).header("Accept", "application/json")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(Json.write(body)));
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        HttpResponse<String> response;
        try {
            response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new Failure("cannot reach " + base + ": " + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new Failure("interrupted");
        }
        String text = response.body();
        if (response.statusCode() / 100 != 2) {
            throw new Failure(response.statusCode() + " from " + base + ": " + messageOf(text));
        }
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            return Json.parse(text);
        } catch (IllegalArgumentException e) {
            throw new Failure(base + " answered " + response.statusCode() + " with a body that is not JSON: is it Keyward?");
        }
    }

    private static String messageOf(String body) {
        try {
            if (Json.parse(body) instanceof Map<?, ?> map && map.get("message") instanceof String message) {
                return message.replaceAll("\\s+", " ");
            }
        } catch (IllegalArgumentException ignored) {
            // not a Keyward error body: say so below
        }
        return "the answer was not a Keyward error body (is --api-host right?)";
    }
}
