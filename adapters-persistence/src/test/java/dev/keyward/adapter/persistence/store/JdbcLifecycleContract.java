package dev.keyward.adapter.persistence.store;

import dev.keyward.adapter.persistence.JdbcRelayTransactions;
import dev.keyward.adapter.persistence.JdbcTransactions;
import dev.keyward.adapter.persistence.TestRows;
import dev.keyward.adapter.persistence.TestTokens;
import dev.keyward.domain.audit.PendingAuditEvent;
import dev.keyward.domain.error.ConcurrentChangeException;
import dev.keyward.domain.lifecycle.LifecycleCalendar.Due;
import dev.keyward.domain.token.ApiToken;
import dev.keyward.domain.token.AuditEvent;
import dev.keyward.domain.token.SecretHash;
import dev.keyward.domain.token.TokenEvent;
import dev.keyward.domain.token.TokenExpired;
import dev.keyward.domain.token.TokenExpiring;
import dev.keyward.domain.token.TokenId;
import dev.keyward.domain.token.TokenLeaked;
import dev.keyward.domain.token.TokenReused;
import dev.keyward.domain.token.TokenRotationDue;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import javax.sql.DataSource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The lifecycle calendar, the leaked-value memory, reuse-report claims and the lifecycle, leak and reuse
 * events' payloads on every supported database.
 */
abstract class JdbcLifecycleContract {

    @Inject
    JdbcTransactions transactions;

    @Inject
    JdbcRelayTransactions scanTransactions;

    @Inject
    JdbcLifecycleCalendar calendar;

    @Inject
    JdbcLeakedValues leaked;

    @Inject
    JdbcAuditOutbox outbox;

    @Inject
    JdbcAuditBacklog backlog;

    @Inject
    JdbcReuseReports reuseReports;

    @Inject
    DataSource dataSource;

    TestRows rows;

    @BeforeEach
    void empty() {
        rows = new TestRows(dataSource);
        rows.execute("DELETE FROM token_lifecycle_due");
        rows.execute("DELETE FROM leaked_values");
        rows.execute("DELETE FROM token_reuse_reports");
        rows.execute("DELETE FROM audit_outbox");
    }

    static TokenId newId() {
        return TestTokens.issue("t", TestTokens.now()).token().id();
    }

    void schedule(TokenId id, Instant at) {
        transactions.inWrite(() -> {
            calendar.schedule(id, at);
            return null;
        });
    }

    @Test
    void a_claim_returns_only_due_entries_earliest_first() {
        Instant now = TestTokens.now();
        TokenId later = newId();
        TokenId first = newId();
        TokenId second = newId();
        schedule(later, now.plusSeconds(60));
        schedule(second, now.minusSeconds(1));
        schedule(first, now.minusSeconds(10));

        List<Due> due = scanTransactions.inWrite(() -> calendar.claimDue(now, 10));

        assertEquals(List.of(new Due(first, now.minusSeconds(10)), new Due(second, now.minusSeconds(1))), due);
    }

    @Test
    void scheduling_again_replaces_the_entry_and_null_drops_it() {
        Instant now = TestTokens.now();
        TokenId id = newId();
        schedule(id, now.plusSeconds(60));
        schedule(id, now.minusSeconds(5));
        assertEquals(List.of(new Due(id, now.minusSeconds(5))), scanTransactions.inWrite(() -> calendar.claimDue(now, 10)));
        schedule(id, null);
        assertEquals(0, rows.count("token_lifecycle_due"));
    }

    @Test
    void an_entry_moves_on_only_from_the_instant_it_was_claimed_at() {
        Instant now = TestTokens.now();
        TokenId id = newId();
        schedule(id, now.minusSeconds(1));
        Due claimed = scanTransactions.inWrite(() -> calendar.claimDue(now, 10)).get(0);
        scanTransactions.inWrite(() -> {
            calendar.advance(claimed, now.plus(Duration.ofDays(1)));
            return null;
        });

        assertThrows(ConcurrentChangeException.class, () -> scanTransactions.inWrite(() -> {
            calendar.advance(claimed, now.plus(Duration.ofDays(2)));
            return null;
        }));
        assertEquals(List.of(), scanTransactions.inWrite(() -> calendar.claimDue(now, 10)));
    }

    @Test
    void a_leaked_hash_is_remembered_once() {
        SecretHash hash = TestTokens.newHash();
        TokenId id = newId();
        assertFalse(leaked.contains(hash));
        transactions.inWrite(() -> {
            leaked.add(hash, id, TestTokens.now());
            leaked.add(hash, id, TestTokens.now());
            return null;
        });
        assertTrue(leaked.contains(hash));
        assertEquals(1, rows.count("leaked_values"));
    }

    @Test
    void lifecycle_and_leak_events_read_back_from_the_outbox_as_they_were_appended() {
        Instant at = TestTokens.now();
        ApiToken token = TestTokens.issue("x", at).token();
        List<TokenEvent> events = List.of(
                new TokenExpiring(token.view(), TestTokens.byToken(at), Duration.ofDays(7)),
                new TokenExpired(token.view(), TestTokens.byToken(at)),
                new TokenRotationDue(token.view(), TestTokens.byToken(at), at.minusSeconds(30)),
                new TokenLeaked(token.view(), TestTokens.byToken(at), "https://example.com/x", "gitleaks"),
                new TokenReused(rotatedWithGrace(token, at).event().token(), TestTokens.byToken(at), at.minusSeconds(60), false),
                new TokenReused(token.view(), TestTokens.byToken(at), at.minusSeconds(90), true));
        transactions.inWrite(() -> {
            events.forEach(outbox::append);
            return null;
        });

        List<AuditEvent> read = scanTransactions.inWrite(() -> backlog.claimOldest("reader", 10, TestTokens.now(), TestTokens.now().plusSeconds(30))).stream().map(PendingAuditEvent::event).toList();

        assertEquals(events, read);
    }

    /** A rotation granting an hour's grace: the token's view then carries previousValueExpiresAt. */
    private static ApiToken.Rotation rotatedWithGrace(ApiToken token, Instant at) {
        return token.rotate(TestTokens.newHash(), Duration.ofHours(1), TestTokens.byToken(at));
    }

    @Test
    void a_reuse_report_is_claimed_once_per_interval_per_token() {
        Instant now = TestTokens.now();
        TokenId token = newId();
        TokenId other = newId();
        Duration minute = Duration.ofMinutes(1);

        assertTrue(claim(token, now, minute), "the first report");
        assertFalse(claim(token, now.plusSeconds(59), minute), "within the minute");
        assertTrue(claim(other, now.plusSeconds(59), minute), "another token has its own minute");
        assertTrue(claim(token, now.plusSeconds(60), minute), "a minute later");
        assertFalse(claim(token, now.plusSeconds(61), minute), "the minute counts from the last report");
    }

    boolean claim(TokenId token, Instant now, Duration interval) {
        return transactions.inWrite(() -> reuseReports.claim(token, now, interval));
    }
}
