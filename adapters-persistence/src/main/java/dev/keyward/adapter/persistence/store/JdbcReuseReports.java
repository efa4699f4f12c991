package dev.keyward.adapter.persistence.store;

import dev.keyward.adapter.persistence.Columns;
import dev.keyward.adapter.persistence.Statements;
import dev.keyward.domain.reuse.ReuseReports;
import dev.keyward.domain.token.TokenId;
import io.micronaut.data.connection.ConnectionOperations;
import jakarta.inject.Singleton;

import java.sql.Connection;
import java.time.Duration;
import java.time.Instant;

/**
 * {@link ReuseReports} in {@code token_reuse_reports}, one row per token: a claim moves an old enough
 * row on, or inserts the first; a row too recent, or a row another node inserts first (its duplicate
 * key is ignored), means no. Two nodes racing for the first row may instead deadlock: the loser's
 * {@link dev.keyward.domain.error.ConcurrentChangeException} is a no as well.
 */
@Singleton
public final class JdbcReuseReports implements ReuseReports {

    private final Statements statements;

    public JdbcReuseReports(ConnectionOperations<Connection> connections) {
        this.statements = new Statements(connections);
    }

    @Override
    public boolean claim(TokenId token, Instant now, Duration interval) {
        int moved = statements.run("UPDATE token_reuse_reports SET reported_at = ? WHERE token_id = ? AND reported_at <= ?", ps -> {
            Columns.bindInstant(ps, 1, now);
            ps.setString(2, token.toString());
            Columns.bindInstant(ps, 3, now.minus(interval));
            return ps.executeUpdate();
        });
        if (moved == 1) {
            return true;
        }
        return statements.run("INSERT IGNORE INTO token_reuse_reports (token_id, reported_at) VALUES (?, ?)", ps -> {
            ps.setString(1, token.toString());
            Columns.bindInstant(ps, 2, now);
            return ps.executeUpdate();
        }) == 1;
    }
}
