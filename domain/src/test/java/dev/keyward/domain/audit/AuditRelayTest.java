package dev.keyward.domain.audit;

import dev.keyward.domain.error.ConcurrentChangeException;
import dev.keyward.domain.fake.DirectTransactions;
import dev.keyward.domain.network.IpAllowlist;
import dev.keyward.domain.permission.PermissionSet;
import dev.keyward.domain.token.Actor;
import dev.keyward.domain.token.Origin;
import dev.keyward.domain.token.TokenCreated;
import dev.keyward.domain.token.TokenId;
import dev.keyward.domain.token.TokenMeta;
import dev.keyward.domain.token.TokenName;
import dev.keyward.domain.token.TokenRotated;
import dev.keyward.domain.token.TokenView;
import dev.keyward.domain.token.Transactions;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import java.util.function.Supplier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@link AuditRelay}'s delivery rules on fakes: order per token, acknowledged prefixes, retries, pruning. */
class AuditRelayTest {

    private static final Instant T0 = Instant.parse("2026-11-02T10:00:00Z");
    private static final Random RANDOM = new Random(7);
    private static final Duration CLAIM = Duration.ofSeconds(30);

    private final InMemoryAuditBacklog backlog = new InMemoryAuditBacklog();
    private final ScriptedPublisher publisher = new ScriptedPublisher();
    private Clock clock = Clock.fixed(T0.plusSeconds(60), ZoneOffset.UTC);
    private final TokenId x = TokenId.newId(T0, RANDOM);
    private final TokenId y = TokenId.newId(T0, RANDOM);

    private AuditRelay relay(int batchSize) {
        return new AuditRelay(backlog, publisher, new DirectTransactions(), clock, batchSize, CLAIM);
    }

    @Test
    void a_pass_publishes_the_oldest_unsent_events_in_sequence_order_and_marks_them_sent() {
        add(1, x);
        add(2, y);
        add(3, x);
        add(4, y);

        AuditRelay.Pass pass = relay(3).relayOnce();

        assertEquals(List.of(1L, 2L, 3L), publisher.lastBatchSequences());
        assertEquals(new AuditRelay.Pass(3, 0, 3, 3, null), pass);
        assertEquals(List.of(1L, 2L, 3L), backlog.sentSequences());
        assertEquals(clock.instant(), backlog.row(1).sentAt);
        assertEquals(List.of(1L, 2L, 3L, 4L), drain(relay(3)));
    }

    @Test
    void a_token_whose_earlier_event_another_relay_holds_is_held_back_while_other_tokens_go_out() {
        add(1, x);
        add(2, y);
        add(3, x);
        backlog.holdElsewhere(1);

        AuditRelay.Pass pass = relay(10).relayOnce();

        assertEquals(List.of(2L), publisher.lastBatchSequences(), "x's #3 must wait for x's #1");
        assertEquals(new AuditRelay.Pass(2, 1, 1, 1, null), pass);
        assertEquals(0, backlog.row(3).attempts, "held back is not a failed attempt");

        backlog.releaseElsewhere(1);
        relay(10).relayOnce();
        assertEquals(List.of(1L, 3L), publisher.lastBatchSequences());
        assertEquals(List.of(1L, 2L, 3L), backlog.sentSequences());
    }

    @Test
    void a_token_with_a_held_event_between_two_claimed_ones_publishes_only_the_part_before_the_gap() {
        add(1, x);
        add(2, x);
        add(3, x);
        add(4, y);
        backlog.holdElsewhere(2);

        AuditRelay.Pass pass = relay(10).relayOnce();

        assertEquals(List.of(1L, 4L), publisher.lastBatchSequences(), "x's #3 may not overtake x's #2");
        assertEquals(1, pass.heldBack());
        backlog.releaseElsewhere(2);
        relay(10).relayOnce();
        assertEquals(List.of(2L, 3L), publisher.lastBatchSequences());
    }

    @Test
    void a_claim_made_only_of_held_back_events_publishes_nothing() {
        add(1, x);
        add(2, x);
        backlog.holdElsewhere(1);

        AuditRelay.Pass pass = relay(10).relayOnce();

        assertEquals(new AuditRelay.Pass(1, 1, 0, 0, null), pass);
        assertTrue(publisher.batches.isEmpty(), "the publisher is not even called");
    }

    @Test
    void after_a_partial_failure_only_each_tokens_acknowledged_prefix_is_marked_sent() {
        add(1, x);
        add(2, y);
        add(3, x);
        add(4, x);
        add(5, y);
        publisher.acknowledges = event -> event.sequence() != 3;

        AuditRelay.Pass pass = relay(10).relayOnce();

        assertEquals(List.of(1L, 2L, 5L), backlog.sentSequences(), "x's #4 was acknowledged but follows the lost #3");
        assertTrue(pass.failed());
        assertEquals(3, pass.acknowledged());
        assertEquals(1, backlog.row(3).attempts);
        assertEquals(1, backlog.row(4).attempts);
        assertEquals(0, backlog.row(1).attempts);
    }

    @Test
    void what_was_not_acknowledged_is_published_again_with_the_same_ids_in_the_same_order() {
        add(1, x);
        add(2, x);
        publisher.acknowledges = event -> false;
        relay(10).relayOnce();
        publisher.acknowledges = event -> true;

        relay(10).relayOnce();

        assertEquals(publisher.batches.get(0), publisher.batches.get(1));
        assertEquals(List.of(1L, 2L), backlog.sentSequences());
    }

    @Test
    void a_publisher_that_throws_marks_nothing_sent_and_counts_an_attempt() {
        add(1, x);
        publisher.failure = new IllegalStateException("broker on fire");

        AuditRelay.Pass pass = relay(10).relayOnce();

        assertTrue(pass.failed());
        assertTrue(pass.failure().contains("broker on fire"));
        assertEquals(List.of(), backlog.sentSequences());
        assertEquals(1, backlog.row(1).attempts);
    }

    @Test
    void a_relay_that_loses_its_claim_to_another_at_commit_publishes_nothing() {
        add(1, x);
        Transactions claimLostAtCommit = new Transactions() {
            @Override
            public <T> T inWrite(Supplier<T> work) {
                work.get();
                throw new ConcurrentChangeException("certification failed");
            }
        };

        AuditRelay.Pass pass = new AuditRelay(backlog, publisher, claimLostAtCommit, clock, 10, CLAIM).relayOnce();

        assertEquals(new AuditRelay.Pass(0, 0, 0, 0, null), pass);
        assertTrue(publisher.batches.isEmpty(), "nothing published by the relay whose claim did not commit");
    }

    @Test
    void events_claimed_by_a_relay_that_stopped_mid_pass_are_claimed_again_once_its_claim_expires() {
        add(1, x);
        add(2, x);
        backlog.claimOldest("a-relay-that-stopped", 10, clock.instant(), clock.instant().plus(CLAIM));

        assertEquals(new AuditRelay.Pass(0, 0, 0, 0, null), relay(10).relayOnce(), "claimed by the stopped relay");

        clock = Clock.offset(clock, CLAIM.plusSeconds(1));
        relay(10).relayOnce();
        assertEquals(List.of(1L, 2L), publisher.lastBatchSequences());
        assertEquals(List.of(1L, 2L), backlog.sentSequences());
    }

    @Test
    void a_pass_releases_what_it_held_back_or_could_not_deliver_so_another_relay_may_take_it_at_once() {
        add(1, x);
        add(2, x);
        add(3, y);
        backlog.holdElsewhere(1);
        publisher.acknowledges = event -> false;

        relay(10).relayOnce();

        assertEquals(null, backlog.row(2).claim, "x's #2, held back behind #1, is free again");
        assertEquals(null, backlog.row(3).claim, "y's #3, not acknowledged, is free again");
        assertEquals(1, backlog.row(3).attempts);
    }

    @Test
    void an_empty_outbox_makes_an_idle_pass() {
        AuditRelay.Pass pass = relay(10).relayOnce();

        assertEquals(new AuditRelay.Pass(0, 0, 0, 0, null), pass);
        assertTrue(publisher.batches.isEmpty());
    }

    @Test
    void pruning_deletes_in_batches_only_events_delivered_before_the_retention() {
        for (int i = 1; i <= 1200; i++) {
            add(i, i % 2 == 0 ? x : y);
        }
        drain(relay(1000));
        add(1201, x);
        clock = Clock.fixed(T0.plus(Duration.ofDays(8)), ZoneOffset.UTC);
        relay(10).relayOnce();
        add(1202, y);

        int pruned = relay(10).pruneDelivered(Duration.ofDays(7));

        assertEquals(1200, pruned, "over several batches of " + 500);
        assertEquals(List.of(1201L, 1202L), backlog.rows.stream().map(r -> r.event.sequence()).toList(),
                "the recently sent and the unsent stay");
    }

    @Test
    void the_status_counts_unsent_events_and_ages_the_oldest() {
        add(1, x);
        add(2, y);
        relay(1).relayOnce();

        AuditBacklogStatus status = relay(1).status();

        assertEquals(1, status.unsent());
        assertNotNull(status.oldestUnsentAt());
        assertEquals(Duration.ofSeconds(8), status.oldestUnsentAge(T0.plusSeconds(10)));
        assertEquals(Duration.ZERO, AuditBacklogStatus.EMPTY.oldestUnsentAge(T0));
    }

    @Test
    void a_batch_size_below_one_is_refused() {
        assertThrows(IllegalArgumentException.class, () -> relay(0));
    }

    private List<Long> drain(AuditRelay relay) {
        for (int i = 0; i < 100 && backlog.status().unsent() > 0; i++) {
            relay.relayOnce();
        }
        return backlog.sentSequences();
    }

    private void add(long sequence, TokenId token) {
        Instant at = T0.plusSeconds(sequence % 60);
        TokenView view = new TokenView(token, new TokenName("t"), PermissionSet.of(), IpAllowlist.anyAddress(), T0,
                Actor.BOOTSTRAP, T0, Actor.BOOTSTRAP, null, null, null, null, null, true, TokenMeta.EMPTY, null);
        Origin origin = new Origin(Actor.BOOTSTRAP, null, at);
        backlog.add(new PendingAuditEvent(sequence, UUID.randomUUID(),
                sequence == 1 ? new TokenCreated(view, origin) : new TokenRotated(view, origin)));
    }
}
