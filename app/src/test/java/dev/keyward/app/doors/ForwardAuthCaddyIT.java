package dev.keyward.app.doors;

import io.micronaut.test.extensions.junit5.annotation.MicronautTest;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** {@link ForwardAuthGatewayTest} with Debian's Caddy and {@code forward_auth}, configured as the README shows. */
@MicronautTest(transactional = false)
class ForwardAuthCaddyIT extends ForwardAuthGatewayTest {

    private static final Path CADDY = Path.of("/usr/bin/caddy");

    @Override
    Path executable() {
        return CADDY;
    }

    @Override
    String installHint() {
        return "install Debian's Caddy with `apt-get install -y caddy`";
    }

    @Override
    Process start(Path dir, int listen, int keyward, int upstreamPort) throws IOException {
        Files.writeString(dir.resolve("Caddyfile"), configuration(listen, keyward, upstreamPort));
        ProcessBuilder caddy = new ProcessBuilder(CADDY.toString(), "run", "--config", dir.resolve("Caddyfile").toString(),
                "--adapter", "caddyfile")
                .redirectErrorStream(true).redirectOutput(dir.resolve("gateway.out").toFile());
        // Caddy keeps its state under $HOME / XDG: inside this run's directory, not the machine's.
        caddy.environment().put("HOME", dir.toString());
        caddy.environment().put("XDG_DATA_HOME", dir.resolve("data").toString());
        caddy.environment().put("XDG_CONFIG_HOME", dir.resolve("config").toString());
        return caddy.start();
    }

    /** The Caddy snippet of the README, with the ports of this run (and no admin endpoint, no HTTPS). */
    private static String configuration(int listen, int keyward, int upstreamPort) {
        return """
                {
                	admin off
                	auto_https off
                }

                http://127.0.0.1:%1$d {
                	handle /alerts/* {
                		forward_auth 127.0.0.1:%2$d {
                			uri /forward-auth?require=AlertRead
                			copy_headers X-Keyward-Token-Id X-Keyward-Token-Name X-Keyward-Permissions X-Keyward-Meta-Plan
                			trusted_proxies 127.0.0.1/32
                		}
                		request_header -X-API-Key
                		request_header -Authorization
                		reverse_proxy 127.0.0.1:%3$d
                	}
                	handle /rules/* {
                		forward_auth 127.0.0.1:%2$d {
                			uri /forward-auth?require=RuleRead
                			trusted_proxies 127.0.0.1/32
                		}
                		reverse_proxy 127.0.0.1:%3$d
                	}
                }
                """.formatted(listen, keyward, upstreamPort);
    }
}
