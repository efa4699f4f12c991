package dev.keyward.adapter.rest;

import dev.keyward.domain.manage.TokenBootstrap;
import dev.keyward.testkit.HttpApi;
import io.micronaut.json.JsonMapper;
import io.micronaut.runtime.server.EmbeddedServer;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * A test of the REST adapter on its embedded server over the in-memory services: a raw client for it
 * and the bootstrap admin's key (every permission). Subclasses carry {@code @MicronautTest}.
 */
abstract class ServerTest {

    /** One admin per test class: each class gets its own application context, so its own tokens. */
    private static final Map<Class<?>, String> ADMINS = new ConcurrentHashMap<>();

    @Inject
    EmbeddedServer server;
    @Inject
    TokenBootstrap bootstrap;
    @Inject
    JsonMapper json;

    protected HttpApi client;
    protected String admin;

    @BeforeEach
    void connectAsTheBootstrapAdmin() {
        client = new HttpApi(server.getPort(), json);
        admin = ADMINS.computeIfAbsent(getClass(), test -> bootstrap.bootstrap(Optional.empty()).orElseThrow().reveal());
    }

    /** Creates a token as the admin from a JSON body and returns its value. */
    protected String create(String body) {
        HttpApi.Reply created = client.post("/api-tokens", admin, body);
        assertEquals(200, created.status(), created.body());
        return (String) created.json().get("value");
    }
}
