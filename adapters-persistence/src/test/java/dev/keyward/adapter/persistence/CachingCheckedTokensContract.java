package dev.keyward.adapter.persistence;

import dev.keyward.domain.token.ApiToken;
import dev.keyward.domain.token.SecretHash;
import dev.keyward.domain.token.TokenName;
import dev.keyward.domain.token.TokenView;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import javax.sql.DataSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The check's cache on one node: what this node changed is seen at once, even by checks running
 * concurrently with the change; unknown hashes reach the database once each.
 */
abstract class CachingCheckedTokensContract {

    @Inject
    CachingCheckedTokens checked;

    @Inject
    JdbcTokens tokens;

    @Inject
    JdbcTransactions transactions;

    @Inject
    DataSource dataSource;

    @Inject
    ChangeFeed feed;

    @BeforeEach
    void empty() {
        TestRows rows = new TestRows(dataSource);
        rows.execute("DELETE FROM audit_outbox");
        rows.execute("DELETE FROM api_tokens");
        // Earlier tests' changes are applied now, not in the middle of a count.
        feed.poll();
    }

    private ApiToken added(String name) {
        ApiToken token = TestTokens.issue(name, TestTokens.now()).token();
        tokens.add(token);
        // The feed brings this node's own change back once; let it, so counts start from a settled cache.
        feed.poll();
        return token;
    }

    /** Rotates as the use case does: in one transaction, re-read, change, store. */
    private SecretHash rotate(ApiToken token) {
        SecretHash next = TestTokens.newHash();
        transactions.inWrite(() -> {
            ApiToken current = tokens.findById(token.id()).orElseThrow();
            current.rotate(next, TestTokens.byToken(TestTokens.now()));
            tokens.update(current);
            return null;
        });
        return next;
    }

    @Test
    void a_cached_token_is_answered_without_the_database() {
        ApiToken token = added("hot");
        assertTrue(checked.findByHash(token.secretHash()).isPresent());
        long reads = checked.databaseReads();

        for (int i = 0; i < 1_000; i++) {
            assertEquals(token.id(), checked.findByHash(token.secretHash()).orElseThrow().id());
        }

        assertEquals(reads, checked.databaseReads());
    }

    @Test
    void after_a_rotation_returns_the_old_value_is_refused_and_the_new_one_accepted_at_once() {
        ApiToken token = added("rotated");
        SecretHash old = token.secretHash();
        assertTrue(checked.findByHash(old).isPresent());

        SecretHash next = rotate(token);

        assertEquals(Optional.empty(), checked.findByHash(old));
        assertEquals(token.id(), checked.findByHash(next).orElseThrow().id());
    }

    @Test
    void an_update_and_a_delete_are_seen_at_once() {
        ApiToken token = added("changing");
        assertEquals("changing", checked.findByHash(token.secretHash()).orElseThrow().name().value());

        transactions.inWrite(() -> {
            ApiToken current = tokens.findById(token.id()).orElseThrow();
            current.update(new TokenName("changed"), current.permissions(), current.allowlist(), TestTokens.byToken(TestTokens.now()));
            tokens.update(current);
            return null;
        });
        assertEquals("changed", checked.findByHash(token.secretHash()).orElseThrow().name().value());

        transactions.inWrite(() -> {
            ApiToken current = tokens.findById(token.id()).orElseThrow();
            current.delete(TestTokens.byToken(TestTokens.now()));
            tokens.remove(current);
            return null;
        });
        assertEquals(Optional.empty(), checked.findByHash(token.secretHash()));
    }

    @Test
    void no_check_that_starts_after_a_rotation_returned_accepts_the_old_value_even_under_concurrent_checks() throws Exception {
        int threads = 4;
        List<String> staleAcceptances = new CopyOnWriteArrayList<>();
        AtomicLong checks = new AtomicLong();
        for (int round = 0; round < 20; round++) {
            ApiToken token = added("contended " + round);
            SecretHash old = token.secretHash();
            AtomicBoolean rotated = new AtomicBoolean();
            AtomicBoolean stop = new AtomicBoolean();
            ExecutorService pool = Executors.newFixedThreadPool(threads);
            for (int t = 0; t < threads; t++) {
                pool.submit(() -> {
                    while (!stop.get()) {
                        boolean after = rotated.get();
                        Optional<TokenView> found = checked.findByHash(old);
                        checks.incrementAndGet();
                        if (after && found.isPresent()) {
                            staleAcceptances.add(token.id().toString());
                        }
                    }
                    return null;
                });
            }
            Thread.sleep(20);
            rotate(token);
            rotated.set(true);
            Thread.sleep(20);
            stop.set(true);
            pool.shutdown();
            assertTrue(pool.awaitTermination(10, TimeUnit.SECONDS));
        }

        assertEquals(List.of(), staleAcceptances, "checks started after the rotation returned, over " + checks.get() + " checks");
    }

    @Test
    void each_unknown_hash_reaches_the_database_once_and_a_token_created_later_with_it_is_found() {
        List<SecretHash> unknown = new ArrayList<>();
        for (int i = 0; i < 500; i++) {
            unknown.add(TestTokens.newHash());
        }
        long before = checked.databaseReads();

        unknown.forEach(hash -> assertEquals(Optional.empty(), checked.findByHash(hash)));
        long firstRound = checked.databaseReads() - before;
        unknown.forEach(hash -> assertEquals(Optional.empty(), checked.findByHash(hash)));

        assertTrue(firstRound <= unknown.size(), firstRound + " reads for " + unknown.size() + " distinct hashes");
        assertEquals(before + firstRound, checked.databaseReads(), "the repeat reached the database not at all");
        ApiToken created = TestTokens.issue("late", TestTokens.now()).token();
        ApiToken withRememberedHash = ApiToken.reconstitute(created.id(), created.name(), created.permissions(), created.allowlist(),
                created.createdAt(), created.createdBy(), created.updatedAt(), created.updatedBy(), created.expiresAt(),
                null, null, null, unknown.get(7), 0);
        tokens.add(withRememberedHash);
        assertEquals(created.id(), checked.findByHash(unknown.get(7)).orElseThrow().id(), "creating drops the negative entry");
    }
}
