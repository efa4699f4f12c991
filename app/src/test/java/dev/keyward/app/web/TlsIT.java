package dev.keyward.app.web;

import dev.keyward.app.support.EndToEndTest;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.TrustManagerFactory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * TLS without a proxy, with nothing but Micronaut's standard settings (README, "TLS"): a PKCS12
 * keystore holding a self-signed certificate that keytool makes for the run, HTTPS on one port and,
 * with dual protocol, plain HTTP kept on another.
 */
@MicronautTest(transactional = false)
class TlsIT extends EndToEndTest {

    private static final String STORE_PASSWORD = "keyward-test-store";

    private Path keyStore;
    private int httpsPort;
    private int httpPort;

    @Override
    public Map<String, String> getProperties() {
        keyStore = selfSignedKeyStore();
        httpsPort = freePort();
        httpPort = freePort();
        Map<String, String> properties = super.getProperties();
        properties.put("micronaut.server.port", String.valueOf(httpPort));
        properties.put("micronaut.server.dual-protocol", "true");
        properties.put("micronaut.server.ssl.enabled", "true");
        properties.put("micronaut.server.ssl.port", String.valueOf(httpsPort));
        properties.put("micronaut.server.ssl.key-store.path", "file:" + keyStore);
        properties.put("micronaut.server.ssl.key-store.password", STORE_PASSWORD);
        properties.put("micronaut.server.ssl.key-store.type", "PKCS12");
        return properties;
    }

    @Test
    void the_api_answers_over_https_with_the_configured_certificate() throws Exception {
        HttpResponse<String> reply = trusting().send(HttpRequest.newBuilder(URI.create("https://127.0.0.1:" + httpsPort + "/api-tokens/self"))
                .header("X-API-Key", admin).build(), HttpResponse.BodyHandlers.ofString());

        assertEquals(200, reply.statusCode(), reply.body());
        assertTrue(reply.body().contains("\"name\""), reply.body());
        Certificate served = reply.sslSession().orElseThrow().getPeerCertificates()[0];
        assertEquals(certificate(), served);
    }

    @Test
    void a_client_that_does_not_trust_the_certificate_cannot_connect() {
        HttpClient defaultTrust = HttpClient.newHttpClient();

        assertThrows(SSLHandshakeException.class, () -> defaultTrust.send(
                HttpRequest.newBuilder(URI.create("https://127.0.0.1:" + httpsPort + "/health")).build(), HttpResponse.BodyHandlers.ofString()));
    }

    @Test
    void with_dual_protocol_plain_http_keeps_working_on_its_own_port() throws Exception {
        HttpResponse<String> reply = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + httpPort + "/health")).build(), HttpResponse.BodyHandlers.ofString());

        assertEquals(200, reply.statusCode(), reply.body());
    }

    /** A client whose only trusted certificate is the test's own. */
    private HttpClient trusting() throws Exception {
        KeyStore trust = KeyStore.getInstance("PKCS12");
        trust.load(null, null);
        trust.setCertificateEntry("keyward", certificate());
        TrustManagerFactory trustManagers = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        trustManagers.init(trust);
        SSLContext tls = SSLContext.getInstance("TLS");
        tls.init(null, trustManagers.getTrustManagers(), null);
        return HttpClient.newBuilder().sslContext(tls).build();
    }

    private Certificate certificate() throws Exception {
        KeyStore store = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(keyStore)) {
            store.load(in, STORE_PASSWORD.toCharArray());
        }
        return store.getCertificate("kw");
    }

    /** keytool, as an operator would make one: EC P-256, CN and SAN localhost/127.0.0.1, valid two days. */
    private static Path selfSignedKeyStore() {
        try {
            Path dir = Files.createDirectories(Path.of("target", "test-data"));
            Path store = Files.createTempDirectory(dir, "tls-").resolve("keyward.p12").toAbsolutePath();
            Path keytool = Path.of(System.getProperty("java.home"), "bin", "keytool");
            Process process = new ProcessBuilder(keytool.toString(), "-genkeypair", "-alias", "kw", "-keyalg", "EC",
                    "-groupname", "secp256r1", "-dname", "CN=localhost", "-ext", "SAN=dns:localhost,ip:127.0.0.1",
                    "-storetype", "PKCS12", "-keystore", store.toString(), "-storepass", STORE_PASSWORD, "-validity", "2")
                    .redirectErrorStream(true).start();
            String output = new String(process.getInputStream().readAllBytes());
            assertTrue(process.waitFor(60, TimeUnit.SECONDS) && process.exitValue() == 0, "keytool failed: " + output);
            return store;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
