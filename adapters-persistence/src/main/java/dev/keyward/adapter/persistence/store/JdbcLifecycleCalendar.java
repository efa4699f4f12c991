package dev.keyward.adapter.persistence.store;

import dev.keyward.adapter.persistence.Columns;
import dev.keyward.adapter.persistence.Statements;
import dev.keyward.domain.error.ConcurrentChangeException;
import dev.keyward.domain.lifecycle.LifecycleCalendar;
import dev.keyward.domain.token.TokenId;
import io.micronaut.data.connection.ConnectionOperations;
import jakarta.inject.Singleton;

import java.sql.Connection;
import java.sql.ResultSet;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * {@link LifecycleCalendar} in {@code token_lifecycle_due} (one row per token, indexed by {@code due_at}).
 * Claims lock the due rows ({@code FOR UPDATE SKIP LOCKED}: another node's scan skips them), and a claimed
 * row moves on only if it still holds the claimed instant, so no occasion can be announced twice even if
 * a database ignored the lock. Run the scan at READ COMMITTED ({@link JdbcRelayTransactions}) so the
 * claim locks no index gap that new tokens' rows go into.
 */
@Singleton
public final class JdbcLifecycleCalendar implements LifecycleCalendar {

    private final Statements statements;

    public JdbcLifecycleCalendar(ConnectionOperations<Connection> connections) {
        this.statements = new Statements(connections);
    }

    @Override
    public void schedule(TokenId token, Instant next) {
        if (next == null) {
            unschedule(token);
            return;
        }
        // One statement, not UPDATE-then-INSERT: at REPEATABLE READ an UPDATE that matches no row locks the
        // index gap, and two creates doing that at once deadlock on each other's INSERT.
        statements.run("INSERT INTO token_lifecycle_due (token_id, due_at) VALUES (?, ?) ON DUPLICATE KEY UPDATE due_at = ?", ps -> {
            ps.setString(1, token.toString());
            Columns.bindInstant(ps, 2, next);
            Columns.bindInstant(ps, 3, next);
            return ps.executeUpdate();
        });
    }

    @Override
    public void unschedule(TokenId token) {
        statements.run("DELETE FROM token_lifecycle_due WHERE token_id = ?", ps -> {
            ps.setString(1, token.toString());
            return ps.executeUpdate();
        });
    }

    @Override
    public List<Due> claimDue(Instant now, int limit) {
        return statements.run("SELECT token_id, due_at FROM token_lifecycle_due WHERE due_at <= ? "
                + "ORDER BY due_at LIMIT ? FOR UPDATE SKIP LOCKED", ps -> {
                    Columns.bindInstant(ps, 1, now);
                    ps.setInt(2, limit);
                    List<Due> due = new ArrayList<>();
                    try (ResultSet rs = ps.executeQuery()) {
                        while (rs.next()) {
                            due.add(new Due(TokenId.parse(rs.getString("token_id")), Columns.instant(rs, "due_at")));
                        }
                    }
                    return due;
                });
    }

    @Override
    public void advance(Due due, Instant next) {
        String sql = next == null
                ? "DELETE FROM token_lifecycle_due WHERE token_id = ? AND due_at = ?"
                : "UPDATE token_lifecycle_due SET due_at = ? WHERE token_id = ? AND due_at = ?";
        int changed = statements.run(sql, ps -> {
            int index = 1;
            if (next != null) {
                Columns.bindInstant(ps, index++, next);
            }
            ps.setString(index++, due.token().toString());
            Columns.bindInstant(ps, index, due.at());
            return ps.executeUpdate();
        });
        if (changed != 1) {
            throw new ConcurrentChangeException("the lifecycle entry of token " + due.token() + " was moved by another scan");
        }
    }
}
