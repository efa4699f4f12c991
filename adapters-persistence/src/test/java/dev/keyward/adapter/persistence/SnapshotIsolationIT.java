package dev.keyward.adapter.persistence;

import dev.keyward.adapter.persistence.check.BatchedTokenUses;
import dev.keyward.domain.error.ConcurrentChangeException;
import dev.keyward.domain.network.IpAddress;
import dev.keyward.domain.token.ApiToken;
import dev.keyward.domain.token.SecretHash;
import dev.keyward.domain.token.TokenEvent;
import dev.keyward.domain.token.TokenName;
import io.micronaut.data.connection.jdbc.advice.DelegatingDataSource;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import javax.sql.DataSource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Racing writers on MariaDB with {@code innodb_snapshot_isolation=ON}, the default from MariaDB 11.6:
 * a write to a row changed since the transaction's snapshot fails with error 1020 (ER_CHECKREAD) instead
 * of matching no row. Every such loss must surface as {@link ConcurrentChangeException} (a 409), never as
 * a {@link io.micronaut.data.exceptions.DataAccessException} (a 500); a flush of uses that cannot lock a row
 * keeps them for the next flush. Lock waits are cut to one second so a blocked write fails fast.
 */
@MicronautTest(transactional = false)
class SnapshotIsolationIT extends RealDatabaseTest {

    private static final int ROTATIONS = 24;
    private static final boolean SUPPORTED = serverHasSnapshotIsolation();

    @jakarta.inject.Inject
    BatchedTokenUses uses;


    @Override
    protected String database() {
        return "snapshot_isolation";
    }

    @Override
    protected Map<String, String> adjust(Map<String, String> properties) {
                if (SUPPORTED) {
            String url = properties.get("datasources.default.url");
            properties.put("datasources.default.url", url + (url.contains("?") ? "&" : "?")
                    + "sessionVariables=innodb_snapshot_isolation=ON,innodb_lock_wait_timeout=1");
        }
        properties.put("datasources.default.maximum-pool-size", String.valueOf(ROTATIONS + 2));
        // Flushed by the test alone, so no background flush takes the uses first.
        properties.put("keyward.tokens.last-used-flush-interval", "1h");
        return properties;
    }

    @BeforeAll
    void requireSnapshotIsolation() {
        assumeTrue(SUPPORTED, "innodb_snapshot_isolation exists on MariaDB >= 10.6.18 only, not on " + TestDatabase.describe());
    }

    @Test
    void the_pool_connections_really_run_with_snapshot_isolation_and_short_lock_waits() throws SQLException {
        try (Connection connection = DelegatingDataSource.unwrapDataSource(dataSource).getConnection();
             Statement statement = connection.createStatement();
             ResultSet rs = statement.executeQuery("SELECT @@innodb_snapshot_isolation, @@innodb_lock_wait_timeout")) {
            rs.next();
            assertEquals(1, rs.getInt(1));
            assertEquals(1, rs.getInt(2));
        }
    }

    @Test
    void a_raw_write_behind_a_stale_snapshot_fails_with_error_1020_which_counts_as_a_lost_race() throws Exception {
        ApiToken.Created issued = TestTokens.issue("raw", TestTokens.now());
        tokens.add(issued.token());
        DataSource raw = DelegatingDataSource.unwrapDataSource(dataSource);
        try (Connection stale = raw.getConnection(); Statement staleStatement = stale.createStatement()) {
            stale.setAutoCommit(false);
            staleStatement.executeQuery("SELECT version FROM api_tokens").close();
            rows.execute("UPDATE api_tokens SET version = version + 1");

            SQLException failure = assertThrows(SQLException.class,
                    () -> staleStatement.executeUpdate("UPDATE api_tokens SET name = 'stale'"));

            assertEquals(1020, failure.getErrorCode(), failure.getMessage());
            assertTrue(Statements.lostRace(failure));
            stale.rollback();
        }
    }

    @Test
    void an_update_from_a_read_that_another_transaction_has_since_changed_fails_as_a_concurrent_change() throws Exception {
        assertTheSecondWriterLoses(token -> {
            token.update(new TokenName("loser"), token.permissions(), token.allowlist(), TestTokens.byToken(TestTokens.now()));
            tokens.update(token);
        });
    }

    @Test
    void a_removal_from_a_read_that_another_transaction_has_since_changed_fails_as_a_concurrent_change() throws Exception {
        assertTheSecondWriterLoses(token -> {
            outbox.append(token.delete(TestTokens.byToken(TestTokens.now())));
            tokens.remove(token);
        });
    }

    @Test
    void of_many_rotations_each_reading_in_its_own_transaction_one_wins_and_the_others_fail_as_concurrent_changes()
            throws Exception {
        ApiToken.Created issued = TestTokens.issue("rotated by many", TestTokens.now());
        tokens.add(issued.token());
        CyclicBarrier allRead = new CyclicBarrier(ROTATIONS);
        List<SecretHash> hashes = new ArrayList<>();
        ExecutorService pool = Executors.newFixedThreadPool(ROTATIONS);
        List<Object> outcomes = new ArrayList<>();
        try {
            List<Future<String>> futures = new ArrayList<>();
            for (int i = 0; i < ROTATIONS; i++) {
                SecretHash next = TestTokens.newHash();
                hashes.add(next);
                futures.add(pool.submit(() -> transactions.inWrite(() -> {
                    ApiToken read = tokens.findById(issued.token().id()).orElseThrow();
                    await(allRead);
                    TokenEvent event = read.rotate(next, TestTokens.byToken(TestTokens.now())).event();
                    tokens.update(read);
                    outbox.append(event);
                    return "ok";
                })));
            }
            for (Future<String> future : futures) {
                outcomes.add(outcome(future));
            }
        } finally {
            pool.shutdownNow();
        }

        assertExactlyOneRotationWon(outcomes, hashes, issued.token());
        assertEquals(issued.token().version() + 1, tokens.findById(issued.token().id()).orElseThrow().version());
        assertEquals(1, rows.count("audit_outbox"));
    }

    @Test
    void a_flush_of_uses_that_cannot_lock_a_row_fails_whole_and_keeps_the_uses_for_the_next_flush() throws Exception {
        ApiToken.Created issued = TestTokens.issue("busy", TestTokens.now());
        tokens.add(issued.token());
        Instant usedAt = TestTokens.now();
        uses.record(issued.token().id(), usedAt, IpAddress.parse("192.0.2.5"));

        holdingTheRow(issued.token(), () -> assertThrows(ConcurrentChangeException.class, uses::flush));
        assertNull(tokens.findById(issued.token().id()).orElseThrow().lastUsedAt(), "nothing stored while the row was held");
        assertEquals(1, uses.pendingCount(), "the use waits for the next flush");

        assertEquals(1, uses.flush());
        ApiToken read = tokens.findById(issued.token().id()).orElseThrow();
        assertEquals(usedAt, read.lastUsedAt());
        assertEquals(IpAddress.parse("192.0.2.5"), read.lastUsedFrom());
    }

    /**
     * Two transactions read the token; the first writes and commits; then the second applies
     * {@code write} to its stale copy, after adding another token, and must lose entirely.
     */
    private void assertTheSecondWriterLoses(Consumer<ApiToken> write) throws Exception {
        ApiToken.Created issued = TestTokens.issue("contended", TestTokens.now());
        tokens.add(issued.token());
        ApiToken.Created unrelated = TestTokens.issue("written by the loser", TestTokens.now());
        CountDownLatch secondRead = new CountDownLatch(1);
        CountDownLatch firstCommitted = new CountDownLatch(1);
        ExecutorService second = Executors.newSingleThreadExecutor();
        try {
            Future<String> loser = second.submit(() -> transactions.inWrite(() -> {
                ApiToken read = tokens.findById(issued.token().id()).orElseThrow();
                secondRead.countDown();
                await(firstCommitted);
                tokens.add(unrelated.token());
                write.accept(read);
                return "ok";
            }));
            transactions.inWrite(() -> {
                ApiToken read = tokens.findById(issued.token().id()).orElseThrow();
                await(secondRead);
                TokenEvent event = read.update(new TokenName("winner"), read.permissions(), read.allowlist(),
                        TestTokens.byToken(TestTokens.now()));
                tokens.update(read);
                outbox.append(event);
                return null;
            });
            firstCommitted.countDown();

            assertInstanceOf(ConcurrentChangeException.class, outcome(loser));
        } finally {
            second.shutdownNow();
        }
        ApiToken stored = tokens.findById(issued.token().id()).orElseThrow();
        assertEquals("winner", stored.name().value());
        assertEquals(issued.token().version() + 1, stored.version());
        assertTrue(tokens.findById(unrelated.token().id()).isEmpty(), "nothing of the loser was stored");
        assertEquals(1, rows.count("audit_outbox"));
    }

    /** Runs {@code action} while another connection holds the token's row lock longer than a lock wait lasts. */
    private void holdingTheRow(ApiToken token, ThrowingRunnable action) throws Exception {
        try (Connection holder = DelegatingDataSource.unwrapDataSource(dataSource).getConnection();
             Statement statement = holder.createStatement()) {
            holder.setAutoCommit(false);
            statement.executeQuery("SELECT id FROM api_tokens WHERE id = '" + token.id() + "' FOR UPDATE").close();
            Instant before = Instant.now();
            action.run();
            assertTrue(Instant.now().isAfter(before.plusMillis(900)), "the action waited for the lock");
            holder.rollback();
        }
    }

    @FunctionalInterface
    private interface ThrowingRunnable {
        void run() throws Exception;
    }

    private static Object outcome(Future<?> future) throws InterruptedException, java.util.concurrent.TimeoutException {
        try {
            return future.get(60, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            return e.getCause();
        }
    }

    private static void await(CyclicBarrier barrier) {
        try {
            barrier.await(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("the racers did not all read", e);
        }
    }

    private static void await(CountDownLatch latch) {
        try {
            if (!latch.await(30, TimeUnit.SECONDS)) {
                throw new IllegalStateException("the other transaction never got there");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static boolean serverHasSnapshotIsolation() {
        try (Connection connection = TestDatabase.adminConnection(); Statement statement = connection.createStatement();
             ResultSet rs = statement.executeQuery("SHOW VARIABLES LIKE 'innodb_snapshot_isolation'")) {
            return rs.next();
        } catch (SQLException e) {
            throw new IllegalStateException("cannot ask " + TestDatabase.describe() + " for its variables", e);
        }
    }
}
