package dev.keyward.adapter.persistence.store;

import dev.keyward.adapter.persistence.Columns;
import dev.keyward.adapter.persistence.Statements;
import dev.keyward.domain.manage.Installation;
import io.micronaut.data.connection.ConnectionOperations;
import jakarta.inject.Singleton;

import java.sql.Connection;
import java.time.Instant;
import java.util.Objects;

/**
 * {@link Installation} as rows of {@code keyward_installation}, one per fact, inserted on the caller's
 * transaction. The fact's primary key does the arbitration: a second insert waits for the first
 * transaction's row lock, then finds the committed row and inserts nothing.
 * <p>
 * Call it first in its transaction. On MariaDB with {@code innodb_snapshot_isolation} (the default from
 * 11.6), an earlier read gives the transaction a snapshot that cannot see the winner's row, and the losing
 * insert then fails as {@link dev.keyward.domain.error.ConcurrentChangeException} instead of returning false.
 */
@Singleton
public final class JdbcInstallation implements Installation {

    static final String BOOTSTRAPPED = "bootstrapped";

    private final Statements statements;

    public JdbcInstallation(ConnectionOperations<Connection> connections) {
        this.statements = new Statements(connections);
    }

    @Override
    public boolean markBootstrapped(Instant at) {
        Objects.requireNonNull(at, "at");
        // INSERT IGNORE skips only the duplicate key on H2 (MODE=MySQL); on MySQL/MariaDB it would also
        // downgrade other errors to warnings, which a two-column insert of known values cannot raise.
        int inserted = statements.run("INSERT IGNORE INTO keyward_installation (fact, recorded_at) VALUES (?, ?)", ps -> {
            ps.setString(1, BOOTSTRAPPED);
            Columns.bindInstant(ps, 2, at);
            return ps.executeUpdate();
        });
        return inserted == 1;
    }
}
