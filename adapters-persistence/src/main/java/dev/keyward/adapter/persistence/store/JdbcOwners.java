package dev.keyward.adapter.persistence.store;

import dev.keyward.adapter.persistence.Columns;
import dev.keyward.adapter.persistence.Statements;
import dev.keyward.domain.error.ConcurrentChangeException;
import dev.keyward.domain.error.ConflictException;
import dev.keyward.domain.owner.ExternalId;
import dev.keyward.domain.owner.Owner;
import dev.keyward.domain.owner.Owners;
import dev.keyward.domain.token.OwnerId;
import dev.keyward.domain.token.SecretHash;
import dev.keyward.domain.token.TokenMeta;
import dev.keyward.domain.token.TokenName;
import io.micronaut.data.connection.ConnectionOperations;
import io.micronaut.data.exceptions.DataAccessException;
import jakarta.inject.Singleton;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * {@link Owners} in the {@code owners} table, in hand-written JDBC on the caller's transaction, guarded
 * by the row's {@code version} like tokens. A token reads its owner fresh ({@code TokenRowMapper}), so an
 * owner's change tells the check's change feed every hash of its tokens, in the same transaction: each
 * node drops them and reads them again, owner and all.
 */
@Singleton
public final class JdbcOwners implements Owners {

    private static final String COLUMNS = "id, external_id, name, meta, created_at, updated_at, version";
    private static final String SELECT = "SELECT " + COLUMNS + " FROM owners ";

    private final Statements statements;
    private final TokenChanges changes;

    /** @param changes told of the hashes of an owner's tokens when the owner changes */
    public JdbcOwners(ConnectionOperations<Connection> connections, TokenChanges changes) {
        this.statements = new Statements(connections);
        this.changes = changes;
    }

    @Override
    public Optional<Owner> findById(OwnerId id) {
        return statements.run(SELECT + "WHERE id = ?", ps -> {
            ps.setString(1, id.toString());
            return readAll(ps).stream().findFirst();
        });
    }

    @Override
    public Optional<Owner> findByExternalId(ExternalId externalId) {
        return statements.run(SELECT + "WHERE external_id = ?", ps -> {
            ps.setString(1, externalId.value());
            return readAll(ps).stream().findFirst();
        });
    }

    @Override
    public List<Owner> listAfter(OwnerId after, int limit) {
        String where = after == null ? "" : "WHERE id > ? ";
        return statements.run(SELECT + where + "ORDER BY id LIMIT ?", ps -> {
            int index = 1;
            if (after != null) {
                ps.setString(index++, after.toString());
            }
            ps.setInt(index, limit);
            return readAll(ps);
        });
    }

    @Override
    public void add(Owner owner) {
        try {
            statements.run("INSERT INTO owners (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?)", ps -> {
                ps.setString(1, owner.id().toString());
                ps.setString(2, owner.externalId().value());
                ps.setString(3, owner.name() == null ? null : owner.name().value());
                ps.setString(4, owner.meta().json());
                Columns.bindInstant(ps, 5, owner.createdAt());
                Columns.bindInstant(ps, 6, owner.updatedAt());
                ps.setLong(7, owner.version());
                return ps.executeUpdate();
            });
        } catch (DataAccessException e) {
            if (Statements.integrityViolation(e)) {
                // Another request created the same externalId between our look and our insert.
                throw new ConflictException("an owner with externalId '" + owner.externalId() + "' exists already");
            }
            throw e;
        }
    }

    @Override
    public void update(Owner owner) {
        int changed = statements.run("UPDATE owners SET name = ?, meta = ?, updated_at = ?, version = version + 1 "
                + "WHERE id = ? AND version = ?", ps -> {
                    ps.setString(1, owner.name() == null ? null : owner.name().value());
                    ps.setString(2, owner.meta().json());
                    Columns.bindInstant(ps, 3, owner.updatedAt());
                    ps.setString(4, owner.id().toString());
                    ps.setLong(5, owner.version());
                    return ps.executeUpdate();
                });
        requireOneRow(changed, owner);
        changes.changed(hashesOfTokensOf(owner.id()));
    }

    @Override
    public void remove(Owner owner) {
        int changed;
        try {
            changed = statements.run("DELETE FROM owners WHERE id = ? AND version = ?", ps -> {
                ps.setString(1, owner.id().toString());
                ps.setLong(2, owner.version());
                return ps.executeUpdate();
            });
        } catch (DataAccessException e) {
            if (Statements.integrityViolation(e)) {
                // A token was given this owner between the count and the delete: the foreign key holds.
                throw new ConflictException("owner " + owner.id() + " was given a token meanwhile: it still has tokens");
            }
            throw e;
        }
        requireOneRow(changed, owner);
    }

    @Override
    public long tokenCount(OwnerId id) {
        return statements.run("SELECT COUNT(*) FROM api_tokens WHERE owner_id = ?", ps -> {
            ps.setString(1, id.toString());
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        });
    }

    /** Every current and previous hash of the owner's tokens: what the check's caches must read again. */
    private List<SecretHash> hashesOfTokensOf(OwnerId id) {
        // Locking reads: a token given this owner by a transaction that committed after ours began is seen
        // too (a plain read of our snapshot would miss it, and its cached answer would keep the old owner).
        return statements.run("SELECT secret_hash, previous_secret_hash FROM api_tokens WHERE owner_id = ? FOR UPDATE", ps -> {
            ps.setString(1, id.toString());
            List<SecretHash> hashes = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    hashes.add(new SecretHash(rs.getBytes(1)));
                    byte[] previous = rs.getBytes(2);
                    if (previous != null) {
                        hashes.add(new SecretHash(previous));
                    }
                }
            }
            return hashes;
        });
    }

    private static void requireOneRow(int changed, Owner owner) {
        if (changed != 1) {
            throw new ConcurrentChangeException("owner " + owner.id() + " was changed or deleted by another request");
        }
    }

    private static List<Owner> readAll(PreparedStatement ps) throws SQLException {
        List<Owner> owners = new ArrayList<>();
        try (ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                String name = rs.getString("name");
                owners.add(Owner.reconstitute(OwnerId.parse(rs.getString("id")), new ExternalId(rs.getString("external_id")),
                        name == null ? null : new TokenName(name), new TokenMeta(rs.getString("meta")),
                        Columns.instant(rs, "created_at"), Columns.instant(rs, "updated_at"), rs.getLong("version")));
            }
        }
        return owners;
    }
}
