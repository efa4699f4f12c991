package dev.keyward.adapter.persistence.store;

import dev.keyward.adapter.persistence.Columns;
import dev.keyward.adapter.persistence.Statements;
import dev.keyward.domain.audit.AuditBacklog;
import dev.keyward.domain.audit.AuditBacklogStatus;
import dev.keyward.domain.audit.PendingAuditEvent;
import dev.keyward.domain.token.TokenId;
import io.micronaut.data.connection.ConnectionOperations;
import io.micronaut.serde.ObjectMapper;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * {@link AuditBacklog} on {@code audit_outbox}: a claim writes {@code claimed_by} and {@code claimed_until}
 * on the rows it takes (found with {@code FOR UPDATE SKIP LOCKED}, so relays on one server never wait for
 * each other), and every later step touches only rows its claim still holds. It rebuilds each row's domain
 * event from its {@link AuditPayload}. Run it in {@link JdbcRelayTransactions}: at READ COMMITTED a claim
 * locks only the rows it returns, never the gap after them where new events are inserted.
 */
@Singleton
public final class JdbcAuditBacklog implements AuditBacklog {

    private static final Logger LOG = LoggerFactory.getLogger(JdbcAuditBacklog.class);

    private final Statements statements;
    private final ObjectMapper json;

    public JdbcAuditBacklog(ConnectionOperations<Connection> connections, ObjectMapper json) {
        this.statements = new Statements(connections);
        this.json = json;
    }

    @Override
    public List<PendingAuditEvent> claimOldest(String claim, int limit, Instant now, Instant until) {
        List<PendingAuditEvent> claimed = new ArrayList<>();
        List<Long> unreadable = new ArrayList<>();
        statements.run("SELECT seq, event_id, event_type, payload FROM audit_outbox WHERE sent_at IS NULL "
                + "AND (claimed_until IS NULL OR claimed_until <= ?) ORDER BY seq LIMIT ? FOR UPDATE SKIP LOCKED", ps -> {
                    Columns.bindInstant(ps, 1, now);
                    ps.setInt(2, limit);
                    try (ResultSet rs = ps.executeQuery()) {
                        while (rs.next()) {
                            long seq = rs.getLong("seq");
                            try {
                                claimed.add(new PendingAuditEvent(seq, UUID.fromString(rs.getString("event_id")),
                                        AuditPayload.read(json, rs.getString("event_type"), rs.getString("payload"))));
                            } catch (IOException | RuntimeException e) {
                                // Never skipped: the row stays unsent, and its token's later events wait behind it.
                                LOG.error("audit_outbox row {} cannot be read back into an event; it stays unsent", seq, e);
                                unreadable.add(seq);
                            }
                        }
                    }
                    return null;
                });
        if (!unreadable.isEmpty()) {
            updateBySequence("UPDATE audit_outbox SET attempts = attempts + 1 WHERE seq IN ", unreadable);
        }
        if (!claimed.isEmpty()) {
            statements.run("UPDATE audit_outbox SET claimed_by = ?, claimed_until = ? WHERE seq IN "
                    + placeholders(claimed.size()), ps -> {
                        ps.setString(1, claim);
                        Columns.bindInstant(ps, 2, until);
                        bindLongs(ps, 3, sequences(claimed));
                        return ps.executeUpdate();
                    });
        }
        return claimed;
    }

    @Override
    public Map<TokenId, List<Long>> unsentSequences(Set<TokenId> tokens, long upTo) {
        if (tokens.isEmpty()) {
            return Map.of();
        }
        List<String> ids = tokens.stream().map(TokenId::toString).toList();
        // A plain (non-locking) read: at READ COMMITTED it sees what other relays hold without waiting for them.
        return statements.run("SELECT token_id, seq FROM audit_outbox WHERE sent_at IS NULL AND seq <= ? AND token_id IN "
                + placeholders(ids.size()) + " ORDER BY seq", ps -> {
                    ps.setLong(1, upTo);
                    for (int i = 0; i < ids.size(); i++) {
                        ps.setString(i + 2, ids.get(i));
                    }
                    Map<TokenId, List<Long>> result = new LinkedHashMap<>();
                    try (ResultSet rs = ps.executeQuery()) {
                        while (rs.next()) {
                            result.computeIfAbsent(TokenId.parse(rs.getString("token_id")), t -> new ArrayList<>())
                                    .add(rs.getLong("seq"));
                        }
                    }
                    return result;
                });
    }

    @Override
    public void markSent(String claim, List<PendingAuditEvent> events, Instant at) {
        updateHeld(claim, events, "sent_at = ?, attempts = attempts + 1, claimed_by = NULL, claimed_until = NULL", at);
    }

    @Override
    public void recordFailedAttempt(String claim, List<PendingAuditEvent> events) {
        updateHeld(claim, events, "attempts = attempts + 1, claimed_by = NULL, claimed_until = NULL", null);
    }

    @Override
    public void release(String claim, List<PendingAuditEvent> events) {
        updateHeld(claim, events, "claimed_by = NULL, claimed_until = NULL", null);
    }

    /** {@code UPDATE ... SET <assignments>} on the unsent rows of {@code events} that {@code claim} still holds. */
    private void updateHeld(String claim, List<PendingAuditEvent> events, String assignments, Instant at) {
        if (events.isEmpty()) {
            return;
        }
        statements.run("UPDATE audit_outbox SET " + assignments + " WHERE sent_at IS NULL AND claimed_by = ? AND seq IN "
                + placeholders(events.size()), ps -> {
                    int index = 1;
                    if (at != null) {
                        Columns.bindInstant(ps, index++, at);
                    }
                    ps.setString(index++, claim);
                    bindLongs(ps, index, sequences(events));
                    return ps.executeUpdate();
                });
    }

    @Override
    public int pruneSentBefore(Instant cutoff, int limit) {
        List<Long> old = statements.run("SELECT seq FROM audit_outbox WHERE sent_at < ? ORDER BY sent_at LIMIT ?", ps -> {
            Columns.bindInstant(ps, 1, cutoff);
            ps.setInt(2, limit);
            List<Long> seqs = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    seqs.add(rs.getLong(1));
                }
            }
            return seqs;
        });
        if (old.isEmpty()) {
            return 0;
        }
        return statements.run("DELETE FROM audit_outbox WHERE sent_at IS NOT NULL AND seq IN " + placeholders(old.size()), ps -> {
            bindLongs(ps, 1, old);
            return ps.executeUpdate();
        });
    }

    @Override
    public AuditBacklogStatus status() {
        return statements.run("SELECT COUNT(*) AS unsent, MIN(occurred_at) AS oldest FROM audit_outbox WHERE sent_at IS NULL", ps -> {
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                long unsent = rs.getLong(1);
                return unsent == 0 ? AuditBacklogStatus.EMPTY : new AuditBacklogStatus(unsent, Columns.instant(rs, "oldest"));
            }
        });
    }

    private void updateBySequence(String sqlBeforeList, List<Long> seqs) {
        statements.run(sqlBeforeList + placeholders(seqs.size()), ps -> {
            bindLongs(ps, 1, seqs);
            return ps.executeUpdate();
        });
    }

    private static List<Long> sequences(List<PendingAuditEvent> events) {
        return events.stream().map(PendingAuditEvent::sequence).toList();
    }

    private static void bindLongs(PreparedStatement ps, int from, Collection<Long> values) throws SQLException {
        int index = from;
        for (long value : values) {
            ps.setLong(index++, value);
        }
    }

    private static String placeholders(int count) {
        return "(" + String.join(", ", Collections.nCopies(count, "?")) + ")";
    }
}
