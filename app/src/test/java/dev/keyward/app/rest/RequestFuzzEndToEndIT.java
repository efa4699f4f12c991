package dev.keyward.app.rest;

import dev.keyward.app.support.EndToEndTest;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;

import static org.junit.jupiter.api.Assertions.assertTrue;

/** Seeded random requests written raw to the socket, against the whole service: none may produce a 5xx. */
@MicronautTest(transactional = false)
class RequestFuzzEndToEndIT extends EndToEndTest {

    private static final long SEED = 20261122L;

    @Test
    void two_hundred_random_requests_never_yield_a_5xx() throws IOException {
        Random random = new Random(SEED);
        Map<Integer, Integer> statuses = new TreeMap<>();
        for (int i = 0; i < 200; i++) {
            byte[] request = RandomRequests.next(random, admin);
            String shown = new String(request, StandardCharsets.ISO_8859_1);
            String response = exchange(request);
            assertTrue(response.startsWith("HTTP/1.1 "), "request #" + i + " got no response\nfor\n" + shown);
            int status = Integer.parseInt(response.substring(9, 12));
            statuses.merge(status, 1, Integer::sum);
            assertTrue(status < 500, "request #" + i + " got " + response + "\nfor\n" + shown);
            String body = response.substring(response.indexOf("\r\n\r\n") + 4);
            if (status >= 400 && !body.isEmpty()) {
                assertTrue(body.startsWith("{\"message\":\"") && body.endsWith("\"}"), "request #" + i + " got " + response);
            }
        }
        // The generator must reach past authentication and routing, or the test proves little.
        assertTrue(statuses.getOrDefault(200, 0) >= 10 && statuses.getOrDefault(400, 0) >= 20, statuses.toString());
    }

    /** Sends one request on its own connection ({@code Connection: close}) and reads until the server closes. */
    private String exchange(byte[] request) throws IOException {
        try (Socket socket = new Socket("127.0.0.1", server.getPort())) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            out.write(request);
            out.flush();
            InputStream in = socket.getInputStream();
            ByteArrayOutputStream received = new ByteArrayOutputStream();
            byte[] buffer = new byte[8192];
            try {
                for (int n; (n = in.read(buffer)) > 0; ) {
                    received.write(buffer, 0, n);
                }
            } catch (IOException e) {
                // A reset after the response was written still leaves the status line readable.
            }
            return received.toString(StandardCharsets.ISO_8859_1);
        }
    }
}
