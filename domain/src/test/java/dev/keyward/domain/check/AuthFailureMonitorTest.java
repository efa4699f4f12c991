package dev.keyward.domain.check;

import dev.keyward.domain.fake.RecordingAuditOutbox;
import dev.keyward.domain.network.IpAddress;
import dev.keyward.domain.token.AuthFailuresObserved;
import dev.keyward.domain.token.TokenId;
import dev.keyward.domain.token.Transactions;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class AuthFailureMonitorTest {

    private static final Instant T0 = Instant.parse("2026-11-02T10:00:00Z");
    private static final Duration WINDOW = Duration.ofMinutes(1);
    private static final int THRESHOLD = 5;
    private static final IpAddress A = IpAddress.parse("203.0.113.7");
    private static final IpAddress B = IpAddress.parse("2001:db8::b");

    private final RecordingAuditOutbox outbox = new RecordingAuditOutbox();
    private final AtomicInteger transactions = new AtomicInteger();
    private final Transactions counting = new Transactions() {
        @Override
        public synchronized <T> T inWrite(Supplier<T> work) {
            transactions.incrementAndGet();
            return work.get();
        }
    };
    private final AuthFailureMonitor monitor = new AuthFailureMonitor(outbox, counting, Runnable::run, new AuthFailureMonitor.Limits(THRESHOLD, WINDOW, 1_000));

    private void fail(IpAddress from, int times, Instant at) {
        for (int i = 0; i < times; i++) {
            monitor.failed(from, null, at);
        }
    }

    @Test
    void one_token_asking_from_many_addresses_is_reported_once_by_its_token() {
        TokenId service = TokenId.newId(T0, new java.util.SplittableRandom(3));
        for (int i = 0; i <= THRESHOLD; i++) {
            monitor.failed(IpAddress.parse("192.0.2." + (i + 1)), service, T0.plusSeconds(i));
        }

        assertEquals(1, outbox.observations().size(), "no address crossed the threshold; the token did");
        AuthFailuresObserved observed = outbox.observations().get(0);
        assertEquals(service, observed.askedBy());
        assertEquals(THRESHOLD + 1, observed.failures());
        assertEquals(IpAddress.parse("192.0.2." + (THRESHOLD + 1)), observed.clientAddress(), "the address of the failure that crossed it");
    }

    @Test
    void failures_up_to_the_threshold_report_nothing_and_the_next_one_reports_the_address_once() {
        fail(A, THRESHOLD, T0);
        assertEquals(List.of(), outbox.observations());

        monitor.failed(A, null, T0.plusSeconds(10));

        assertEquals(List.of(new AuthFailuresObserved(A, null, THRESHOLD + 1, T0, T0.plus(WINDOW), T0.plusSeconds(10))),
                outbox.observations());
        assertEquals(1, transactions.get(), "the observation is stored in a transaction of its own");
    }

    @Test
    void an_address_is_reported_at_most_once_per_window_and_again_in_a_later_window() {
        fail(A, 100, T0);
        fail(A, 100, T0.plus(WINDOW).minusNanos(1));
        assertEquals(1, outbox.observations().size());

        fail(A, THRESHOLD + 1, T0.plus(WINDOW));

        assertEquals(2, outbox.observations().size());
        AuthFailuresObserved second = outbox.observations().get(1);
        assertEquals(T0.plus(WINDOW), second.windowStart());
        assertEquals(THRESHOLD + 1, second.failures(), "a new window counts from zero");
    }

    @Test
    void each_address_has_its_own_count_and_unknown_addresses_share_one() {
        fail(A, THRESHOLD, T0);
        fail(B, THRESHOLD, T0);
        assertEquals(List.of(), outbox.observations(), "five each is not eleven together");

        fail(null, THRESHOLD + 1, T0);

        assertEquals(1, outbox.observations().size());
        assertNull(outbox.observations().get(0).clientAddress());
    }

    @Test
    void memory_stays_bounded_under_a_flood_of_distinct_addresses() {
        AuthFailureMonitor small = new AuthFailureMonitor(outbox, counting, Runnable::run, new AuthFailureMonitor.Limits(THRESHOLD, WINDOW, 10));

        for (int i = 0; i < 10_000; i++) {
            small.failed(IpAddress.parse("10." + (i >> 16 & 255) + "." + (i >> 8 & 255) + "." + (i & 255)), null, T0.plusMillis(i));
        }

        assertEquals(10, small.trackedAddresses());
        assertEquals(List.of(), outbox.observations());
    }

    @Test
    void a_failing_outbox_or_a_refusing_reporter_never_reaches_the_check() {
        AuthFailureMonitor brokenOutbox = new AuthFailureMonitor(event -> {
            throw new IllegalStateException("database down");
        }, counting, Runnable::run, new AuthFailureMonitor.Limits(THRESHOLD, WINDOW, 10));
        AuthFailureMonitor fullReporter = new AuthFailureMonitor(outbox, counting, task -> {
            throw new RejectedExecutionException("queue full");
        }, new AuthFailureMonitor.Limits(THRESHOLD, WINDOW, 10));

        assertDoesNotThrow(() -> {
            for (int i = 0; i <= THRESHOLD; i++) {
                brokenOutbox.failed(A, null, T0);
                fullReporter.failed(A, null, T0);
            }
        });
        assertEquals(List.of(), outbox.observations());
    }

    @Test
    void concurrent_failures_from_one_address_are_reported_exactly_once() throws InterruptedException {
        int threads = 8;
        CountDownLatch start = new CountDownLatch(1);
        List<Thread> workers = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            Thread worker = new Thread(() -> {
                try {
                    start.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                fail(A, 100, T0);
            });
            worker.start();
            workers.add(worker);
        }
        start.countDown();
        for (Thread worker : workers) {
            worker.join();
        }

        assertEquals(1, outbox.observations().size());
        assertTrue(outbox.observations().get(0).failures() == THRESHOLD + 1);
    }
}
