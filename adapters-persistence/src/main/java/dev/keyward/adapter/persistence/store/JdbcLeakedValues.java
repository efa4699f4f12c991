package dev.keyward.adapter.persistence.store;

import dev.keyward.adapter.persistence.Columns;
import dev.keyward.adapter.persistence.Statements;
import dev.keyward.domain.leak.LeakedValues;
import dev.keyward.domain.token.SecretHash;
import dev.keyward.domain.token.TokenId;
import io.micronaut.data.connection.ConnectionOperations;
import jakarta.inject.Singleton;

import java.sql.Connection;
import java.sql.ResultSet;
import java.time.Instant;

/** {@link LeakedValues} in {@code leaked_values}, keyed by the value's hash (never the value). */
@Singleton
public final class JdbcLeakedValues implements LeakedValues {

    private final Statements statements;

    public JdbcLeakedValues(ConnectionOperations<Connection> connections) {
        this.statements = new Statements(connections);
    }

    @Override
    public boolean contains(SecretHash hash) {
        return statements.run("SELECT 1 FROM leaked_values WHERE secret_hash = ?", ps -> {
            ps.setBytes(1, hash.bytes());
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next();
            }
        });
    }

    @Override
    public void add(SecretHash hash, TokenId token, Instant reportedAt) {
        statements.run("INSERT IGNORE INTO leaked_values (secret_hash, token_id, reported_at) VALUES (?, ?, ?)", ps -> {
            ps.setBytes(1, hash.bytes());
            ps.setString(2, token.toString());
            Columns.bindInstant(ps, 3, reportedAt);
            return ps.executeUpdate();
        });
    }
}
