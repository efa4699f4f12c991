package dev.keyward.app.support;

import dev.keyward.testkit.HttpApi;
import io.micronaut.json.JsonMapper;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.TestInstance;

import java.util.HashMap;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The whole service on a random port over its own fresh database on the real MariaDB/MySQL, with the
 * bootstrap admin token set to a value generated for the run, and {@link #api} pointed at it.
 * Subclasses carry {@code @MicronautTest(transactional = false)}: requests commit for real, as in production.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public abstract class EndToEndTest implements TestPropertyProvider {

    /** The bootstrap-admin token: every permission, created by {@code system} at start. */
    protected final String admin = KeywardTestApp.newKey();

    @Inject
    protected EmbeddedServer server;
    @Inject
    protected JsonMapper json;

    /** Set before any {@code @BeforeAll} of a subclass runs, so those may call the service too. */
    protected HttpApi api;

    /** One fresh database per test class, e.g. {@code keyward_t_rest_tokenlifecycleendtoendtest}. */
    @Override
    public Map<String, String> getProperties() {
        String area = getClass().getPackageName().substring(getClass().getPackageName().lastIndexOf('.') + 1);
        Map<String, String> properties = new HashMap<>(KeywardTestApp.properties(area + "_" + getClass().getSimpleName(), admin));
        properties.put("micronaut.server.port", "-1");
        return properties;
    }

    @BeforeAll
    protected void connectTheClient() {
        api = new HttpApi(server.getPort(), json);
    }

    @BeforeEach
    protected void theServerIsUp() {
        assertTrue(server.isRunning());
    }

    /** {@code prefix} plus a suffix from the clock, so that names differ between tests and runs. */
    protected static String unique(String prefix) {
        return prefix + "-" + Long.toString(System.nanoTime(), 36);
    }
}
