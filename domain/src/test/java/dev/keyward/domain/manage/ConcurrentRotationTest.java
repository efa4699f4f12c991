package dev.keyward.domain.manage;

import dev.keyward.domain.check.Caller;
import dev.keyward.domain.error.ConcurrentChangeException;
import dev.keyward.domain.error.UnauthenticatedException;
import dev.keyward.domain.fake.DirectTransactions;
import dev.keyward.domain.fake.ServiceFixture;
import dev.keyward.domain.fake.TestClock;
import dev.keyward.domain.token.TokenRotated;
import dev.keyward.domain.token.TokenValue;
import dev.keyward.domain.token.Transactions;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import static dev.keyward.domain.fake.ServiceFixture.ADMIN_ADDRESS;
import static dev.keyward.domain.fake.ServiceFixture.T0;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ConcurrentRotationTest {

    private static final int THREADS = 24;

    /**
     * Transactions that do not serialise anything: concurrent use cases interleave freely and only
     * the store's version check stands between them, as with optimistic locking in a database.
     */
    private static final class OptimisticTransactions implements Transactions {
        @Override
        public <T> T inWrite(Supplier<T> work) {
            return work.get();
        }
    }

    /** Rotates one token from {@code THREADS} threads released at once; returns each outcome. */
    private static List<Object> rotateInParallel(ServiceFixture f, Caller caller, String ref) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<TokenWithValue>> futures = new ArrayList<>();
            for (int i = 0; i < THREADS; i++) {
                futures.add(pool.submit(() -> {
                    start.await();
                    return f.commands.rotate(caller, ref);
                }));
            }
            start.countDown();
            List<Object> outcomes = new ArrayList<>();
            for (Future<TokenWithValue> future : futures) {
                try {
                    outcomes.add(future.get(30, TimeUnit.SECONDS));
                } catch (java.util.concurrent.ExecutionException e) {
                    outcomes.add(e.getCause());
                }
            }
            return outcomes;
        } finally {
            pool.shutdownNow();
        }
    }

    private static List<TokenValue> live(ServiceFixture f, List<TokenValue> candidates) {
        List<TokenValue> live = new ArrayList<>();
        for (TokenValue value : candidates) {
            try {
                f.authenticate(value.reveal(), ADMIN_ADDRESS);
                live.add(value);
            } catch (UnauthenticatedException refused) {
                // dead, as all but one must be
            }
        }
        return live;
    }

    @Test
    void parallel_serialised_rotations_of_another_token_all_succeed_and_only_the_last_value_authenticates() throws Exception {
        // Each clock reading is a distinct later instant, so rotatedAt orders the rotations as they committed.
        ServiceFixture f = new ServiceFixture(new TestClock(T0, Duration.ofMillis(1)), new DirectTransactions(),
                ServiceFixture.seededSecureRandom(20));
        TokenWithValue target = f.create("contended");
        int eventsBefore = f.outbox.events().size();

        List<Object> outcomes = rotateInParallel(f, f.admin, target.token().id().toString());

        List<TokenWithValue> rotations = outcomes.stream().map(o -> assertInstanceOf(TokenWithValue.class, o)).toList();
        TokenWithValue last = rotations.stream().max(Comparator.comparing(r -> r.token().rotatedAt())).orElseThrow();
        List<TokenValue> candidates = new ArrayList<>(rotations.stream().map(TokenWithValue::value).toList());
        candidates.add(target.value());
        assertEquals(List.of(last.value()), live(f, candidates));
        assertEquals(THREADS, rotations.stream().map(TokenWithValue::value).distinct().count());
        assertEquals(THREADS, f.outbox.events().size() - eventsBefore);
        assertTrue(f.outbox.events().subList(eventsBefore, f.outbox.events().size()).stream().allMatch(TokenRotated.class::isInstance));
    }

    @Test
    void parallel_serialised_self_rotations_with_one_key_let_exactly_one_win_because_the_rest_present_a_dead_key() throws Exception {
        ServiceFixture f = new ServiceFixture(new TestClock(T0, Duration.ofMillis(1)), new DirectTransactions(),
                ServiceFixture.seededSecureRandom(20));
        TokenWithValue target = f.create("contended");
        Caller self = f.authenticate(target.value());
        int eventsBefore = f.outbox.events().size();

        List<Object> outcomes = rotateInParallel(f, self, "self");

        List<TokenWithValue> rotations = outcomes.stream().filter(TokenWithValue.class::isInstance).map(TokenWithValue.class::cast).toList();
        assertEquals(1, rotations.size(), "the first rotation kills the key the others authenticated with: " + outcomes);
        outcomes.stream().filter(o -> !(o instanceof TokenWithValue))
                .forEach(o -> assertInstanceOf(UnauthenticatedException.class, o, "a rotated-away key may not act"));
        List<TokenValue> candidates = new ArrayList<>(List.of(rotations.get(0).value(), target.value()));
        assertEquals(List.of(rotations.get(0).value()), live(f, candidates));
        assertEquals(1, f.outbox.events().size() - eventsBefore);
    }

    @Test
    void parallel_optimistic_rotations_never_leave_two_live_values() throws Exception {
        ServiceFixture f = new ServiceFixture(new TestClock(T0), new OptimisticTransactions(), ServiceFixture.seededSecureRandom(21));
        TokenWithValue target = f.create("contended");
        int eventsBefore = f.outbox.events().size();

        List<Object> outcomes = rotateInParallel(f, f.admin, target.token().id().toString());

        List<TokenValue> returned = new ArrayList<>();
        for (Object outcome : outcomes) {
            if (outcome instanceof TokenWithValue rotated) {
                returned.add(rotated.value());
            } else {
                assertInstanceOf(ConcurrentChangeException.class, outcome, "a lost race is a conflict, never anything else");
            }
        }
        assertTrue(returned.size() >= 1, "at least one rotation wins");
        List<TokenValue> candidates = new ArrayList<>(returned);
        candidates.add(target.value());
        assertEquals(1, live(f, candidates).size());
        assertTrue(returned.contains(live(f, candidates).get(0)));
        assertEquals(returned.size(), f.outbox.events().size() - eventsBefore, "one event per rotation that took effect");
    }
}
