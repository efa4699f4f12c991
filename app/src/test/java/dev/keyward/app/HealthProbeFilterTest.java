package dev.keyward.app;

import dev.keyward.testkit.HttpApi;
import io.micronaut.context.ApplicationContext;
import io.micronaut.context.annotation.Requires;
import io.micronaut.core.async.publisher.Publishers;
import io.micronaut.health.HealthStatus;
import io.micronaut.json.JsonMapper;
import io.micronaut.management.endpoint.health.HealthEndpoint;
import io.micronaut.management.health.indicator.HealthCheckType;
import io.micronaut.management.health.indicator.HealthIndicator;
import io.micronaut.management.health.indicator.HealthResult;
import io.micronaut.runtime.server.EmbeddedServer;
import jakarta.inject.Singleton;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Mono;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The health probes answered by {@link HealthProbeFilter} give the health endpoint's own answer: the whole
 * service on its embedded H2 in a data directory of its own, with one extra readiness indicator the test
 * can turn DOWN or make slow (so the endpoint answers instead).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class HealthProbeFilterTest {

    private EmbeddedServer server;
    private HttpApi api;
    private HealthEndpoint endpoint;
    private JsonMapper json;

    @BeforeAll
    void start() throws IOException {
        Map<String, Object> properties = new HashMap<>();
        properties.put("keyward.data-dir", Files.createTempDirectory(Files.createDirectories(Path.of("target", "test-data")), "health-").toAbsolutePath().toString());
        properties.put("micronaut.server.port", -1);
        properties.put(SwitchableIndicator.ENABLED, true);
        server = ApplicationContext.run(EmbeddedServer.class, properties);
        json = server.getApplicationContext().getBean(JsonMapper.class);
        endpoint = server.getApplicationContext().getBean(HealthEndpoint.class);
        api = new HttpApi(server.getPort(), json);
    }

    @AfterAll
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    @AfterEach
    void upAndAtOnceAgain() {
        SwitchableIndicator.status = HealthStatus.UP;
        SwitchableIndicator.later = false;
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"/health/readiness", "/health/liveness", "/health"})
    void a_probe_answers_200_with_the_status_alone_as_the_endpoint_does(String path) {
        HttpApi.Reply reply = api.get(path, null);
        assertEquals(200, reply.status(), reply.body());
        assertEquals("{\"status\":\"UP\"}", reply.body());
        assertEquals("application/json", reply.header("Content-Type"));
        assertNotNull(reply.header("Date"));
        assertEquals("nosniff", reply.header("X-Content-Type-Options"));
        assertEquals(endpointsAnswer(path), reply.body());
    }

    @Test
    void readiness_asks_each_indicator_once_and_answers_itself_when_all_answer_at_once() {
        int before = SwitchableIndicator.ASKED.get();
        assertEquals(200, api.get("/health/readiness", null).status());
        assertEquals(before + 1, SwitchableIndicator.ASKED.get(), "the filter's question only: the endpoint never ran");
    }

    @Test
    void a_readiness_indicator_that_is_down_makes_readiness_and_health_503_and_leaves_liveness_up() {
        SwitchableIndicator.status = HealthStatus.DOWN;
        for (String path : new String[] {"/health/readiness", "/health"}) {
            HttpApi.Reply reply = api.get(path, null);
            assertEquals(503, reply.status(), path);
            assertEquals("{\"status\":\"DOWN\"}", reply.body(), path);
            assertEquals(endpointsAnswer(path), reply.body(), path);
        }
        assertEquals(200, api.get("/health/liveness", null).status());
    }

    @Test
    void unknown_is_not_ready_either() {
        SwitchableIndicator.status = HealthStatus.UNKNOWN;
        HttpApi.Reply reply = api.get("/health/readiness", null);
        assertEquals(503, reply.status());
        assertEquals("{\"status\":\"UNKNOWN\"}", reply.body());
    }

    @Test
    void an_indicator_that_answers_later_is_waited_for_by_the_endpoint_itself() {
        SwitchableIndicator.status = HealthStatus.DOWN;
        SwitchableIndicator.later = true;
        int before = SwitchableIndicator.ASKED.get();
        HttpApi.Reply reply = api.get("/health/readiness", null);
        assertEquals(503, reply.status());
        assertEquals("{\"status\":\"DOWN\"}", reply.body());
        assertEquals(before + 2, SwitchableIndicator.ASKED.get(), "asked by the filter, which stepped aside, then by the endpoint");
    }

    @Test
    void head_gets_the_status_of_get_without_a_body_and_other_methods_what_they_got_before() {
        HttpApi.Reply head = api.send("HEAD", "/health/readiness", null, null, null);
        assertEquals(200, head.status());
        assertEquals("", head.body());
        SwitchableIndicator.status = HealthStatus.DOWN;
        HttpApi.Reply down = api.send("HEAD", "/health/readiness", null, null, null);
        assertEquals(503, down.status(), "Micronaut's endpoint answered HEAD 200 when DOWN");
        assertEquals("", down.body());
        HttpApi.Reply put = api.send("PUT", "/health/readiness", null, HttpApi.JSON, "{}");
        assertEquals(405, put.status());
        assertEquals("Method [PUT] not allowed for URI [/health/readiness]. Allowed methods: [HEAD, GET]", put.message());
    }

    @Test
    void the_disk_space_component_is_answered_from_memory_with_micronauts_details() {
        HealthIndicator diskSpace = server.getApplicationContext().getBeansOfType(HealthIndicator.class).stream()
                .filter(DiskSpaceWatch.class::isInstance).findFirst().orElseThrow();
        HealthResult result = Mono.from(diskSpace.getResult()).block(Duration.ofSeconds(1));
        assertEquals("diskSpace", result.getName());
        assertEquals(HealthStatus.UP, result.getStatus());
        Map<?, ?> details = (Map<?, ?>) result.getDetails();
        assertEquals(List.of("total", "free", "threshold"), List.copyOf(details.keySet()));
        assertTrue(server.getApplicationContext().getBeansOfType(HealthIndicator.class).stream()
                .noneMatch(indicator -> indicator.getClass().getSimpleName().equals("DiskSpaceIndicator")), "Micronaut's own is replaced");
    }

    /** What Micronaut's health endpoint itself answers for {@code path}, serialised as the server does. */
    private String endpointsAnswer(String path) {
        Publisher<HealthResult> answer = path.equals("/health") ? endpoint.getHealth(null)
                : endpoint.getHealth(null, path.endsWith("liveness") ? HealthCheckType.LIVENESS : HealthCheckType.READINESS);
        try {
            return json.writeValueAsString(Mono.from(answer).block(Duration.ofSeconds(5)));
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    /** A readiness component for the test to turn: DOWN or UNKNOWN, or answering only after a moment. */
    @Singleton
    @Requires(property = SwitchableIndicator.ENABLED, value = "true")
    static final class SwitchableIndicator implements HealthIndicator {

        static final String ENABLED = "keyward.test.switchable-indicator";
        static volatile HealthStatus status = HealthStatus.UP;
        static volatile boolean later;
        static final AtomicInteger ASKED = new AtomicInteger();

        @Override
        public Publisher<HealthResult> getResult() {
            ASKED.incrementAndGet();
            HealthResult result = HealthResult.builder("switchable", status).build();
            return later ? Mono.just(result).delayElement(Duration.ofMillis(20)) : Publishers.just(result);
        }
    }
}
