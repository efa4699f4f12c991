package dev.keyward.app.doors;

import com.sun.net.httpserver.HttpServer;
import dev.keyward.app.Keyward;
import dev.keyward.app.support.EndToEndTest;
import dev.keyward.testkit.HttpApi.Token;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
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
 * A real gateway in front of a real upstream: Debian's nginx with {@code auth_request} asks Keyward's
 * {@code /forward-auth} before proxying to a small upstream (a JDK HTTP server that notes the
 * {@code X-Keyward-*} headers it got). nginx runs as a plain process of this test, on a free loopback
 * port, with everything it writes inside its own directory; Keyward trusts it as a proxy.
 */
@MicronautTest(transactional = false)
class ForwardAuthNginxIT extends EndToEndTest {

    private static final Path NGINX = Path.of("/usr/sbin/nginx");

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final AtomicInteger upstreamRequests = new AtomicInteger();
    private final AtomicReference<Map<String, String>> upstreamSaw = new AtomicReference<>();
    private HttpServer upstream;
    private Process nginx;
    private Path dir;
    private int gatewayPort;

    @Override
    public Map<String, String> getProperties() {
        Map<String, String> properties = new HashMap<>(super.getProperties());
        properties.put("keyward.http.trusted-proxies", "127.0.0.1/32");
        return properties;
    }

    @BeforeAll
    void startTheUpstreamAndTheGateway() throws IOException, InterruptedException {
        if (!Files.isExecutable(NGINX)) {
            fail("nginx is missing at " + NGINX + ": install Debian's nginx (built with auth_request) with "
                    + "`apt-get install -y nginx`; `./mvnw verify` does so itself when run as root");
        }
        upstream = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        upstream.createContext("/", exchange -> {
            upstreamRequests.incrementAndGet();
            Map<String, String> seen = new HashMap<>();
            for (String name : List.of("X-Keyward-Token-Id", "X-Keyward-Token-Name", "X-Keyward-Permissions")) {
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
        dir = Files.createDirectories(Path.of("target", "test-data")).resolve("nginx-" + System.nanoTime()).toAbsolutePath();
        Files.createDirectories(dir.resolve("tmp"));
        Files.writeString(dir.resolve("nginx.conf"), configuration(gatewayPort, server.getPort(), upstream.getAddress().getPort()));
        nginx = new ProcessBuilder(NGINX.toString(), "-p", dir.toString(), "-c", dir.resolve("nginx.conf").toString(),
                "-e", dir.resolve("error.log").toString())
                .redirectErrorStream(true).redirectOutput(dir.resolve("nginx.out").toFile()).start();
        awaitListening(gatewayPort);
    }

    /** The nginx snippet of the README, with the paths and ports of this run. */
    private String configuration(int listen, int keyward, int upstreamPort) {
        String d = dir.toString();
        return """
                daemon off;
                master_process off;
                worker_processes 1;
                pid %1$s/nginx.pid;
                error_log %1$s/error.log info;
                events { worker_connections 64; }
                http {
                  access_log %1$s/access.log;
                  client_body_temp_path %1$s/tmp/body;
                  proxy_temp_path %1$s/tmp/proxy;
                  fastcgi_temp_path %1$s/tmp/fastcgi;
                  uwsgi_temp_path %1$s/tmp/uwsgi;
                  scgi_temp_path %1$s/tmp/scgi;
                  server {
                    listen 127.0.0.1:%2$d;
                    location /alerts/ {
                      auth_request /_keyward/alerts;
                      auth_request_set $keyward_id $upstream_http_x_keyward_token_id;
                      auth_request_set $keyward_name $upstream_http_x_keyward_token_name;
                      auth_request_set $keyward_permissions $upstream_http_x_keyward_permissions;
                      proxy_set_header X-Keyward-Token-Id $keyward_id;
                      proxy_set_header X-Keyward-Token-Name $keyward_name;
                      proxy_set_header X-Keyward-Permissions $keyward_permissions;
                      proxy_pass http://127.0.0.1:%4$d;
                    }
                    location /rules/ {
                      auth_request /_keyward/rules;
                      proxy_pass http://127.0.0.1:%4$d;
                    }
                    location = /_keyward/alerts {
                      internal;
                      proxy_pass http://127.0.0.1:%3$d/forward-auth?require=AlertRead;
                      proxy_pass_request_body off;
                      proxy_set_header Content-Length "";
                      proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;
                    }
                    location = /_keyward/rules {
                      internal;
                      proxy_pass http://127.0.0.1:%3$d/forward-auth?require=RuleRead;
                      proxy_pass_request_body off;
                      proxy_set_header Content-Length "";
                      proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;
                    }
                  }
                }
                """.formatted(d, listen, keyward, upstreamPort);
    }

    @AfterAll
    void stopTheGatewayAndTheUpstream() throws InterruptedException {
        if (nginx != null) {
            nginx.destroy();
            nginx.waitFor();
        }
        if (upstream != null) {
            upstream.stop(0);
        }
    }

    @BeforeEach
    void theGatewayIsUp() {
        assertTrue(nginx.isAlive(), "nginx stopped; see " + dir.resolve("error.log"));
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
        assertEquals(200, through("/alerts/2", "Authorization", "Bearer " + token.value()).statusCode());
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
            if (!nginx.isAlive()) {
                fail("nginx exited with " + nginx.exitValue() + ": " + Files.readString(dir.resolve("nginx.out"))
                        + (Files.exists(dir.resolve("error.log")) ? Files.readString(dir.resolve("error.log")) : ""));
            }
            try (Socket ignored = new Socket("127.0.0.1", port)) {
                return;
            } catch (IOException notYet) {
                Thread.sleep(50);
            }
        }
        fail("nginx did not listen on 127.0.0.1:" + port + " within 10 s; see " + dir.resolve("error.log"));
    }
}
