package dev.keyward.app.web;

import dev.keyward.testkit.HttpApi;
import io.micronaut.context.ApplicationContext;
import io.micronaut.json.JsonMapper;
import io.micronaut.runtime.server.EmbeddedServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The whole service on its embedded H2: a request no route takes gets the REST adapter's 404/405, while
 * the console's static files, which no route serves either, are still served.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class UnmatchedRequestsTest {

    private EmbeddedServer server;
    private HttpApi api;

    @BeforeAll
    void start() throws IOException {
        Path dataDir = Files.createTempDirectory(Files.createDirectories(Path.of("target", "test-data")), "unmatched-");
        server = ApplicationContext.run(EmbeddedServer.class,
                Map.of("keyward.data-dir", dataDir.toAbsolutePath().toString(), "micronaut.server.port", -1));
        api = new HttpApi(server.getPort(), server.getApplicationContext().getBean(JsonMapper.class));
    }

    @AfterAll
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    @Test
    void an_unknown_path_is_a_404_with_the_message_only_body() {
        HttpApi.Reply reply = api.get("/no-such-path", null);
        assertEquals(404, reply.status());
        assertEquals("{\"message\":\"Page Not Found\"}", reply.body());
        assertEquals("application/json", reply.header("Content-Type"));
        assertEquals("nosniff", reply.header("X-Content-Type-Options"));
        assertNotNull(reply.header("Date"));
    }

    @Test
    void a_wrong_method_is_a_405_naming_the_allowed_ones() {
        HttpApi.Reply reply = api.send("DELETE", "/health", null, null, null);
        assertEquals(405, reply.status());
        assertEquals("{\"message\":\"Method [DELETE] not allowed for URI [/health]. Allowed methods: [HEAD, GET]\"}", reply.body());
        assertEquals("HEAD,GET", reply.header("Allow"));
        assertEquals("application/json", reply.header("Content-Type"));
    }

    @Test
    void the_console_is_still_served_and_a_missing_console_file_is_a_404_under_the_console_policy() {
        HttpApi.Reply page = api.get("/console/", null);
        assertEquals(200, page.status());
        assertEquals("text/html", page.header("Content-Type"));
        assertTrue(page.body().contains("<title>API Tokens · Keyward</title>"), page.body());
        HttpApi.Reply missing = api.get("/console/nope.js", null);
        assertEquals(404, missing.status());
        assertEquals("Page Not Found", missing.message());
        assertTrue(missing.header("Content-Security-Policy").contains("frame-ancestors 'none'"));
    }
}
