package dev.keyward.app.doors;

import com.sun.net.httpserver.HttpServer;
import dev.keyward.app.support.EndToEndTest;
import dev.keyward.testkit.HttpApi.Reply;
import dev.keyward.testkit.HttpApi.Token;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.URLDecoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * A real gateway in front of a real upstream: the gateway asks Keyward's {@code /forward-auth} before
 * proxying to a small upstream (a JDK HTTP server that notes the headers it got). The gateway runs as a
 * plain process of the test, on a free loopback port, with everything it writes inside its own
 * directory, configured with the README's snippet; Keyward trusts it as a proxy. Each gateway is a
 * subclass: {@link ForwardAuthNginxIT}, {@link ForwardAuthCaddyIT}.
 */
abstract class ForwardAuthGatewayTest extends EndToEndTest {

    /** The gateway's executable. */
    abstract Path executable();

    /** How to install it, for the failure message when it is missing. */
    abstract String installHint();

    /** Writes the gateway's configuration into {@code dir} and starts it in the foreground, output to {@code dir/gateway.out}. */
    abstract Process start(Path dir, int listen, int keyward, int upstreamPort) throws IOException;

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final AtomicInteger upstreamRequests = new AtomicInteger();
    private final AtomicReference<Map<String, String>> upstreamSaw = new AtomicReference<>();
    private HttpServer upstream;
    private Process gateway;
    private Path dir;
    private int gatewayPort;

    @Override
    public Map<String, String> getProperties() {
        Map<String, String> properties = new HashMap<>(super.getProperties());
        properties.put("keyward.http.trusted-proxies", "127.0.0.1/32");
        properties.put("keyward.forward-auth.meta-headers", "plan");
        return properties;
    }

    @BeforeAll
    void startTheUpstreamAndTheGateway() throws IOException, InterruptedException {
        if (!Files.isExecutable(executable())) {
            fail(executable().getFileName() + " is missing at " + executable() + ": " + installHint()
                    + "; `./mvnw verify` installs it itself when run as root");
        }
        upstream = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        upstream.createContext("/", exchange -> {
            upstreamRequests.incrementAndGet();
            Map<String, String> seen = new HashMap<>();
            for (String name : List.of("X-Keyward-Token-Id", "X-Keyward-Token-Name", "X-Keyward-Permissions",
                    "X-Keyward-Meta-Plan", "X-API-Key", "Authorization")) {
                seen.put(name, exchange.getRequestHeaders().getFirst(name));
            }
            upstreamSaw.set(seen);
            byte[] body = "upstream".getBytes(StandardCharsets.US_ASCII);
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        upstream.start();

        gatewayPort = freePort();
        dir = Files.createDirectories(Path.of("target", "test-data"))
                .resolve(executable().getFileName() + "-" + System.nanoTime()).toAbsolutePath();
        Files.createDirectories(dir.resolve("tmp"));
        gateway = start(dir, gatewayPort, server.getPort(), upstream.getAddress().getPort());
        awaitListening(gatewayPort);
    }

    @AfterAll
    void stopTheGatewayAndTheUpstream() throws InterruptedException {
        if (gateway != null) {
            gateway.destroy();
            gateway.waitFor();
        }
        if (upstream != null) {
            upstream.stop(0);
        }
    }

    @BeforeEach
    void theGatewayIsUp() {
        assertTrue(gateway.isAlive(), "the gateway stopped; see " + dir);
    }

    private HttpResponse<String> through(String path, String... headers) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + gatewayPort + path)).timeout(Duration.ofSeconds(10));
        for (int i = 0; i < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void a_valid_key_reaches_the_upstream_with_the_token_headers_and_forged_ones_are_replaced() throws Exception {
        Token token = api.create(admin, unique("Ålesund gateway"), "AlertRead", "RuleRead");
        int before = upstreamRequests.get();

        HttpResponse<String> reply = through("/alerts/1", "X-API-Key", token.value(), "X-Keyward-Token-Id", "forged");

        assertEquals(200, reply.statusCode(), reply.body());
        assertEquals("upstream", reply.body());
        assertEquals(before + 1, upstreamRequests.get());
        Map<String, String> seen = upstreamSaw.get();
        assertEquals(token.id(), seen.get("X-Keyward-Token-Id"));
        assertTrue(URLDecoder.decode(seen.get("X-Keyward-Token-Name"), StandardCharsets.UTF_8).startsWith("Ålesund gateway"), seen.toString());
        assertEquals("AlertRead,RuleRead", seen.get("X-Keyward-Permissions"));
        assertEquals(null, seen.get("X-API-Key"), "the gateway drops the key before the upstream");
        assertEquals(null, seen.get("Authorization"));
        assertEquals(200, through("/alerts/2", "Authorization", "Bearer " + token.value()).statusCode());
    }

    @Test
    void the_tokens_metadata_reaches_the_upstream_and_a_forged_meta_header_never_does() throws Exception {
        Reply created = api.post("/api-tokens", admin, "{\"name\":\"" + unique("metered") + "\",\"permissions\":[\"AlertRead\"],"
                + "\"meta\":{\"plan\":\"gold plus\"}}");
        Token plain = api.create(admin, unique("no plan"), "AlertRead");

        assertEquals(200, through("/alerts/1", "X-API-Key", created.string("value"), "X-Keyward-Meta-Plan", "forged").statusCode());
        assertEquals("gold%20plus", upstreamSaw.get().get("X-Keyward-Meta-Plan"));
        assertEquals(200, through("/alerts/1", "X-API-Key", plain.value(), "X-Keyward-Meta-Plan", "forged").statusCode());
        String withoutPlan = upstreamSaw.get().get("X-Keyward-Meta-Plan");
        assertTrue(withoutPlan == null || withoutPlan.isEmpty(), "a token without the key: none or empty, never the client's: " + withoutPlan);
    }

    @Test
    void a_bad_or_missing_key_is_401_from_the_gateway_and_never_reaches_the_upstream() throws Exception {
        int before = upstreamRequests.get();

        HttpResponse<String> missing = through("/alerts/1");
        HttpResponse<String> bad = through("/alerts/1", "X-API-Key", "kw_000000000000000000000000000000000000");

        assertEquals(401, missing.statusCode());
        assertEquals(401, bad.statusCode());
        assertTrue(bad.headers().firstValue("WWW-Authenticate").orElse("").contains("Bearer"), bad.headers().map().toString());
        assertEquals(before, upstreamRequests.get());
    }

    @Test
    void a_missing_permission_is_403_from_the_gateway() throws Exception {
        Token alerts = api.create(admin, unique("alerts only"), "AlertRead");
        int before = upstreamRequests.get();

        assertEquals(403, through("/rules/1", "X-API-Key", alerts.value()).statusCode());
        assertEquals(before, upstreamRequests.get());
        assertEquals(200, through("/alerts/1", "X-API-Key", alerts.value()).statusCode());
    }

    @Test
    void a_fenced_token_passes_only_from_inside_its_blocks_as_x_forwarded_for_tells() throws Exception {
        Token fenced = api.create(admin, unique("fenced"), List.of("AlertRead"), List.of("10.0.0.0/8"));
        int before = upstreamRequests.get();

        assertEquals(401, through("/alerts/1", "X-API-Key", fenced.value(), "X-Forwarded-For", "192.0.2.1").statusCode());
        assertEquals(401, through("/alerts/1", "X-API-Key", fenced.value()).statusCode());
        assertEquals(before, upstreamRequests.get());
        assertEquals(200, through("/alerts/1", "X-API-Key", fenced.value(), "X-Forwarded-For", "10.1.2.3").statusCode());
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    private void awaitListening(int port) throws InterruptedException, IOException {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (System.nanoTime() < deadline) {
            if (!gateway.isAlive()) {
                fail(executable().getFileName() + " exited with " + gateway.exitValue() + ": " + Files.readString(dir.resolve("gateway.out"))
                        + (Files.exists(dir.resolve("error.log")) ? Files.readString(dir.resolve("error.log")) : ""));
            }
            try (Socket ignored = new Socket("127.0.0.1", port)) {
                return;
            } catch (IOException notYet) {
                Thread.sleep(50);
            }
        }
        fail(executable().getFileName() + " did not listen on 127.0.0.1:" + port + " within 10 s; see " + dir);
    }
}
