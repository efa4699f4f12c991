package dev.keyward.adapter.persistence.store;

import dev.keyward.adapter.persistence.TestDatabase;
import dev.keyward.adapter.persistence.TestTokens;
import dev.keyward.domain.audit.PendingAuditEvent;
import dev.keyward.domain.token.TokenId;
import dev.keyward.domain.token.Transactions;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The audit backlog on the real MariaDB/MySQL, including what needs two connections: claims that skip
 * each other's rows, and a claim held open (as while the relay waits for the broker) that must not
 * delay API writes appending new events.
 */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class JdbcAuditBacklogIT extends JdbcAuditBacklogContract implements TestPropertyProvider {

    @Override
    public Map<String, String> getProperties() {
        return TestDatabase.micronautProperties("audit_backlog");
    }

    @Test
    void two_relays_claiming_at_once_get_disjoint_events_and_the_second_sees_what_the_first_holds() throws Exception {
        appendIssued(6);

        List<PendingAuditEvent> second = whileClaimHeld(relayTransactions, 3, () -> relayTransactions.inWrite(() -> {
            List<PendingAuditEvent> claimed = claim("relay-b", 10);
            return claimed;
        }), first -> {
            assertEquals(3, first.size());
            return first;
        });

        assertEquals(3, second.size(), "the first relay's rows are skipped, not waited for");
        List<Map<String, Object>> stored = rows.query("SELECT seq FROM audit_outbox ORDER BY seq");
        assertEquals(((Number) stored.get(3).get("seq")).longValue(), second.get(0).sequence());
    }

    @Test
    void unsent_sequences_include_events_another_relay_holds() throws Exception {
        appendIssued(2);
        List<PendingAuditEvent> all = relayTransactions.inWrite(() -> claim("relay-a", 10));
        relayTransactions.inWrite(() -> {
            backlog.release("relay-a", all);
            return null;
        });
        TokenId first = all.get(0).tokenId();

        Map<TokenId, List<Long>> seen = whileClaimHeld(relayTransactions, 1,
                () -> relayTransactions.inWrite(() -> backlog.unsentSequences(Set.of(first), Long.MAX_VALUE)), held -> held);

        assertEquals(Map.of(first, List.of(all.get(0).sequence())), seen);
    }

    @Test
    void a_held_relay_claim_does_not_delay_an_api_write_appending_a_new_event() throws Exception {
        appendIssued(3);

        Duration write = whileClaimHeld(relayTransactions, 10, this::timedApiWrite, held -> held, Duration.ofSeconds(2));

        assertTrue(write.compareTo(Duration.ofMillis(1500)) < 0, "the write waited " + write + " for the relay's claim");
        assertEquals(4, rows.count("audit_outbox"));
    }

    @Test
    void the_same_claim_at_the_default_repeatable_read_would_make_api_writes_wait_which_is_why_the_relay_avoids_it() throws Exception {
        appendIssued(3);

        // Held 1.2 s: long enough to see the wait, short of the driver's 2 s socket timeout.
        Duration write = whileClaimHeld(transactions, 10, this::timedApiWrite, held -> held, Duration.ofMillis(1200));

        assertTrue(write.compareTo(Duration.ofMillis(1000)) >= 0,
                "expected the gap lock of a REPEATABLE READ claim to block the insert, it took " + write);
    }

    private Duration timedApiWrite() {
        long start = System.nanoTime();
        append(TestTokens.issue("during-claim", TestTokens.now()).event());
        return Duration.ofNanos(System.nanoTime() - start);
    }

    private <T> T whileClaimHeld(Transactions claimTransactions, int limit, java.util.function.Supplier<T> meanwhile,
                                 Function<List<PendingAuditEvent>, List<PendingAuditEvent>> checkClaim) throws Exception {
        return whileClaimHeld(claimTransactions, limit, meanwhile, checkClaim, Duration.ZERO);
    }

    /**
     * Claims {@code limit} events on another thread and keeps that transaction open while {@code meanwhile}
     * runs on a third, at most {@code linger} if that is not zero, then commits.
     */
    private <T> T whileClaimHeld(Transactions claimTransactions, int limit, java.util.function.Supplier<T> meanwhile,
                                 Function<List<PendingAuditEvent>, List<PendingAuditEvent>> checkClaim,
                                 Duration linger) throws Exception {
        CountDownLatch claimed = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        List<PendingAuditEvent> held = new ArrayList<>();
        CompletableFuture<Void> holder = CompletableFuture.runAsync(() -> claimTransactions.inWrite(() -> {
            held.addAll(checkClaim.apply(claim("holder", limit)));
            claimed.countDown();
            try {
                release.await(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return null;
        }));
        assertTrue(claimed.await(10, TimeUnit.SECONDS), "the claim did not happen");
        CompletableFuture<T> result = CompletableFuture.supplyAsync(meanwhile::get);
        if (!linger.isZero()) {
            Thread.sleep(linger.toMillis());
            release.countDown();
        }
        try {
            return result.get(30, TimeUnit.SECONDS);
        } finally {
            release.countDown();
            holder.get(30, TimeUnit.SECONDS);
            assertEquals(held.size(), new HashSet<>(held).size());
        }
    }
}
