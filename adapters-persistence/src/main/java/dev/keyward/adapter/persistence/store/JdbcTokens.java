package dev.keyward.adapter.persistence.store;

import dev.keyward.adapter.persistence.Columns;
import dev.keyward.adapter.persistence.Statements;
import dev.keyward.domain.check.ValueMatch;
import dev.keyward.domain.error.ConcurrentChangeException;
import dev.keyward.domain.token.ApiToken;
import dev.keyward.domain.token.SecretHash;
import dev.keyward.domain.token.TokenFilter;
import dev.keyward.domain.token.TokenId;
import dev.keyward.domain.token.Tokens;
import io.micronaut.data.connection.ConnectionOperations;
import io.micronaut.data.exceptions.DataAccessException;
import io.micronaut.transaction.TransactionOperations;
import io.micronaut.transaction.TransactionStatus;
import io.micronaut.transaction.support.TransactionSynchronization;
import jakarta.inject.Singleton;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * {@link Tokens} in the {@code api_tokens} table, in hand-written JDBC on the connection of the caller's
 * transaction (Micronaut's connection and transaction operations, no repositories). Writes are guarded by
 * the row's {@code version}: an update or delete from a stale read changes nothing and fails, whether
 * the database reports it as no row matched or as a lost race (a deadlock, a lock wait timeout, a
 * snapshot-isolation conflict: see {@link Statements#lostRace}). Statements run on the connection of the
 * caller's transaction, if there is one (see {@link Statements}).
 */
@Singleton
public final class JdbcTokens implements Tokens {

    private static final String SELECT = "SELECT " + TokenRowMapper.READ_COLUMNS + " FROM api_tokens ";

    private final Statements statements;
    private final TokenChanges changes;

    /** @param changes told of every hash whose answer a write changes (the check's change feed) */
    public JdbcTokens(ConnectionOperations<Connection> connections, TokenChanges changes) {
        this.statements = new Statements(connections);
        this.changes = changes;
    }

    @Override
    public Optional<ApiToken> findById(TokenId id) {
        return query(SELECT + "WHERE id = ?", ps -> {
            ps.setString(1, id.toString());
            return readAll(ps).stream().findFirst();
        });
    }

    /** Two indexed lookups in one statement: an OR over two columns would scan the table on some databases (H2). */
    @Override
    public Optional<ApiToken> findByHash(SecretHash hash) {
        return query(SELECT + "WHERE secret_hash = ? UNION ALL " + SELECT + "WHERE previous_secret_hash = ?", ps -> {
            ps.setBytes(1, hash.bytes());
            ps.setBytes(2, hash.bytes());
            return readAll(ps).stream().findFirst();
        });
    }

    /**
     * What {@code hash} is, in one statement (a cache miss of the check costs one query, even for a
     * hash that is nothing): the token holding it as current or previous value, else the value it was
     * until it was retired. Three indexed lookups, one per column, glued with UNION ALL.
     */
    public Optional<ValueMatch> findValue(SecretHash hash) {
        return query(VALUE_LOOKUP, ps -> {
            for (int i = 1; i <= 3; i++) {
                ps.setBytes(i, hash.bytes());
            }
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return Optional.<ValueMatch>empty();
                }
                String retiredToken = rs.getString("retired_token_id");
                if (retiredToken != null) {
                    return Optional.<ValueMatch>of(new ValueMatch.Retired(TokenId.parse(retiredToken),
                            Columns.instant(rs, "retired_at")));
                }
                return Optional.of(ValueMatch.of(TokenRowMapper.read(rs), hash));
            }
        });
    }

    private static final String VALUE_LOOKUP;

    static {
        String tokenColumns = TokenRowMapper.READ_COLUMNS + ", NULL AS retired_token_id, NULL AS retired_at FROM api_tokens WHERE ";
        String nulls = String.join(", ", Collections.nCopies(TokenRowMapper.READ_COLUMN_COUNT, "NULL"));
        VALUE_LOOKUP = "SELECT " + tokenColumns + "secret_hash = ? UNION ALL SELECT " + tokenColumns + "previous_secret_hash = ? "
                + "UNION ALL SELECT " + nulls + ", token_id, retired_at FROM retired_values WHERE secret_hash = ?";
    }

    /**
     * Keyset paging in id order. The owner and enabled filters are equalities the indexes (owner_id, id)
     * and (enabled, id) serve in that order, so such a page reads about as many rows as it shows; the two
     * time filters are ranges checked on the rows read in id order (a page of rare matches reads more).
     */
    @Override
    public List<ApiToken> listAfter(TokenId after, TokenFilter filter, int limit) {
        if (limit <= 0) {
            return List.of();
        }
        // Ids are canonical lower-case UUIDv7 text in a _bin column: byte order is creation order.
        List<String> conditions = new ArrayList<>();
        if (after != null) {
            conditions.add("id > ?");
        }
        if (filter.ownerId() != null) {
            conditions.add("owner_id = ?");
        }
        if (filter.enabled() != null) {
            conditions.add("enabled = ?");
        }
        if (filter.expiresBefore() != null) {
            conditions.add("expires_at < ?");
        }
        if (filter.lastUsedBefore() != null) {
            conditions.add("COALESCE(last_used_at, created_at) < ?");
        }
        String where = conditions.isEmpty() ? "" : "WHERE " + String.join(" AND ", conditions) + " ";
        return query(SELECT + where + "ORDER BY id LIMIT ?", ps -> {
            int index = 1;
            if (after != null) {
                ps.setString(index++, after.toString());
            }
            if (filter.ownerId() != null) {
                ps.setString(index++, filter.ownerId().toString());
            }
            if (filter.enabled() != null) {
                ps.setBoolean(index++, filter.enabled());
            }
            if (filter.expiresBefore() != null) {
                Columns.bindInstant(ps, index++, filter.expiresBefore());
            }
            if (filter.lastUsedBefore() != null) {
                Columns.bindInstant(ps, index++, filter.lastUsedBefore());
            }
            ps.setInt(index, limit);
            return readAll(ps);
        });
    }

    @Override
    public boolean isEmpty() {
        return query("SELECT 1 FROM api_tokens LIMIT 1", ps -> {
            try (ResultSet rs = ps.executeQuery()) {
                return !rs.next();
            }
        });
    }

    @Override
    public void add(ApiToken token) {
        try {
            query("INSERT INTO api_tokens (" + TokenRowMapper.COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    ps -> {
                        TokenRowMapper.bindAll(ps, 1, token);
                        return ps.executeUpdate();
                    });
            // The new hash may sit in some node's negative cache.
            changed(valueHashes(token));
        } catch (DataAccessException e) {
            if (Statements.foreignKeyViolation(e) && token.owner() != null) {
                throw ownerGone(token);
            }
            if (Statements.integrityViolation(e)) {
                throw new IllegalStateException("a token with id " + token.id() + " or with the same secret hash already exists", e);
            }
            throw e;
        }
    }

    /**
     * Writes everything that may change after issue. {@code last_used_at} and {@code last_used_from}
     * are not among them: only the check's batched uses ({@code BatchedTokenUses}) write those, so an update never erases a use.
     * The row is locked first to learn the hashes it replaces: a change of the token changes the answer
     * for its current and previous values, and a rotation also for the values it replaces.
     */
    @Override
    public void update(ApiToken token) {
        Set<SecretHash> hashes = query("SELECT secret_hash, previous_secret_hash FROM api_tokens WHERE id = ? AND version = ? FOR UPDATE", ps -> {
            ps.setString(1, token.id().toString());
            ps.setLong(2, token.version());
            try (ResultSet rs = ps.executeQuery()) {
                Set<SecretHash> before = new LinkedHashSet<>();
                if (rs.next()) {
                    before.add(new SecretHash(rs.getBytes(1)));
                    byte[] previous = rs.getBytes(2);
                    if (previous != null) {
                        before.add(new SecretHash(previous));
                    }
                }
                return before;
            }
        });
        if (hashes.isEmpty()) {
            requireOneRow(0, token);
        }
        int changed;
        try {
            changed = write(token);
        } catch (DataAccessException e) {
            if (Statements.foreignKeyViolation(e) && token.owner() != null) {
                throw ownerGone(token);
            }
            throw e;
        }
        requireOneRow(changed, token);
        hashes.addAll(valueHashes(token));
        changed(hashes);
    }

    /** The foreign key refused the owner: it was deleted between the use case's read and this write. */
    private static ConcurrentChangeException ownerGone(ApiToken token) {
        return new ConcurrentChangeException("owner " + token.owner().id() + " of token " + token.id()
                + " was deleted by another request");
    }

    private int write(ApiToken token) {
        return query("UPDATE api_tokens SET name = ?, permissions = ?, allowed_cidr_blocks = ?, "
                + "updated_at = ?, updated_by_id = ?, updated_by_type = ?, rotated_at = ?, secret_hash = ?, "
                + "previous_secret_hash = ?, previous_value_expires_at = ?, enabled = ?, meta = ?, owner_id = ?, "
                + "version = version + 1 WHERE id = ? AND version = ?", ps -> {
                    ps.setString(1, token.name().value());
                    ps.setString(2, TokenRowMapper.permissionsText(token));
                    ps.setString(3, TokenRowMapper.allowlistText(token));
                    Columns.bindInstant(ps, 4, token.updatedAt());
                    ps.setString(5, token.updatedBy() == null ? null : token.updatedBy().id());
                    ps.setString(6, token.updatedBy() == null ? null : token.updatedBy().type().wireName());
                    Columns.bindInstant(ps, 7, token.rotatedAt());
                    ps.setBytes(8, token.secretHash().bytes());
                    Columns.bindHash(ps, 9, token.previousSecretHash());
                    Columns.bindInstant(ps, 10, token.previousValueExpiresAt());
                    ps.setBoolean(11, token.isEnabled());
                    ps.setString(12, token.meta().json());
                    ps.setString(13, token.owner() == null ? null : token.owner().id().toString());
                    ps.setString(14, token.id().toString());
                    ps.setLong(15, token.version());
                    return ps.executeUpdate();
                });
    }

    @Override
    public void remove(ApiToken token) {
        int changed = query("DELETE FROM api_tokens WHERE id = ? AND version = ?", ps -> {
            ps.setString(1, token.id().toString());
            ps.setLong(2, token.version());
            return ps.executeUpdate();
        });
        requireOneRow(changed, token);
        changed(valueHashes(token));
    }

    /** The hashes the token answers to: its current value and, if it has one, its previous value. */
    private static List<SecretHash> valueHashes(ApiToken token) {
        return token.previousSecretHash() == null ? List.of(token.secretHash())
                : List.of(token.secretHash(), token.previousSecretHash());
    }

    private void changed(Collection<SecretHash> hashes) {
        changes.changed(hashes);
    }

    private <R> R query(String sql, Statements.Work<R> work) {
        return statements.run(sql, work);
    }

    private static List<ApiToken> readAll(PreparedStatement ps) throws SQLException {
        List<ApiToken> tokens = new ArrayList<>();
        try (ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                tokens.add(TokenRowMapper.read(rs));
            }
        }
        return tokens;
    }

    private static void requireOneRow(int changed, ApiToken token) {
        if (changed != 1) {
            throw new ConcurrentChangeException("token " + token.id() + " was changed or deleted by another request");
        }
    }
}
