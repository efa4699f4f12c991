package dev.keyward.app.rest;

import dev.keyward.app.support.EndToEndTest;
import dev.keyward.testkit.HttpApi;
import dev.keyward.testkit.HttpApi.Reply;
import dev.keyward.testkit.HttpApi.Token;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Many rotations of one token at once, over real connections and the real database: none may fail
 * with a 5xx, and afterwards exactly one of the values handed out works.
 */
@MicronautTest(transactional = false)
class ConcurrentRotationEndToEndIT extends EndToEndTest {

    private static final int PARALLEL = 24;

    @Test
    void parallel_rotations_by_id_leave_exactly_one_live_value() throws Exception {
        Token token = api.create(admin, unique("contended"), "OrganizationAPITokenRead");
        List<Reply> replies = race(() -> api.rotate(token.id(), admin));

        List<String> values = valuesOf(replies, List.of(200, 409));
        assertTrue(!values.isEmpty(), "at least one rotation succeeded");
        assertExactlyOneLive(values, token.value());
    }

    @Test
    void parallel_self_rotations_leave_exactly_one_live_value() throws Exception {
        Token token = api.create(admin, unique("self-contended"), "OrganizationAPITokenRead");
        List<Reply> replies = race(() -> api.rotate("self", token.value()));

        List<String> values = valuesOf(replies, List.of(200, 401, 409));
        assertTrue(!values.isEmpty(), "at least one rotation succeeded");
        assertExactlyOneLive(values, token.value());
    }

    @Test
    void parallel_rotations_with_grace_leave_exactly_one_current_and_one_previous_value() throws Exception {
        Token token = api.create(admin, unique("graceful-contended"), "OrganizationAPITokenRead");
        List<Reply> replies = race(() -> api.send("POST", "/api-tokens/" + token.id() + "/rotate", admin, HttpApi.JSON,
                "{\"gracePeriodSeconds\": 3600}"));

        List<String> values = new ArrayList<>(valuesOf(replies, List.of(200, 409)));
        assertTrue(!values.isEmpty(), "at least one rotation succeeded");
        values.add(token.value());
        List<String> live = values.stream().filter(value -> api.get("/api-tokens/self", value).status() == 200).toList();
        assertEquals(2, live.size(), "the last rotation's value and the one it replaced, of " + values.size());
        long rotatable = live.stream().filter(value -> api.rotate("self", value).status() == 200).count();
        assertEquals(1, rotatable, "only the current value may rotate the token; the previous one is refused");
    }

    /** Starts all rotations at once, each on its own thread and connection. */
    private List<Reply> race(Callable<Reply> rotation) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(PARALLEL);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<Reply>> futures = new ArrayList<>();
            for (int i = 0; i < PARALLEL; i++) {
                futures.add(pool.submit(() -> {
                    start.await();
                    return rotation.call();
                }));
            }
            start.countDown();
            List<Reply> replies = new ArrayList<>();
            for (Future<Reply> future : futures) {
                replies.add(future.get(60, TimeUnit.SECONDS));
            }
            return replies;
        } finally {
            pool.shutdownNow();
        }
    }

    private static List<String> valuesOf(List<Reply> replies, List<Integer> allowed) {
        List<String> values = new ArrayList<>();
        List<Integer> statuses = replies.stream().map(Reply::status).sorted().toList();
        for (Reply reply : replies) {
            assertTrue(allowed.contains(reply.status()), "status " + reply.status() + " among " + statuses + ": " + reply.body());
            if (reply.status() == 200) {
                values.add(reply.string("value"));
            } else {
                reply.message();
            }
        }
        return values;
    }

    private void assertExactlyOneLive(List<String> values, String original) {
        assertEquals(values.size(), values.stream().distinct().count(), "every rotation handed out a different value");
        long live = values.stream().filter(value -> api.get("/api-tokens/self", value).status() == 200).count();
        assertEquals(1, live, "exactly one of " + values.size() + " returned values authenticates");
        assertEquals(401, api.get("/api-tokens/self", original).status(), "the original value is dead");
    }
}
