package dev.keyward.app.rest;

import dev.keyward.app.support.KeywardTestApp;
import io.micronaut.json.JsonMapper;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.TestInstance;

import java.util.HashMap;
import java.util.Map;

/**
 * The whole service on a random port over its own fresh database on the real MariaDB/MySQL, with the
 * bootstrap admin token set to a value generated for the run. Subclasses carry
 * {@code @MicronautTest(transactional = false)}: requests commit for real, as in production.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class EndToEndTest implements TestPropertyProvider {

    /** The bootstrap-admin token: every permission, created by {@code system} at start. */
    protected final String admin = KeywardTestApp.newKey();

    @Inject
    EmbeddedServer server;
    @Inject
    JsonMapper json;

    protected Api api;

    @Override
    public Map<String, String> getProperties() {
        Map<String, String> properties = new HashMap<>(KeywardTestApp.properties("rest_" + getClass().getSimpleName(), admin));
        properties.put("micronaut.server.port", "-1");
        return properties;
    }

    @BeforeEach
    void connect() {
        api = new Api(server.getPort(), json);
    }

    protected static String unique(String prefix) {
        return prefix + "-" + Long.toString(System.nanoTime(), 36);
    }
}
