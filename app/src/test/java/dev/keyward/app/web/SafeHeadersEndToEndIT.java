package dev.keyward.app.web;

import dev.keyward.app.support.EndToEndTest;
import dev.keyward.testkit.HttpApi.Reply;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every response forbids MIME sniffing; the console and the playground also send their Content
 * Security Policy as a header that forbids framing by any other page, and no Referer.
 */
@MicronautTest(transactional = false)
class SafeHeadersEndToEndIT extends EndToEndTest {

    @Test
    void every_kind_of_response_forbids_mime_sniffing() {
        Reply json = api.get("/api-tokens/self", admin);
        Reply unauthenticated = api.get("/api-tokens", null);
        Reply notFound = api.get("/no-such-page", null);
        Reply badRequest = api.post("/api-tokens", admin, "{\"name\":");
        Reply graphql = api.graphql(admin, "{ apiTokens { results { id } } }");
        Reply health = api.get("/health", null);
        Reply console = api.get("/console/main.js", null);
        Reply playground = api.get("/public/graphiql", null);

        assertEquals(List.of(200, 401, 404, 400, 200, 200, 200, 200), List.of(json.status(), unauthenticated.status(), notFound.status(),
                badRequest.status(), graphql.status(), health.status(), console.status(), playground.status()));
        for (Reply reply : List.of(json, unauthenticated, notFound, badRequest, graphql, health, console, playground)) {
            assertEquals("nosniff", reply.header("X-Content-Type-Options"), reply.status() + " " + reply.body());
        }
    }

    @Test
    void the_console_sends_the_policy_of_its_page_as_a_header_that_also_forbids_framing() throws IOException {
        for (String path : List.of("/console/index.html", "/console/main.js", "/console/console.css")) {
            Reply reply = api.get(path, null);

            assertEquals(200, reply.status(), path);
            assertEquals(metaPolicyOfTheConsolePage() + "; frame-ancestors 'none'", reply.header("Content-Security-Policy"), path);
            assertEquals("no-referrer", reply.header("Referrer-Policy"), path);
        }
    }

    @Test
    void the_playground_page_and_its_assets_forbid_framing_and_send_no_referer() {
        for (String path : List.of("/public/graphiql", "/public/graphiql/assets/playground.js")) {
            Reply reply = api.get(path, null);

            assertEquals(200, reply.status(), path);
            assertEquals("no-referrer", reply.header("Referrer-Policy"), path);
        }
        assertTrue(api.get("/public/graphiql", null).header("Content-Security-Policy").contains("frame-ancestors 'none'"));
    }

    @Test
    void the_api_itself_carries_no_page_policy() {
        Reply reply = api.get("/api-tokens/self", admin);

        assertNull(reply.header("Content-Security-Policy"));
        assertNotNull(reply.header("X-Content-Type-Options"));
    }

    /** The policy in the console page's {@code <meta>}, so that header and page cannot drift apart. */
    private static String metaPolicyOfTheConsolePage() throws IOException {
        try (InputStream in = SafeHeadersEndToEndIT.class.getClassLoader().getResourceAsStream("public/console/index.html")) {
            String page = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            Matcher meta = Pattern.compile("http-equiv=\"Content-Security-Policy\"\\s+content=\"([^\"]+)\"").matcher(page);
            assertTrue(meta.find(), "the console page has a <meta> policy");
            return meta.group(1);
        }
    }
}
