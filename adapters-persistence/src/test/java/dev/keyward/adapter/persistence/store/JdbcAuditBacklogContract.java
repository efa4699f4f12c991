package dev.keyward.adapter.persistence.store;

import dev.keyward.adapter.persistence.Columns;
import dev.keyward.adapter.persistence.JdbcRelayTransactions;
import dev.keyward.adapter.persistence.JdbcTransactions;
import dev.keyward.adapter.persistence.TestRows;
import dev.keyward.adapter.persistence.TestTokens;
import dev.keyward.domain.audit.AuditBacklogStatus;
import dev.keyward.domain.audit.PendingAuditEvent;
import dev.keyward.domain.token.ApiToken;
import dev.keyward.domain.token.TokenEvent;
import dev.keyward.domain.token.TokenId;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import javax.sql.DataSource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/** {@link JdbcAuditBacklog} behaviour every supported database must show, single-threaded. */
abstract class JdbcAuditBacklogContract {

    @Inject
    JdbcTransactions transactions;

    @Inject
    JdbcRelayTransactions relayTransactions;

    @Inject
    JdbcAuditOutbox outbox;

    @Inject
    JdbcAuditBacklog backlog;

    @Inject
    DataSource dataSource;

    TestRows rows;

    @BeforeEach
    void empty() {
        rows = new TestRows(dataSource);
        rows.execute("DELETE FROM audit_outbox");
    }

    @Test
    void a_claim_returns_the_oldest_unsent_events_in_order_rebuilt_with_their_stored_ids() {
        List<TokenEvent> events = appendIssued(5);

        List<PendingAuditEvent> claimed = relayTransactions.inWrite(() -> claim("relay-a", 3));

        assertEquals(events.subList(0, 3), claimed.stream().map(PendingAuditEvent::event).toList());
        List<Map<String, Object>> stored = rows.query("SELECT seq, event_id FROM audit_outbox ORDER BY seq");
        for (int i = 0; i < 3; i++) {
            assertEquals(((Number) stored.get(i).get("seq")).longValue(), claimed.get(i).sequence());
            assertEquals(UUID.fromString((String) stored.get(i).get("event_id")), claimed.get(i).id());
        }
    }

    @Test
    void sent_events_are_never_claimed_again_and_failed_ones_count_their_attempts() {
        appendIssued(4);
        List<PendingAuditEvent> first = relayTransactions.inWrite(() -> claim("relay-a", 2));
        Instant at = TestTokens.now();
        relayTransactions.inWrite(() -> {
            backlog.markSent("relay-a", first.subList(0, 1), at);
            backlog.recordFailedAttempt("relay-a", first.subList(1, 2));
            return null;
        });

        List<PendingAuditEvent> next = relayTransactions.inWrite(() -> claim("relay-b", 10));

        assertEquals(List.of(first.get(1).id()), next.subList(0, 1).stream().map(PendingAuditEvent::id).toList());
        assertEquals(3, next.size());
        Map<String, Object> sent = rows.query("SELECT sent_at, attempts, claimed_by FROM audit_outbox WHERE seq = ?",
                first.get(0).sequence()).get(0);
        assertEquals(Columns.toColumn(at), wallClock(sent.get("sent_at")), "UTC, microseconds");
        assertEquals(1, ((Number) sent.get("attempts")).intValue());
        assertNull(sent.get("claimed_by"), "a sent row holds no claim");
        Map<String, Object> failed = rows.query("SELECT sent_at, attempts FROM audit_outbox WHERE seq = ?", first.get(1).sequence()).get(0);
        assertNull(failed.get("sent_at"));
        assertEquals(1, ((Number) failed.get("attempts")).intValue());
    }

    @Test
    void a_claim_keeps_its_rows_from_other_relays_until_it_is_released_or_expires() {
        appendIssued(3);
        Instant now = TestTokens.now();
        List<PendingAuditEvent> held = relayTransactions.inWrite(() -> backlog.claimOldest("relay-a", 2, now, now.plusSeconds(30)));

        List<PendingAuditEvent> other = relayTransactions.inWrite(() -> backlog.claimOldest("relay-b", 10, now, now.plusSeconds(30)));
        assertEquals(1, other.size(), "the third row only: the first two are claimed");
        relayTransactions.inWrite(() -> {
            backlog.release("relay-b", other);
            return null;
        });

        List<PendingAuditEvent> afterExpiry = relayTransactions.inWrite(() ->
                backlog.claimOldest("relay-c", 10, now.plusSeconds(31), now.plusSeconds(61)));
        assertEquals(3, afterExpiry.size(), "relay-a's claim expired, relay-b released its row");
        assertEquals(held.get(0).id(), afterExpiry.get(0).id());
    }

    @Test
    void only_the_claim_that_holds_rows_marks_them_sent() {
        appendIssued(1);
        List<PendingAuditEvent> held = relayTransactions.inWrite(() -> claim("relay-a", 1));

        relayTransactions.inWrite(() -> {
            backlog.markSent("relay-b", held, TestTokens.now());
            return null;
        });

        assertEquals(1L, ((Number) rows.query("SELECT COUNT(*) AS n FROM audit_outbox WHERE sent_at IS NULL").get(0).get("n")).longValue());
    }

    @Test
    void unsent_sequences_list_each_tokens_unsent_events_up_to_the_bound() {
        Instant start = TestTokens.now();
        ApiToken.Created x = TestTokens.issue("x", start);
        ApiToken.Created y = TestTokens.issue("y", start);
        append(x.event());
        append(y.event());
        append(x.event());
        append(x.event());
        List<PendingAuditEvent> all = relayTransactions.inWrite(() -> claim("relay-a", 10));
        relayTransactions.inWrite(() -> {
            backlog.markSent("relay-a", all.subList(0, 1), start);
            return null;
        });

        Map<TokenId, List<Long>> unsent = relayTransactions.inWrite(() ->
                backlog.unsentSequences(Set.of(x.token().id(), y.token().id()), all.get(2).sequence()));

        assertEquals(Map.of(x.token().id(), List.of(all.get(2).sequence()), y.token().id(), List.of(all.get(1).sequence())), unsent);
    }

    @Test
    void pruning_deletes_only_events_sent_before_the_cutoff() {
        appendIssued(4);
        Instant now = TestTokens.now();
        relayTransactions.inWrite(() -> {
            List<PendingAuditEvent> claimed = claim("relay-a", 3);
            backlog.markSent("relay-a", claimed.subList(0, 2), now.minusSeconds(3600));
            backlog.markSent("relay-a", claimed.subList(2, 3), now);
            return null;
        });

        int pruned = relayTransactions.inWrite(() -> backlog.pruneSentBefore(now.minusSeconds(60), 100));

        assertEquals(2, pruned);
        assertEquals(2, rows.count("audit_outbox"));
        assertEquals(1L, ((Number) rows.query("SELECT COUNT(*) AS n FROM audit_outbox WHERE sent_at IS NULL").get(0).get("n")).longValue());
    }

    @Test
    void the_status_counts_unsent_events_and_gives_the_oldest_time() {
        assertEquals(AuditBacklogStatus.EMPTY, backlog.status());
        List<TokenEvent> events = appendIssued(3);
        relayTransactions.inWrite(() -> {
            backlog.markSent("relay-a", claim("relay-a", 1), TestTokens.now());
            return null;
        });

        AuditBacklogStatus status = backlog.status();

        assertEquals(2, status.unsent());
        assertEquals(events.get(1).origin().at(), status.oldestUnsentAt());
    }

    /** Claims for {@code claim}, for 30 s from now, up to {@code limit} of the oldest unclaimed unsent events. */
    List<PendingAuditEvent> claim(String claim, int limit) {
        Instant now = TestTokens.now();
        return backlog.claimOldest(claim, limit, now, now.plusSeconds(30));
    }

    /** Appends a fresh token's creation event {@code count} times, each a second later, each in its own transaction. */
    List<TokenEvent> appendIssued(int count) {
        Instant start = TestTokens.now().minusSeconds(count);
        return java.util.stream.IntStream.range(0, count)
                .mapToObj(i -> TestTokens.issue("t" + i, start.plusSeconds(i)).event())
                .map(event -> {
                    append(event);
                    return (TokenEvent) event;
                }).toList();
    }

    void append(TokenEvent event) {
        transactions.inWrite(() -> {
            outbox.append(event);
            return null;
        });
    }

    /** A DATETIME column as the driver returns it (Timestamp or LocalDateTime), as its wall-clock value. */
    private static java.time.LocalDateTime wallClock(Object value) {
        return value instanceof java.sql.Timestamp timestamp ? timestamp.toLocalDateTime() : (java.time.LocalDateTime) value;
    }
}
