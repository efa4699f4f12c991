package dev.keyward.adapter.rest;

import dev.keyward.domain.manage.TokenBootstrap;
import dev.keyward.testkit.HttpApi;
import io.micronaut.context.annotation.Property;
import io.micronaut.json.JsonMapper;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** With the loopback peer configured as a trusted proxy, X-Forwarded-For decides the client address. */
@MicronautTest
@Property(name = "test.trusted-proxies", value = "127.0.0.0/8")
class TrustedProxyTest {

    @Inject
    EmbeddedServer server;
    @Inject
    TokenBootstrap bootstrap;
    @Inject
    JsonMapper json;

    @Test
    void a_trusted_proxy_vouches_for_the_client_address_in_x_forwarded_for() {
        HttpApi client = new HttpApi(server.getPort(), json);
        String admin = bootstrap.bootstrap(Optional.empty()).orElseThrow().reveal();
        String lan = (String) client.post("/api-tokens", admin,
                "{\"name\":\"lan\",\"permissions\":[\"OrganizationAPITokenRead\"],\"allowedCIDRBlocks\":[\"10.0.0.0/8\"]}").json().get("value");

        assertEquals(401, client.get("/api-tokens/self", lan).status());
        assertEquals(200, client.send("GET", "/api-tokens/self", lan, null, null, "X-Forwarded-For", "10.1.2.3").status());
        assertEquals(200, client.send("GET", "/api-tokens/self", lan, null, null, "X-Forwarded-For", "10.9.9.9, 127.0.0.2").status());
        assertEquals(401, client.send("GET", "/api-tokens/self", lan, null, null, "X-Forwarded-For", "10.1.2.3, 192.0.2.1").status());
    }
}
