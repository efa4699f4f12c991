package dev.keyward.adapter.rest;

import dev.keyward.domain.error.UnauthenticatedException;
import dev.keyward.testkit.HttpApi;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.server.exceptions.NotAllowedException;
import io.micronaut.http.server.exceptions.NotFoundException;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.web.router.Router;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.Set;

import static dev.keyward.testkit.HttpApi.JSON;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A request no route takes: the same 404 and 405 answers as Micronaut's own handlers, from {@link RouteMissFilter}
 * (or, for a miss under a guarded path, possibly from {@link RouteMissController}'s error routes).
 */
@MicronautTest
class RouteMissTest extends ServerTest {

    @Inject
    Router router;

    @ParameterizedTest(name = "{0} /no-such-path → 404")
    @ValueSource(strings = {"GET", "POST", "PUT", "DELETE", "PATCH", "OPTIONS"})
    void an_unknown_path_is_a_404_with_the_message_only_body(String method) {
        HttpApi.Reply reply = client.send(method, "/no-such-path", null, null, null);
        assertEquals(404, reply.status(), reply.body());
        assertEquals("{\"message\":\"Page Not Found\"}", reply.body());
        assertEquals("application/json", reply.header("Content-Type"));
        assertTrue(reply.header("Date") != null, "a Date header, as on every routed answer");
        assertNull(reply.header("Allow"));
    }

    @Test
    void the_date_header_of_a_miss_is_the_current_second_as_micronaut_writes_it() {
        Instant before = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        HttpApi.Reply reply = client.get("/no-such-path", null);
        Instant date = ZonedDateTime.parse(reply.header("Date"), DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
        assertTrue(!date.isBefore(before) && !date.isAfter(Instant.now()), reply.header("Date"));
        assertTrue(reply.header("Date").endsWith(" GMT"), reply.header("Date"));
    }

    @Test
    void the_authentication_filter_guards_its_own_patterns_only() {
        for (String path : new String[] {"/api-tokens", "/api-tokens/self", "/api-tokens/a/b/c", "/introspect", "/leaked-tokens"}) {
            assertTrue(ApiKeyAuthenticationFilter.guards(path), path);
        }
        for (String path : new String[] {"/", "/no-such-path", "/api-tokensx", "/introspect/x", "/health", "/console/"}) {
            assertFalse(ApiKeyAuthenticationFilter.guards(path), path);
        }
    }

    @Test
    void a_head_request_for_an_unknown_path_is_a_404_without_a_body() {
        HttpApi.Reply reply = client.send("HEAD", "/no-such-path", null, null, null);
        assertEquals(404, reply.status());
        assertEquals("", reply.body());
        assertNull(reply.header("Content-Type"));
    }

    @Test
    void an_unknown_path_is_json_even_for_a_client_that_asks_for_html() {
        HttpApi.Reply reply = client.send("GET", "/no/such/route", null, null, null, "Accept", "text/html");
        assertEquals(404, reply.status());
        assertEquals("Page Not Found", reply.message());
    }

    @Test
    void a_wrong_method_is_a_405_naming_the_allowed_methods_in_the_body_and_the_allow_header() {
        HttpApi.Reply reply = client.send("PUT", "/api-tokens/self", admin, JSON, "{}");
        assertEquals(405, reply.status(), reply.body());
        assertEquals("application/json", reply.header("Content-Type"));
        String allowed = reply.header("Allow");
        for (String method : new String[] {"GET", "HEAD", "POST", "DELETE"}) {
            assertTrue(allowed.contains(method), allowed);
        }
        // Micronaut's own wording, methods in the order of its own set: "[HEAD, DELETE, POST, GET]"
        String listed = "[" + String.join(", ", allowed.split(",")) + "]";
        assertEquals("Method [PUT] not allowed for URI [/api-tokens/self]. Allowed methods: " + listed, reply.message());
    }

    @Test
    void a_wrong_method_on_the_collection_is_a_405_too() {
        HttpApi.Reply reply = client.send("PATCH", "/api-tokens", admin, JSON, "{}");
        assertEquals(405, reply.status(), reply.body());
        assertTrue(reply.message().startsWith("Method [PATCH] not allowed for URI [/api-tokens]. Allowed methods: ["), reply.body());
    }

    @Test
    void without_a_key_a_miss_under_the_api_is_still_the_401_first() {
        HttpApi.Reply deep = client.get("/api-tokens/self/rotate/again", null);
        assertEquals(401, deep.status());
        assertEquals(UnauthenticatedException.MESSAGE, deep.message());
        HttpApi.Reply method = client.send("PUT", "/api-tokens/self", null, JSON, "{}");
        assertEquals(401, method.status());
    }

    @Test
    void with_a_key_a_miss_under_the_api_is_a_404() {
        HttpApi.Reply deep = client.get("/api-tokens/self/rotate/again", admin);
        assertEquals(404, deep.status());
        assertEquals("Page Not Found", deep.message());
    }

    @Test
    void the_misses_are_answered_by_global_error_routes_not_by_a_search_for_an_exception_handler() {
        HttpRequest<?> request = HttpRequest.GET("/no-such-path");
        assertTrue(router.findErrorRoute(new NotFoundException(), request).isPresent());
        assertTrue(router.findErrorRoute(new NotAllowedException("PUT", request.getUri(), Set.of("GET")), request).isPresent());
    }
}
