package dev.keyward.adapter.persistence.store;

import dev.keyward.adapter.persistence.JdbcTransactions;
import dev.keyward.adapter.persistence.TestRows;
import dev.keyward.adapter.persistence.check.BatchedTokenUses;
import dev.keyward.adapter.persistence.check.TokenUseSettings;
import dev.keyward.domain.error.ConcurrentChangeException;
import dev.keyward.domain.error.ConflictException;
import dev.keyward.domain.network.IpAddress;
import dev.keyward.domain.network.IpAllowlist;
import dev.keyward.domain.owner.ExternalId;
import dev.keyward.domain.owner.Owner;
import dev.keyward.domain.permission.PermissionSet;
import dev.keyward.domain.token.ApiToken;
import dev.keyward.domain.token.OwnerId;
import dev.keyward.domain.token.SecretHash;
import dev.keyward.domain.token.TokenId;
import dev.keyward.domain.token.TokenMeta;
import dev.keyward.domain.token.TokenName;
import dev.keyward.domain.token.TokenOwner;
import dev.keyward.domain.token.Tokens;
import dev.keyward.domain.token.TokensContract;
import io.micronaut.data.connection.ConnectionOperations;
import io.micronaut.data.connection.jdbc.advice.DelegatingDataSource;
import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.TimeZone;
import java.util.function.Supplier;
import javax.sql.DataSource;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
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

    @Inject
    JdbcOwners owners;

    private final java.util.Random ids = new java.util.Random(17);

    @Inject
    ConnectionOperations<Connection> connections;

    @Inject
    TransactionOperations<Connection> transactionOperations;

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
        rows.execute("DELETE FROM owners");
        rows.execute("DELETE FROM token_changes");
        rows.execute("DELETE FROM token_change_writers");
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

    private List<SecretHash> changeRows() {
        return new TestRows(dataSource).query("SELECT secret_hash FROM token_changes ORDER BY seq").stream()
                .map(row -> new SecretHash((byte[]) row.get("secret_hash"))).toList();
    }

    @Test
    void every_write_appends_one_change_row_per_secret_hash_whose_answer_changed() {
        ApiToken token = issued(T0);
        SecretHash first = token.secretHash();
        tokens.add(token);
        assertEquals(List.of(first), changeRows(), "a new hash: some node may remember it as unknown");

        ApiToken renamed = tokens.findById(token.id()).orElseThrow();
        renamed.update(new TokenName("renamed"), renamed.permissions(), renamed.allowlist(), origin(T0.plusSeconds(1)));
        tokens.update(renamed);
        assertEquals(List.of(first, first), changeRows());

        ApiToken rotated = tokens.findById(token.id()).orElseThrow();
        SecretHash next = newHash();
        rotated.rotate(next, origin(T0.plusSeconds(2)));
        tokens.update(rotated);
        assertEquals(List.of(first, first, first, next), changeRows(), "a rotation changes the answer for both hashes");

        ApiToken deleted = tokens.findById(token.id()).orElseThrow();
        deleted.delete(origin(T0.plusSeconds(3)));
        tokens.remove(deleted);
        assertEquals(List.of(first, first, first, next, next), changeRows());
    }

    @Test
    void a_token_reads_its_owner_fresh_and_an_owner_change_tells_the_feed_every_hash_of_its_tokens() {
        Owner acme = Owner.create(OwnerId.newId(T0, ids), new ExternalId("cus_ä_42"), new TokenName("Acme"),
                new TokenMeta("{\"plan\":\"gold\"}"), origin(T0)).owner();
        inTransaction(() -> {
            owners.add(acme);
            return null;
        });
        ApiToken token = ApiToken.create(TokenId.newId(T0, ids), new TokenName("acme key"), PermissionSet.of(),
                IpAllowlist.anyAddress(), null, true, TokenMeta.EMPTY, acme.view().asTokenOwner(), newHash(), origin(T0)).token();
        tokens.add(token);
        int rowsBefore = changeRows().size();

        Owner loaded = owners.findById(acme.id()).orElseThrow();
        loaded.update(new TokenName("Acme Corp"), new TokenMeta("{\"plan\":\"platinum\"}"), origin(T0.plusSeconds(1)));
        inTransaction(() -> {
            owners.update(loaded);
            return null;
        });

        assertEquals(new TokenOwner(acme.id(), "cus_ä_42", new TokenMeta("{\"plan\":\"platinum\"}")),
                tokens.findById(token.id()).orElseThrow().owner(), "read fresh with the token");
        assertEquals(List.of(token.secretHash()), changeRows().subList(rowsBefore, changeRows().size()));
        assertEquals(1, owners.tokenCount(acme.id()));
        assertEquals(Optional.of("Acme Corp"), owners.findByExternalId(new ExternalId("cus_ä_42")).map(o -> o.name().value()));
    }

    @Test
    void a_filtered_listing_pages_in_id_order_among_the_tokens_of_an_owner_that_are_enabled_or_not() {
        Owner owner = Owner.create(OwnerId.newId(T0, ids), new ExternalId("filtered"), null, TokenMeta.EMPTY, origin(T0)).owner();
        inTransaction(() -> {
            owners.add(owner);
            return null;
        });
        List<TokenId> owned = new java.util.ArrayList<>();
        for (int i = 0; i < 5; i++) {
            ApiToken token = ApiToken.create(TokenId.newId(T0.plusMillis(i), ids), new TokenName("f" + i), PermissionSet.of(),
                    IpAllowlist.anyAddress(), null, i % 2 == 0, TokenMeta.EMPTY, owner.view().asTokenOwner(), newHash(), origin(T0)).token();
            tokens.add(token);
            owned.add(token.id());
        }
        tokens.add(issued(T0));

        List<TokenId> firstPage = tokens.listAfter(null, new dev.keyward.domain.token.TokenFilter(owner.id(), true, null, null), 2)
                .stream().map(ApiToken::id).toList();
        List<TokenId> secondPage = tokens.listAfter(firstPage.get(1), new dev.keyward.domain.token.TokenFilter(owner.id(), true, null, null), 2)
                .stream().map(ApiToken::id).toList();

        assertEquals(List.of(owned.get(0), owned.get(2)), firstPage);
        assertEquals(List.of(owned.get(4)), secondPage);
        assertEquals(List.of(owned.get(1), owned.get(3)), tokens.listAfter(null, new dev.keyward.domain.token.TokenFilter(owner.id(), false, null, null), 10)
                .stream().map(ApiToken::id).toList());
        assertEquals(6, tokens.listAfter(null, 10).size(), "no filter: every token");
        assertEquals(List.of(), tokens.listAfter(null, new dev.keyward.domain.token.TokenFilter(null, null, T0.plusSeconds(1), null), 10),
                "none of them expires");
        ApiToken expiring = ApiToken.create(TokenId.newId(T0.plusMillis(9), ids), new TokenName("expiring"), PermissionSet.of(),
                IpAllowlist.anyAddress(), T0.plusSeconds(60), true, TokenMeta.EMPTY, null, newHash(), origin(T0)).token();
        tokens.add(expiring);
        assertEquals(List.of(expiring.id()), tokens.listAfter(null, new dev.keyward.domain.token.TokenFilter(null, null, T0.plusSeconds(61), null), 10)
                .stream().map(ApiToken::id).toList());
        assertEquals(List.of(), tokens.listAfter(null, new dev.keyward.domain.token.TokenFilter(null, null, T0.plusSeconds(60), null), 10),
                "before, not at");
        tokens.remove(tokens.findById(expiring.id()).orElseThrow());
        assertEquals(6, tokens.listAfter(null, new dev.keyward.domain.token.TokenFilter(null, null, null, T0.plusSeconds(1)), 10).size(),
                "never used counts as used at creation, before T0 + 1 s");
        assertEquals(List.of(), tokens.listAfter(null, new dev.keyward.domain.token.TokenFilter(null, null, null, T0), 10));
    }

    @Test
    void an_owner_with_tokens_is_kept_by_the_foreign_key_and_a_second_external_id_is_a_conflict() {
        Owner owner = Owner.create(OwnerId.newId(T0, ids), new ExternalId("team-x"), null, TokenMeta.EMPTY, origin(T0)).owner();
        inTransaction(() -> {
            owners.add(owner);
            return null;
        });
        tokens.add(ApiToken.create(TokenId.newId(T0, ids), new TokenName("x"), PermissionSet.of(), IpAllowlist.anyAddress(),
                null, true, TokenMeta.EMPTY, owner.view().asTokenOwner(), newHash(), origin(T0)).token());
        Owner twin = Owner.create(OwnerId.newId(T0, ids), new ExternalId("team-x"), null, TokenMeta.EMPTY, origin(T0)).owner();

        assertThrows(ConflictException.class, () -> inTransaction(() -> {
            owners.add(twin);
            return null;
        }));
        assertThrows(ConflictException.class, () -> inTransaction(() -> {
            owners.remove(owners.findById(owner.id()).orElseThrow());
            return null;
        }), "the foreign key holds even when the service's count is skipped");
        assertTrue(owners.findById(owner.id()).isPresent());
    }

    @Test
    void a_write_that_loses_or_rolls_back_leaves_no_change_row() {
        ApiToken token = issued(T0);
        tokens.add(token);
        ApiToken stale = tokens.findById(token.id()).orElseThrow();
        ApiToken current = tokens.findById(token.id()).orElseThrow();
        current.update(new TokenName("first"), token.permissions(), token.allowlist(), origin(T0.plusSeconds(1)));
        tokens.update(current);
        int before = changeRows().size();

        stale.update(new TokenName("second"), token.permissions(), token.allowlist(), origin(T0.plusSeconds(2)));
        assertThrows(ConcurrentChangeException.class, () -> tokens.update(stale));
        assertThrows(IllegalStateException.class, () -> inTransaction(() -> {
            tokens.add(issued(T0));
            throw new IllegalStateException("the use case fails after the write");
        }));

        assertEquals(before, changeRows().size());
    }

    /** A flusher of its own, so the application's (flushing every few seconds) cannot take the uses first. */
    private BatchedTokenUses ownFlusher() {
        return new BatchedTokenUses(connections, transactionOperations, new TokenUseSettings(Duration.ofHours(1)));
    }

    @Test
    void a_thousand_uses_of_a_hundred_tokens_are_stored_by_one_batch_holding_the_latest_use_of_each() {
        List<ApiToken> hundred = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            ApiToken token = issued(T0);
            tokens.add(token);
            hundred.add(token);
        }
        BatchedTokenUses flusher = ownFlusher();
        try {
            for (int i = 0; i < 1_000; i++) {
                flusher.record(hundred.get(i % 100).id(), T0.plusMillis(i), IpAddress.parse("192.0.2." + (i % 250)));
            }

            assertEquals(100, flusher.flush());
            assertEquals(1, flusher.batches());
            assertEquals(0, flusher.pendingCount());
            for (int k = 0; k < 100; k++) {
                ApiToken read = tokens.findById(hundred.get(k).id()).orElseThrow();
                assertEquals(T0.plusMillis(900 + k), read.lastUsedAt());
                assertEquals(IpAddress.parse("192.0.2." + ((900 + k) % 250)), read.lastUsedFrom());
                assertEquals(hundred.get(k).version(), read.version(), "a use is not a change");
            }
            assertEquals(0, flusher.flush(), "nothing new, nothing written");
            assertEquals(1, flusher.batches());
        } finally {
            flusher.stop();
        }
    }

    @Test
    void a_flush_never_moves_the_last_use_backwards_and_an_update_never_erases_it() {
        ApiToken token = issued(T0);
        tokens.add(token);
        BatchedTokenUses flusher = ownFlusher();
        try {
            flusher.record(token.id(), T0.plusSeconds(10), IpAddress.parse("2001:db8::10"));
            flusher.flush();
            flusher.record(token.id(), T0.plusSeconds(5), IpAddress.parse("2001:db8::5"));
            flusher.flush();
            ApiToken loaded = tokens.findById(token.id()).orElseThrow();
            loaded.update(new TokenName("after use"), token.permissions(), token.allowlist(), origin(T0.plusSeconds(20)));
            tokens.update(loaded);

            ApiToken read = tokens.findById(token.id()).orElseThrow();
            assertEquals(T0.plusSeconds(10), read.lastUsedAt());
            assertEquals(IpAddress.parse("2001:db8::10"), read.lastUsedFrom());
            assertEquals("after use", read.name().value());
        } finally {
            flusher.stop();
        }
    }
}
