package dev.keyward.adapter.persistence.store;

import dev.keyward.adapter.persistence.RealDatabaseTest;
import dev.keyward.adapter.persistence.TestTokens;
import dev.keyward.domain.error.ConcurrentChangeException;
import dev.keyward.domain.token.ApiToken;
import dev.keyward.domain.token.SecretHash;
import dev.keyward.domain.token.TokenEvent;
import dev.keyward.domain.token.TokenName;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Racing writers on one token, on MariaDB/MySQL with real row locks: the version check lets exactly
 * one write from a given read through, the others fail cleanly (no deadlock, no other error), and a
 * losing rotation's value never works.
 */
@MicronautTest(transactional = false)
class ConcurrentWritesIT extends RealDatabaseTest {

    private static final int ROTATIONS = 24;


    @Override
    protected String database() {
        return "concurrent_writes";
    }

    @Override
    protected Map<String, String> adjust(Map<String, String> properties) {
                properties.put("datasources.default.maximum-pool-size", String.valueOf(ROTATIONS + 2));
        return properties;
    }

    @Test
    void of_two_updates_from_the_same_read_exactly_one_succeeds_and_the_other_changes_nothing() throws Exception {
        ApiToken.Created issued = TestTokens.issue("raced", TestTokens.now());
        tokens.add(issued.token());
        ApiToken first = tokens.findById(issued.token().id()).orElseThrow();
        ApiToken second = tokens.findById(issued.token().id()).orElseThrow();

        List<Object> outcomes = race(List.of(() -> rename(first, "first"), () -> rename(second, "second")));

        assertEquals(1, outcomes.stream().filter("ok"::equals).count(), outcomes.toString());
        assertEquals(1, outcomes.stream().filter(ConcurrentChangeException.class::isInstance).count(), outcomes.toString());
        ApiToken stored = tokens.findById(issued.token().id()).orElseThrow();
        String winner = outcomes.get(0).equals("ok") ? "first" : "second";
        assertEquals(winner, stored.name().value());
        assertEquals(issued.token().version() + 1, stored.version());
        assertEquals(1, rows.count("audit_outbox"), "the loser's audit row was rolled back");
    }

    @Test
    void of_many_rotations_from_the_same_read_one_wins_and_only_its_value_stays_live() throws Exception {
        ApiToken.Created issued = TestTokens.issue("rotated by many", TestTokens.now());
        tokens.add(issued.token());
        List<SecretHash> hashes = new ArrayList<>();
        List<Callable<Object>> rotations = new ArrayList<>();
        for (int i = 0; i < ROTATIONS; i++) {
            ApiToken read = tokens.findById(issued.token().id()).orElseThrow();
            SecretHash next = TestTokens.newHash();
            hashes.add(next);
            rotations.add(() -> transactions.inWrite(() -> {
                TokenEvent event = read.rotate(next, TestTokens.byToken(TestTokens.now())).event();
                tokens.update(read);
                outbox.append(event);
                return "ok";
            }));
        }

        List<Object> outcomes = race(rotations);

        assertExactlyOneRotationWon(outcomes, hashes, issued.token());
        assertEquals(1, rows.count("audit_outbox"));
    }

    private String rename(ApiToken token, String name) {
        return transactions.inWrite(() -> {
            TokenEvent event = token.update(new TokenName(name), token.permissions(), token.allowlist(),
                    TestTokens.byToken(TestTokens.now()));
            tokens.update(token);
            outbox.append(event);
            return "ok";
        });
    }

    /** Starts all at once; each outcome is the task's result or the exception it threw. */
    private static List<Object> race(List<Callable<Object>> tasks) throws InterruptedException {
        CyclicBarrier start = new CyclicBarrier(tasks.size());
        ExecutorService pool = Executors.newFixedThreadPool(tasks.size());
        try {
            List<Future<Object>> futures = new ArrayList<>();
            for (Callable<Object> task : tasks) {
                futures.add(pool.submit(() -> {
                    start.await(10, TimeUnit.SECONDS);
                    return task.call();
                }));
            }
            List<Object> outcomes = new ArrayList<>();
            for (Future<Object> future : futures) {
                try {
                    outcomes.add(future.get(60, TimeUnit.SECONDS));
                } catch (ExecutionException e) {
                    outcomes.add(e.getCause());
                } catch (java.util.concurrent.TimeoutException e) {
                    fail("a writer hung: lock wait or deadlock");
                }
            }
            return outcomes;
        } finally {
            pool.shutdownNow();
        }
    }
}
