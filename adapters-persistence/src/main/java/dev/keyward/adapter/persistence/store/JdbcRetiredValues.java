package dev.keyward.adapter.persistence.store;

import dev.keyward.adapter.persistence.Columns;
import dev.keyward.adapter.persistence.Statements;
import dev.keyward.domain.lifecycle.RetiredValues;
import dev.keyward.domain.token.SecretHash;
import dev.keyward.domain.token.TokenId;
import io.micronaut.data.connection.ConnectionOperations;
import jakarta.inject.Singleton;

import java.sql.Connection;
import java.sql.ResultSet;
import java.time.Instant;
import java.util.Optional;

/** {@link RetiredValues} in {@code retired_values}, keyed by the value's hash (never the value). */
@Singleton
public final class JdbcRetiredValues implements RetiredValues {

    private final Statements statements;

    public JdbcRetiredValues(ConnectionOperations<Connection> connections) {
        this.statements = new Statements(connections);
    }

    @Override
    public void retire(SecretHash hash, TokenId token, Instant retiredAt) {
        statements.run("INSERT IGNORE INTO retired_values (secret_hash, token_id, retired_at) VALUES (?, ?, ?)", ps -> {
            ps.setBytes(1, hash.bytes());
            ps.setString(2, token.toString());
            Columns.bindInstant(ps, 3, retiredAt);
            return ps.executeUpdate();
        });
    }

    @Override
    public Optional<Retired> find(SecretHash hash) {
        return statements.run("SELECT token_id, retired_at FROM retired_values WHERE secret_hash = ?", ps -> {
            ps.setBytes(1, hash.bytes());
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next()
                        ? Optional.of(new Retired(TokenId.parse(rs.getString(1)), Columns.instant(rs, "retired_at")))
                        : Optional.<Retired>empty();
            }
        });
    }

    @Override
    public int forgetRetiredUntil(Instant cutoff) {
        return statements.run("DELETE FROM retired_values WHERE retired_at <= ?", ps -> {
            Columns.bindInstant(ps, 1, cutoff);
            return ps.executeUpdate();
        });
    }
}
