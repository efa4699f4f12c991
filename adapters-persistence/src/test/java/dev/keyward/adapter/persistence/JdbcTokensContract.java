package dev.keyward.adapter.persistence;

import dev.keyward.domain.port.out.Tokens;
import dev.keyward.domain.port.out.TokensContract;
import dev.keyward.domain.token.ApiToken;
import io.micronaut.data.connection.jdbc.advice.DelegatingDataSource;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.TimeZone;
import java.util.function.Supplier;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@link TokensContract} for {@link JdbcTokens} on a real database, plus what only a database can get
 * wrong: time zones and the raw column values other tools will read.
 */
abstract class JdbcTokensContract extends TokensContract {

    @Inject
    JdbcTokens jdbcTokens;

    @Inject
    JdbcTransactions transactions;

    @Inject
    DataSource dataSource;

    @Inject
    BatchedTokenUses uses;

    /** Stores one use now, through the batched flush as in production. */
    private void use(ApiToken token, java.time.Instant at) {
        uses.record(token.id(), at, null);
        uses.flush();
    }

    @Override
    protected Tokens emptyTokens() {
        TestRows rows = new TestRows(dataSource);
        rows.execute("DELETE FROM audit_outbox");
        rows.execute("DELETE FROM api_tokens");
        return jdbcTokens;
    }

    @Override
    protected <T> T inTransaction(Supplier<T> work) {
        return transactions.inWrite(work);
    }

    @Test
    void times_round_trip_exactly_whatever_the_jvm_time_zone() {
        TimeZone original = TimeZone.getDefault();
        // T0 (02:30 UTC wall-clock on 2024-03-10) does not exist in New York: a Timestamp-based mapping shifts it.
        for (String zone : new String[] {"America/New_York", "Pacific/Chatham", "Asia/Kathmandu"}) {
            try {
                TimeZone.setDefault(TimeZone.getTimeZone(zone));
                ApiToken token = issued(T0);
                tokens.add(token);
                use(token, T0.plusNanos(1_000));

                ApiToken read = tokens.findById(token.id()).orElseThrow();

                assertEquals(T0, read.createdAt(), zone);
                assertEquals(token.expiresAt(), read.expiresAt(), zone);
                assertEquals(T0.plusNanos(1_000), read.lastUsedAt(), zone);
            } finally {
                TimeZone.setDefault(original);
            }
        }
    }

    @Test
    void columns_hold_utc_wall_clock_times_with_microseconds_and_the_raw_hash() throws SQLException {
        TimeZone original = TimeZone.getDefault();
        ApiToken token = issued(T0);
        try {
            TimeZone.setDefault(TimeZone.getTimeZone("Asia/Kathmandu"));
            tokens.add(token);
        } finally {
            TimeZone.setDefault(original);
        }

        try (Connection connection = DelegatingDataSource.unwrapDataSource(dataSource).getConnection();
             PreparedStatement ps = connection.prepareStatement(
                     "SELECT CAST(created_at AS CHAR(26)) AS created, secret_hash, permissions, allowed_cidr_blocks, version "
                             + "FROM api_tokens WHERE id = ?")) {
            ps.setString(1, token.id().toString());
            try (ResultSet rs = ps.executeQuery()) {
                assertTrue(rs.next());
                assertEquals("2024-03-10 02:30:00.123456", rs.getString("created"));
                assertArrayEquals(token.secretHash().bytes(), rs.getBytes("secret_hash"));
                assertEquals("OrganizationAPITokenRead,RuleModify", rs.getString("permissions"));
                assertEquals("10.1.0.0/16,2001:db8::/64", rs.getString("allowed_cidr_blocks"));
                assertEquals(0, rs.getLong("version"));
            }
        }
    }

    @Test
    void nanoseconds_beyond_the_columns_precision_are_truncated_not_rounded() {
        ApiToken token = issued(T0);
        tokens.add(token);

        use(token, T0.plusSeconds(1).plusNanos(999));

        assertEquals(T0.plusSeconds(1), tokens.findById(token.id()).orElseThrow().lastUsedAt());
    }
}
