package dev.keyward.app.check;

import dev.keyward.app.support.KeywardNodes;
import dev.keyward.app.support.KeywardTestApp;
import dev.keyward.testkit.HttpApi;
import dev.keyward.testkit.HttpApi.Reply;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The change feed under sustained concurrent writes: eight writers rotate their tokens for several
 * seconds, each rotation through one node or the other in turn, after both nodes have checked (and
 * cached) the value about to be rotated away. One second after the last rotation, every value rotated
 * away is refused by both nodes. (The feed of earlier releases tracked AUTO_INCREMENT gaps and could
 * miss a late-committing row for up to a minute.)
 */
class InterleavedRotationsEndToEndIT {

    /** Where the nodes keep their tokens; the *GaleraIT subclass runs every test on the cluster. */
    protected KeywardNodes.Database database() {
        return KeywardNodes.ONE_SERVER;
    }

    private static final Logger LOG = LoggerFactory.getLogger(InterleavedRotationsEndToEndIT.class);
    private static final int WRITERS = 8;
    private static final Duration RUN = Duration.ofSeconds(10);
    private static final Duration BOUND = Duration.ofSeconds(1);

    private final String admin = KeywardTestApp.newKey();

    /** A value rotated away, and when its rotation was answered. */
    private record RotatedAway(String value, long answeredNanos) {
    }

    @Test
    void every_value_rotated_away_on_either_node_is_refused_by_both_a_second_later() throws Exception {
        try (KeywardNodes nodes = database().start(2, "check_interleaved", admin, Map.of(), node -> Map.of())) {
            List<HttpApi> apis = nodes.apis();
            ConcurrentLinkedQueue<RotatedAway> rotatedAway = new ConcurrentLinkedQueue<>();
            ExecutorService writers = Executors.newFixedThreadPool(WRITERS);
            long end = System.nanoTime() + RUN.toNanos();
            List<Future<Integer>> rotations = new ArrayList<>();
            for (int w = 0; w < WRITERS; w++) {
                int writer = w;
                rotations.add(writers.submit(() -> rotateUntil(apis, writer, end, rotatedAway)));
            }
            int total = 0;
            for (Future<Integer> done : rotations) {
                total += done.get();
            }
            writers.shutdown();
            long last = rotatedAway.stream().mapToLong(RotatedAway::answeredNanos).max().orElseThrow();
            Thread.sleep(Math.max(0, Duration.ofNanos(last + BOUND.toNanos() - System.nanoTime()).toMillis()));

            List<String> stillAccepted = new ArrayList<>();
            for (RotatedAway away : rotatedAway) {
                for (int node = 0; node < apis.size(); node++) {
                    int status = apis.get(node).get("/api-tokens/self", away.value()).status();
                    if (status != 401) {
                        stillAccepted.add("node " + node + " answered " + status);
                    }
                }
            }
            LOG.info("{} rotations by {} writers interleaved over two nodes in {}; {} old values still accepted 1 s later",
                    total, WRITERS, RUN, stillAccepted.size());
            assertTrue(total >= 100, "the load was real: " + total + " rotations");
            assertEquals(List.of(), stillAccepted, stillAccepted.size() + " of " + total + " values rotated away still work");
        }
    }

    /** One writer: a token of its own, checked on both nodes, then rotated through node A, B, A, … */
    private int rotateUntil(List<HttpApi> apis, int writer, long end, ConcurrentLinkedQueue<RotatedAway> rotatedAway) {
        HttpApi.Token token = apis.get(writer % 2).create(admin, "interleaved-" + writer, "RuleRead");
        String value = token.value();
        int count = 0;
        while (System.nanoTime() < end) {
            for (HttpApi api : apis) {
                assertEquals(200, api.get("/api-tokens/self", value).status(), "the value about to be rotated works (and is cached)");
            }
            Reply rotated = apis.get((writer + count) % 2).rotate(token.id(), admin);
            assertEquals(200, rotated.status(), rotated.body());
            rotatedAway.add(new RotatedAway(value, System.nanoTime()));
            value = rotated.string("value");
            count++;
        }
        return count;
    }
}
