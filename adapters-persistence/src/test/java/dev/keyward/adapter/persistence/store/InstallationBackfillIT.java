package dev.keyward.adapter.persistence.store;

import dev.keyward.adapter.persistence.Columns;
import dev.keyward.adapter.persistence.JdbcTransactions;
import dev.keyward.adapter.persistence.TestDatabase;
import dev.keyward.adapter.persistence.TestTokens;
import dev.keyward.domain.token.ApiToken;
import io.micronaut.context.ApplicationContext;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Upgrading a database created before {@code keyward_installation} existed, on MariaDB/MySQL and on
 * H2: one that holds tokens was bootstrapped already and must never be bootstrapped again; an empty one
 * still may be.
 */
class InstallationBackfillIT {

    private static final Instant OLDEST = Instant.parse("2024-03-10T02:30:00.123456Z");

    @ParameterizedTest
    @ValueSource(strings = {"mariadb", "h2"})
    void a_database_that_held_tokens_before_the_upgrade_counts_as_bootstrapped_since_its_oldest_token(String database)
            throws SQLException {
        Map<String, Object> properties = atVersionOne(database, "backfill_tokens");
        insert(properties, TestTokens.issue("newer", OLDEST.plusSeconds(86_400)).token());
        insert(properties, TestTokens.issue("oldest", OLDEST).token());

        try (ApplicationContext upgraded = ApplicationContext.run(properties)) {
            assertEquals("2024-03-10 02:30:00.123456", recordedAt(properties));
            assertFalse(upgraded.getBean(JdbcTransactions.class).inWrite(() ->
                    upgraded.getBean(JdbcInstallation.class).markBootstrapped(Instant.now())));
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"mariadb", "h2"})
    void an_empty_database_upgraded_is_not_bootstrapped_yet(String database) throws SQLException {
        Map<String, Object> properties = atVersionOne(database, "backfill_empty");

        try (ApplicationContext upgraded = ApplicationContext.run(properties)) {
            assertEquals(0, count(properties));
            assertTrue(upgraded.getBean(JdbcTransactions.class).inWrite(() ->
                    upgraded.getBean(JdbcInstallation.class).markBootstrapped(Instant.now())));
        }
    }

    /** A fresh database migrated to V1 only, as a release before V2 left it; returns the app's properties. */
    private static Map<String, Object> atVersionOne(String database, String name) {
        Map<String, String> chosen = database.equals("h2") ? TestDatabase.h2Properties(name)
                : TestDatabase.micronautProperties(name);
        Flyway.configure()
                .dataSource(chosen.get("datasources.default.url"), chosen.get("datasources.default.username"),
                        chosen.get("datasources.default.password"))
                .target("1")
                .load()
                .migrate();
        return new HashMap<>(chosen);
    }

    /** Inserts a row as V1 shaped it (the columns of that release, not today's). */
    private static void insert(Map<String, Object> properties, ApiToken token) throws SQLException {
        try (Connection connection = connect(properties);
             PreparedStatement ps = connection.prepareStatement("INSERT INTO api_tokens (id, name, permissions, "
                     + "allowed_cidr_blocks, created_at, created_by_id, created_by_type, secret_hash, version) "
                     + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            ps.setString(1, token.id().toString());
            ps.setString(2, token.name().value());
            ps.setString(3, TokenRowMapper.permissionsText(token));
            ps.setString(4, TokenRowMapper.allowlistText(token));
            Columns.bindInstant(ps, 5, token.createdAt());
            ps.setString(6, token.createdBy().id());
            ps.setString(7, token.createdBy().type().wireName());
            ps.setBytes(8, token.secretHash().bytes());
            ps.setLong(9, token.version());
            ps.executeUpdate();
        }
    }

    private static String recordedAt(Map<String, Object> properties) throws SQLException {
        try (Connection connection = connect(properties);
             PreparedStatement ps = connection.prepareStatement(
                     "SELECT CAST(recorded_at AS CHAR(26)) FROM keyward_installation WHERE fact = 'bootstrapped'");
             ResultSet rs = ps.executeQuery()) {
            assertTrue(rs.next(), "the upgrade recorded the bootstrap");
            return rs.getString(1);
        }
    }

    private static long count(Map<String, Object> properties) throws SQLException {
        try (Connection connection = connect(properties);
             PreparedStatement ps = connection.prepareStatement("SELECT COUNT(*) FROM keyward_installation");
             ResultSet rs = ps.executeQuery()) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static Connection connect(Map<String, Object> properties) throws SQLException {
        return DriverManager.getConnection((String) properties.get("datasources.default.url"),
                (String) properties.get("datasources.default.username"),
                (String) properties.get("datasources.default.password"));
    }
}
