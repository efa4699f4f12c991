package dev.keyward.app.check;

import dev.keyward.app.support.KeywardTestApp;
import dev.keyward.app.support.TcpProxy;
import dev.keyward.domain.check.CheckCode;
import dev.keyward.domain.check.CheckRequest;
import dev.keyward.domain.check.Door;
import dev.keyward.domain.check.TokenCheck;
import dev.keyward.domain.error.UnavailableException;
import dev.keyward.domain.permission.PermissionSet;
import dev.keyward.testkit.HttpApi;
import dev.keyward.testkit.HttpApi.Reply;
import dev.keyward.testkit.HttpApi.Token;
import io.micronaut.context.ApplicationContext;
import io.micronaut.json.JsonMapper;
import io.micronaut.runtime.server.EmbeddedServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The database goes away behind a TCP proxy: a node keeps accepting a cached token only while its
 * change feed is fresh (keyward.check.max-staleness, 1 s by default), then refuses with 503 naming the
 * database, and accepts again once the database is back.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DatabaseOutageEndToEndIT {


    private final String admin = KeywardTestApp.newKey();
    private TcpProxy proxy;
    private EmbeddedServer server;
    private HttpApi api;

    @BeforeAll
    void startBehindAProxy() throws Exception {
        Map<String, Object> properties = new HashMap<>(KeywardTestApp.properties("check_outage", admin));
        String url = (String) properties.get("datasources.default.url");
        proxy = TcpProxy.inFrontOf(url);
        properties.put("datasources.default.url", proxy.rewrite(url));
        properties.put("datasources.default.connection-timeout", "1000");
        properties.put("micronaut.server.port", "-1");
        server = ApplicationContext.run(EmbeddedServer.class, properties);
        api = new HttpApi(server.getPort(), server.getApplicationContext().getBean(JsonMapper.class));
    }

    @AfterAll
    void stop() throws Exception {
        server.close();
        proxy.close();
    }

    private CheckCode check(String key) {
        return server.getApplicationContext().getBean(TokenCheck.class)
                .check(new CheckRequest(key, null, PermissionSet.of(), Door.VERIFY)).code();
    }

    /** The code, or null while the node answers unavailable. */
    private CheckCode checkOrUnavailable(String key) {
        try {
            return check(key);
        } catch (UnavailableException e) {
            return null;
        }
    }

    @Test
    void a_cached_token_is_accepted_while_the_feed_is_fresh_then_refused_with_503_until_the_database_is_back() throws Exception {
        Token token = api.create(admin, "outage", "OrganizationAPITokenRead");
        Thread.sleep(500); // the feed brings this node's own creation back (dropping the hash once): let it settle
        assertEquals(200, api.get("/api-tokens/self", token.value()).status(), "cached now");
        Thread.sleep(100);

        proxy.cut();
        long cut = System.nanoTime();

        assertEquals(CheckCode.VALID, check(token.value()), "fresh feed: the cached answer stands");
        assertTrue(System.nanoTime() - cut < Duration.ofMillis(700).toNanos(), "checked well within the bound");
        assertThrows(UnavailableException.class, () -> check(KeywardTestApp.newKey()), "an uncached key cannot be vouched for");

        Thread.sleep(Math.max(0, Duration.ofMillis(1_500).toMillis() - Duration.ofNanos(System.nanoTime() - cut).toMillis()));
        Reply refused = api.get("/api-tokens/self", token.value());
        assertEquals(503, refused.status(), refused.body());
        assertTrue(refused.message().contains("database"), refused.body());
        assertEquals(Map.of("message", refused.message()), refused.json(), "only a message");
        assertThrows(UnavailableException.class, () -> check(token.value()));

        proxy.open();
        long reopened = System.nanoTime();
        while (checkOrUnavailable(token.value()) != CheckCode.VALID || api.get("/api-tokens/self", token.value()).status() != 200) {
            assertTrue(System.nanoTime() - reopened < Duration.ofSeconds(15).toNanos(), "the node never recovered");
            Thread.sleep(100);
        }
    }
}
