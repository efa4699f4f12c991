package dev.keyward.adapter.persistence.store;

import dev.keyward.adapter.persistence.TestDatabase;
import dev.keyward.adapter.persistence.TestTokens;
import dev.keyward.domain.error.ConcurrentChangeException;
import dev.keyward.domain.lifecycle.LifecycleCalendar.Due;
import dev.keyward.domain.token.TokenId;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The lifecycle tables on the real MariaDB/MySQL, and what needs two connections: claims skip each other's rows. */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class JdbcLifecycleIT extends JdbcLifecycleContract implements TestPropertyProvider {

    @Override
    public Map<String, String> getProperties() {
        return TestDatabase.micronautProperties("lifecycle");
    }

    @Test
    void two_scans_claiming_at_once_get_disjoint_entries() throws Exception {
        Instant now = TestTokens.now();
        for (int i = 0; i < 6; i++) {
            schedule(newId(), now.minusSeconds(10 + i));
        }
        CountDownLatch firstHolds = new CountDownLatch(1);
        CountDownLatch secondDone = new CountDownLatch(1);
        CompletableFuture<List<Due>> first = CompletableFuture.supplyAsync(() -> scanTransactions.inWrite(() -> {
            List<Due> claimed = calendar.claimDue(now, 4);
            firstHolds.countDown();
            await(secondDone);
            return claimed;
        }));
        assertTrue(firstHolds.await(10, TimeUnit.SECONDS));
        List<Due> second = scanTransactions.inWrite(() -> calendar.claimDue(now, 10));
        secondDone.countDown();

        Set<TokenId> firstIds = new HashSet<>(first.get(10, TimeUnit.SECONDS).stream().map(Due::token).toList());
        Set<TokenId> secondIds = new HashSet<>(second.stream().map(Due::token).toList());
        assertEquals(4, firstIds.size());
        assertEquals(2, secondIds.size());
        secondIds.retainAll(firstIds);
        assertEquals(Set.of(), secondIds);
    }

    @Test
    void tokens_created_at_the_same_time_get_their_entries_without_deadlocking_each_other() throws Exception {
        Instant at = TestTokens.now().plusSeconds(60);
        CountDownLatch start = new CountDownLatch(1);
        List<CompletableFuture<Void>> creates = new java.util.ArrayList<>();
        for (int i = 0; i < 8; i++) {
            TokenId id = newId();
            creates.add(CompletableFuture.runAsync(() -> {
                await(start);
                for (int n = 0; n < 5; n++) {
                    Instant next = at.plusSeconds(n);
                    transactions.inWrite(() -> {
                        calendar.schedule(id, next);
                        return null;
                    });
                }
            }));
        }
        start.countDown();
        CompletableFuture.allOf(creates.toArray(CompletableFuture[]::new)).get(30, TimeUnit.SECONDS);

        assertEquals(8, rows.count("token_lifecycle_due"));
    }

    @Test
    void nodes_claiming_the_same_reuse_report_at_once_make_exactly_one_claim() throws Exception {
        for (int round = 0; round < 5; round++) {
            TokenId token = newId();
            Instant now = TestTokens.now();
            CountDownLatch start = new CountDownLatch(1);
            List<CompletableFuture<Boolean>> claims = new java.util.ArrayList<>();
            for (int node = 0; node < 4; node++) {
                claims.add(CompletableFuture.supplyAsync(() -> {
                    await(start);
                    try {
                        return claim(token, now, Duration.ofMinutes(1));
                    } catch (ConcurrentChangeException lostRace) {
                        return false;
                    }
                }));
            }
            start.countDown();
            long won = 0;
            for (CompletableFuture<Boolean> claim : claims) {
                won += claim.get(30, TimeUnit.SECONDS) ? 1 : 0;
            }
            assertEquals(1, won, "round " + round);
        }
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
