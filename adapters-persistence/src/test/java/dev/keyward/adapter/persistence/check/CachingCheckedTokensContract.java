package dev.keyward.adapter.persistence.check;

import dev.keyward.adapter.persistence.JdbcTransactions;
import dev.keyward.adapter.persistence.TestRows;
import dev.keyward.adapter.persistence.TestTokens;
import dev.keyward.adapter.persistence.store.JdbcRetiredValues;
import dev.keyward.adapter.persistence.store.JdbcTokens;
import dev.keyward.domain.check.CachedValue;
import dev.keyward.domain.check.ValueMatch;
import dev.keyward.domain.token.ApiToken;
import dev.keyward.domain.token.SecretHash;
import dev.keyward.domain.token.TokenMeta;
import dev.keyward.domain.token.TokenName;
import dev.keyward.domain.token.TokenView;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import javax.sql.DataSource;

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

    @Inject
    JdbcRetiredValues retired;

    @BeforeEach
    void empty() {
        TestRows rows = new TestRows(dataSource);
        rows.execute("DELETE FROM audit_outbox");
        rows.execute("DELETE FROM api_tokens");
        rows.execute("DELETE FROM retired_values");
        // Earlier tests' changes are applied now, not in the middle of a count.
        feed.poll();
    }

    /** What the check finds for {@code hash}: the cache's answer while it may be trusted, else one database read. */
    private Optional<ValueMatch> find(SecretHash hash) {
        CachedValue cached = checked.cached(hash);
        if (cached instanceof CachedValue.Hit hit) {
            return Optional.of(hit.value());
        }
        return cached instanceof CachedValue.KnownMiss ? Optional.empty() : checked.load(hash);
    }

    /** The token the hash authenticates as (current or previous value), as the check sees it now. */
    private Optional<TokenView> live(SecretHash hash) {
        return find(hash).flatMap(ValueMatch::live);
    }

    private ApiToken added(String name) {
        ApiToken token = TestTokens.issue(name, TestTokens.now()).token();
        tokens.add(token);
        // The feed brings this node's own change back once; let it, so counts start from a settled cache.
        feed.poll();
        return token;
    }

    /** Rotates as the use case does: in one transaction, re-read, change, store, remember the values retired. */
    private SecretHash rotate(ApiToken token) {
        return rotate(token, Duration.ZERO);
    }

    private SecretHash rotate(ApiToken token, Duration grace) {
        SecretHash next = TestTokens.newHash();
        transactions.inWrite(() -> {
            ApiToken current = tokens.findById(token.id()).orElseThrow();
            ApiToken.Rotation rotation = current.rotate(next, grace, TestTokens.byToken(TestTokens.now()));
            tokens.update(current);
            rotation.retired().forEach(value -> retired.retire(value.hash(), current.id(), value.retiredAt()));
            return null;
        });
        return next;
    }

    @Test
    void concurrent_writes_number_the_feed_in_commit_order_without_gaps() throws Exception {
        TestRows rows = new TestRows(dataSource);
        List<ApiToken> written = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            written.add(added("numbered-" + i));
        }
        Map<String, Long> before = counters(rows);
        ExecutorService writers = Executors.newFixedThreadPool(8);
        for (ApiToken token : written) {
            writers.submit(() -> {
                for (int i = 0; i < 10; i++) {
                    rotate(token);
                }
            });
        }
        writers.shutdown();
        assertTrue(writers.awaitTermination(60, TimeUnit.SECONDS));

        int total = 0;
        for (Map.Entry<String, Long> counter : counters(rows).entrySet()) {
            long from = before.getOrDefault(counter.getKey(), 0L);
            List<Long> numbers = rows.query("SELECT seq FROM token_changes WHERE writer = ? AND seq > ? ORDER BY seq",
                    counter.getKey(), from).stream().map(row -> ((Number) row.get("seq")).longValue()).toList();
            for (int i = 0; i < numbers.size(); i++) {
                assertEquals(from + 1 + i, numbers.get(i), "no gap: a poll that read number n has seen every change before it");
            }
            assertEquals(counter.getValue(), from + numbers.size(), "the counter commits with its rows");
            total += numbers.size();
        }
        assertEquals(8 * 10 * 2, total, "two rows for each rotation (old and new hash)");
        for (ApiToken token : written) {
            assertEquals(Optional.empty(), live(token.secretHash()), "the first values are refused");
        }
    }

    private static Map<String, Long> counters(TestRows rows) {
        Map<String, Long> counters = new HashMap<>();
        rows.query("SELECT writer, seq FROM token_change_writers").forEach(row ->
                counters.put((String) row.get("writer"), ((Number) row.get("seq")).longValue()));
        return counters;
    }

    @Test
    void a_write_holding_feed_numbers_commits_before_a_later_write_can_take_any() throws Exception {
        ApiToken first = added("numbered-first");
        ApiToken second = added("numbered-second");
        SecretHash firstNext = TestTokens.newHash();
        java.util.concurrent.CountDownLatch numbered = new java.util.concurrent.CountDownLatch(1);
        Thread slow = new Thread(() -> transactions.inWrite(() -> {
            ApiToken current = tokens.findById(first.id()).orElseThrow();
            current.rotate(firstNext, Duration.ZERO, TestTokens.byToken(TestTokens.now()));
            tokens.update(current);
            numbered.countDown();
            sleepQuietly(400);
            return null;
        }));
        slow.start();
        assertTrue(numbered.await(10, TimeUnit.SECONDS));

        long start = System.nanoTime();
        SecretHash secondNext = rotate(second);
        Duration waited = Duration.ofNanos(System.nanoTime() - start);
        slow.join();

        assertTrue(waited.toMillis() >= 250, "the later write waited for the earlier one's COMMIT, not " + waited.toMillis() + " ms");
        TestRows rows = new TestRows(dataSource);
        Map<String, Object> firstRow = changeRow(rows, firstNext);
        Map<String, Object> secondRow = changeRow(rows, secondNext);
        assertEquals(firstRow.get("writer"), secondRow.get("writer"), "one node, one counter");
        long firstSeq = ((Number) firstRow.get("seq")).longValue();
        long secondSeq = ((Number) secondRow.get("seq")).longValue();
        assertTrue(firstSeq < secondSeq, "numbers follow commit order: " + firstSeq + " then " + secondSeq);
    }

    private static Map<String, Object> changeRow(TestRows rows, SecretHash hash) {
        return rows.query("SELECT writer, seq FROM token_changes WHERE secret_hash = ?", hash.bytes()).get(0);
    }

    private static void sleepQuietly(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Test
    void a_change_another_node_commits_is_dropped_from_this_nodes_cache_by_the_next_poll() {
        ApiToken token = added("changed-elsewhere");
        assertTrue(live(token.secretHash()).isPresent());
        TestRows rows = new TestRows(dataSource);
        rows.execute("DELETE FROM api_tokens WHERE id = '" + token.id() + "'");
        assertTrue(live(token.secretHash()).isPresent(), "cached: this node did not see the delete");

        writeChangeRowAsAnotherNode(rows, 1, token.secretHash());
        feed.poll();

        assertEquals(Optional.empty(), live(token.secretHash()));
    }

    @Test
    void a_number_missing_from_the_feed_empties_the_cache_rather_than_trust_it() {
        ApiToken token = added("behind-a-hole");
        assertTrue(live(token.secretHash()).isPresent());
        TestRows rows = new TestRows(dataSource);
        rows.execute("DELETE FROM api_tokens WHERE id = '" + token.id() + "'");

        // Two numbers taken, one row written (rows pruned unread, or a writer of an older release).
        writeChangeRowAsAnotherNode(rows, 2, TestTokens.newHash());
        feed.poll();

        assertEquals(Optional.empty(), live(token.secretHash()), "the change hidden in the hole cannot be trusted away");
    }

    /**
     * Takes {@code count} numbers from the counter of writer "another-node" (registering it at its first
     * write) and writes one row with the last of them, as that node's TokenChangeLog would with {@code count} = 1.
     */
    private static void writeChangeRowAsAnotherNode(TestRows rows, int count, SecretHash hash) {
        java.sql.Timestamp now = java.sql.Timestamp.from(Instant.now());
        if (rows.query("SELECT seq FROM token_change_writers WHERE writer = 'another-node'").isEmpty()) {
            rows.query("INSERT INTO token_change_writers (writer, seq, touched_at) VALUES ('another-node', 0, ?)", now);
        }
        rows.execute("UPDATE token_change_writers SET seq = seq + " + count + " WHERE writer = 'another-node'");
        long seq = ((Number) rows.query("SELECT seq FROM token_change_writers WHERE writer = 'another-node'").get(0).get("seq")).longValue();
        rows.query("INSERT INTO token_changes (writer, seq, secret_hash, changed_at) VALUES ('another-node', ?, ?, ?)",
                seq, hash.bytes(), now);
    }

    @Test
    void a_writer_that_appears_after_this_node_started_is_read_from_its_first_number() {
        ApiToken token = added("new-writer");
        assertTrue(live(token.secretHash()).isPresent());
        TestRows rows = new TestRows(dataSource);
        rows.execute("DELETE FROM api_tokens WHERE id = '" + token.id() + "'");
        String writer = "writer-" + UUID.randomUUID().toString().substring(0, 8);
        java.sql.Timestamp now = java.sql.Timestamp.from(Instant.now());
        rows.query("INSERT INTO token_change_writers (writer, seq, touched_at) VALUES (?, 1, ?)", writer, now);
        rows.query("INSERT INTO token_changes (writer, seq, secret_hash, changed_at) VALUES (?, 1, ?, ?)", writer,
                token.secretHash().bytes(), now);

        feed.poll();

        assertEquals(Optional.empty(), live(token.secretHash()), "the new writer's first change was read");
    }

    @Test
    void a_cached_token_is_answered_without_the_database() {
        ApiToken token = added("hot");
        assertTrue(live(token.secretHash()).isPresent());
        long reads = checked.databaseReads();

        for (int i = 0; i < 1_000; i++) {
            assertEquals(token.id(), live(token.secretHash()).orElseThrow().id());
        }

        assertEquals(reads, checked.databaseReads());
    }

    @Test
    void after_a_rotation_returns_the_old_value_is_refused_and_the_new_one_accepted_at_once() {
        ApiToken token = added("rotated");
        SecretHash old = token.secretHash();
        assertTrue(live(old).isPresent());

        SecretHash next = rotate(token);

        assertEquals(Optional.empty(), live(old));
        assertEquals(token.id(), live(next).orElseThrow().id());
    }

    @Test
    void an_update_and_a_delete_are_seen_at_once() {
        ApiToken token = added("changing");
        assertEquals("changing", live(token.secretHash()).orElseThrow().name().value());

        transactions.inWrite(() -> {
            ApiToken current = tokens.findById(token.id()).orElseThrow();
            current.update(new TokenName("changed"), current.permissions(), current.allowlist(), TestTokens.byToken(TestTokens.now()));
            tokens.update(current);
            return null;
        });
        assertEquals("changed", live(token.secretHash()).orElseThrow().name().value());

        transactions.inWrite(() -> {
            ApiToken current = tokens.findById(token.id()).orElseThrow();
            current.delete(TestTokens.byToken(TestTokens.now()));
            tokens.remove(current);
            return null;
        });
        assertEquals(Optional.empty(), live(token.secretHash()));
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
                        Optional<TokenView> found = live(old);
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

        unknown.forEach(hash -> assertEquals(Optional.empty(), live(hash)));
        long firstRound = checked.databaseReads() - before;
        unknown.forEach(hash -> assertEquals(Optional.empty(), live(hash)));

        assertTrue(firstRound <= unknown.size(), firstRound + " reads for " + unknown.size() + " distinct hashes");
        assertEquals(before + firstRound, checked.databaseReads(), "the repeat reached the database not at all");
        ApiToken created = TestTokens.issue("late", TestTokens.now()).token();
        ApiToken withRememberedHash = ApiToken.reconstitute(created.id(), created.name(), created.permissions(), created.allowlist(),
                created.createdAt(), created.createdBy(), created.updatedAt(), created.updatedBy(), created.expiresAt(),
                null, null, null, unknown.get(7), null, null, true, TokenMeta.EMPTY, null, 0);
        tokens.add(withRememberedHash);
        assertEquals(created.id(), live(unknown.get(7)).orElseThrow().id(), "creating drops the negative entry");
    }

    @Test
    void a_rotation_with_grace_makes_the_old_value_previous_and_the_new_one_current_at_once() {
        ApiToken token = added("overlapping");
        SecretHash old = token.secretHash();
        assertTrue(find(old).orElseThrow() instanceof ValueMatch.Current);

        SecretHash next = rotate(token, Duration.ofHours(1));

        ValueMatch previous = find(old).orElseThrow();
        assertTrue(previous instanceof ValueMatch.Previous, previous.toString());
        assertEquals(token.id(), ((ValueMatch.Previous) previous).token().id());
        assertTrue(find(next).orElseThrow() instanceof ValueMatch.Current);
    }

    @Test
    void a_value_rotated_away_is_known_as_retired_and_cached_like_any_other_answer() {
        ApiToken token = added("retiring");
        SecretHash old = token.secretHash();
        assertTrue(find(old).isPresent());

        rotate(token);
        // The feed brings the rotation back once and drops its hashes; let it before counting reads.
        feed.poll();

        ValueMatch.Retired value = (ValueMatch.Retired) find(old).orElseThrow();
        assertEquals(token.id(), value.tokenId());
        long reads = checked.databaseReads();
        for (int i = 0; i < 100; i++) {
            assertTrue(find(old).orElseThrow() instanceof ValueMatch.Retired);
        }
        assertEquals(reads, checked.databaseReads());
    }

    @Test
    void a_previous_value_whose_grace_ended_is_loaded_as_retired_at_its_end() {
        Instant ended = TestTokens.now().minusSeconds(5);
        ApiToken issued = TestTokens.issue("ended", TestTokens.now().minusSeconds(60)).token();
        SecretHash previous = TestTokens.newHash();
        tokens.add(ApiToken.reconstitute(issued.id(), issued.name(), issued.permissions(), issued.allowlist(),
                issued.createdAt(), issued.createdBy(), issued.updatedAt(), issued.updatedBy(), issued.expiresAt(),
                null, null, ended, issued.secretHash(), previous, ended, true, TokenMeta.EMPTY, null, 0));

        assertEquals(new ValueMatch.Retired(issued.id(), ended), find(previous).orElseThrow());
    }

    @Test
    void retired_values_are_forgotten_up_to_a_cutoff() {
        ApiToken token = added("forgotten");
        SecretHash old = token.secretHash();
        rotate(token);
        Instant retiredAt = retired.find(old).orElseThrow().retiredAt();

        assertEquals(0, retired.forgetRetiredUntil(retiredAt.minusNanos(1_000)));
        assertEquals(1, retired.forgetRetiredUntil(retiredAt));
        assertEquals(Optional.empty(), retired.find(old));
    }

    @Test
    void a_deletion_kills_the_previous_value_too_at_once() {
        ApiToken token = added("deleted-overlap");
        SecretHash old = token.secretHash();
        SecretHash next = rotate(token, Duration.ofHours(1));
        assertTrue(live(old).isPresent());

        transactions.inWrite(() -> {
            ApiToken current = tokens.findById(token.id()).orElseThrow();
            current.delete(TestTokens.byToken(TestTokens.now()));
            tokens.remove(current);
            return null;
        });

        assertEquals(Optional.empty(), find(old));
        assertEquals(Optional.empty(), find(next));
    }
}
