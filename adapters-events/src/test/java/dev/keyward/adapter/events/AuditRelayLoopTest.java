package dev.keyward.adapter.events;

import dev.keyward.domain.audit.AuditBacklogStatus;
import dev.keyward.domain.audit.AuditRelaying;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The relay loop's waits: a commit on this node ends an idle wait at once, never a backoff. */
class AuditRelayLoopTest {

    private static final Duration LONG_POLL = Duration.ofSeconds(30);

    /** A relay whose passes are counted as permits, and which fails while {@code failing}. */
    private static final class CountingRelay implements AuditRelaying {
        final Semaphore passes = new Semaphore(0);
        volatile boolean failing;

        @Override
        public int batchSize() {
            return 10;
        }

        @Override
        public Pass relayOnce() {
            passes.release();
            return failing ? new Pass(1, 0, 1, 0, "broker down") : new Pass(0, 0, 0, 0, null);
        }

        @Override
        public int pruneDelivered(Duration retention) {
            return 0;
        }

        @Override
        public AuditBacklogStatus status() {
            return AuditBacklogStatus.EMPTY;
        }
    }

    private final CountingRelay relay = new CountingRelay();
    private final AuditRelayLoop loop = new AuditRelayLoop(relay, new EventsSettings("/keyward", "keyward.audit", null, 10,
            LONG_POLL, Duration.ofSeconds(1), Duration.ofSeconds(3), LONG_POLL, Duration.ofDays(1), Duration.ofHours(1), new EventsSettings.Kafka(Duration.ofSeconds(1))));

    @AfterEach
    void stop() {
        loop.stop();
    }

    @Test
    void a_commit_on_this_node_starts_a_pass_at_once_instead_of_at_the_next_poll() throws Exception {
        loop.start();
        assertTrue(relay.passes.tryAcquire(5, TimeUnit.SECONDS), "the first pass at start");

        loop.committed();

        assertTrue(relay.passes.tryAcquire(2, TimeUnit.SECONDS), "a pass right after the commit, not " + LONG_POLL + " later");
    }

    @Test
    void a_commit_does_not_cut_a_backoff_short_while_publishing_fails() throws Exception {
        relay.failing = true;
        loop.start();
        assertTrue(relay.passes.tryAcquire(5, TimeUnit.SECONDS));
        assertTrue(relay.passes.tryAcquire(5, TimeUnit.SECONDS), "the first backoff is 200 ms");
        assertTrue(relay.passes.tryAcquire(5, TimeUnit.SECONDS), "then 400 ms");
        relay.passes.drainPermits();

        loop.committed();

        assertFalse(relay.passes.tryAcquire(300, TimeUnit.MILLISECONDS), "the broker is down: the backoff (800 ms) stands");
    }
}
