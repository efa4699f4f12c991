package dev.keyward.adapter.persistence;

import dev.keyward.domain.error.ConcurrentChangeException;
import dev.keyward.domain.token.ApiToken;
import dev.keyward.domain.token.TokenName;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import org.junit.jupiter.api.Test;

import java.time.Instant;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@link JdbcTransactions} on MariaDB/MySQL: a use case's token row and audit row commit or roll back together. */
@MicronautTest(transactional = false)
class JdbcTransactionsIT extends RealDatabaseTest {


    @Override
    protected String database() {
        return "transactions";
    }

    @Test
    void a_use_case_commits_its_token_and_audit_rows_together_and_returns_the_result() {
        ApiToken.Created issued = TestTokens.issue("committed", TestTokens.now());

        String result = transactions.inWrite(() -> {
            tokens.add(issued.token());
            outbox.append(issued.event());
            assertEquals(0, rows.count("api_tokens"), "not visible to others before the commit");
            return "done";
        });

        assertEquals("done", result);
        assertEquals(1, rows.count("api_tokens"));
        assertEquals(1, rows.count("audit_outbox"));
    }

    @Test
    void a_runtime_exception_rolls_back_token_and_audit_rows_and_surfaces_as_itself() {
        ApiToken.Created issued = TestTokens.issue("rolled back", TestTokens.now());
        IllegalStateException failure = new IllegalStateException("boom after both writes");

        RuntimeException thrown = assertThrows(RuntimeException.class, () -> transactions.inWrite(() -> {
            tokens.add(issued.token());
            outbox.append(issued.event());
            throw failure;
        }));

        assertSame(failure, thrown);
        assertEquals(0, rows.count("api_tokens"));
        assertEquals(0, rows.count("audit_outbox"));
        assertTrue(tokens.findById(issued.token().id()).isEmpty());
    }

    @Test
    void a_lost_version_check_rolls_back_the_whole_use_case_and_surfaces_as_the_domain_exception() {
        ApiToken.Created issued = TestTokens.issue("contended", TestTokens.now());
        tokens.add(issued.token());
        ApiToken stale = tokens.findById(issued.token().id()).orElseThrow();
        ApiToken winner = tokens.findById(issued.token().id()).orElseThrow();
        winner.update(new TokenName("winner"), winner.permissions(), winner.allowlist(), TestTokens.byToken(TestTokens.now()));
        tokens.update(winner);
        ApiToken.Created unrelated = TestTokens.issue("written first", TestTokens.now());

        assertThrows(ConcurrentChangeException.class, () -> transactions.inWrite(() -> {
            tokens.add(unrelated.token());
            outbox.append(unrelated.event());
            stale.rotate(TestTokens.newHash(), TestTokens.byToken(TestTokens.now()));
            tokens.update(stale);
            return null;
        }));

        assertTrue(tokens.findById(unrelated.token().id()).isEmpty());
        assertEquals(0, rows.count("audit_outbox"));
        ApiToken stored = tokens.findById(issued.token().id()).orElseThrow();
        assertEquals("winner", stored.name().value());
        assertEquals(issued.token().secretHash(), stored.secretHash());
    }

    @Test
    void a_nested_call_joins_the_outer_transaction() {
        Instant now = TestTokens.now();
        ApiToken.Created inner = TestTokens.issue("inner", now);
        ApiToken.Created outer = TestTokens.issue("outer", now);

        transactions.inWrite(() -> {
            transactions.inWrite(() -> {
                tokens.add(inner.token());
                return null;
            });
            assertEquals(0, rows.count("api_tokens"), "the inner call did not commit on its own");
            assertTrue(tokens.findById(inner.token().id()).isPresent(), "the outer call sees the inner write");
            tokens.add(outer.token());
            return null;
        });

        assertEquals(2, rows.count("api_tokens"));
    }

    @Test
    void a_failure_after_a_nested_call_rolls_back_the_nested_writes_too() {
        ApiToken.Created inner = TestTokens.issue("inner", TestTokens.now());

        assertThrows(IllegalArgumentException.class, () -> transactions.inWrite(() -> {
            transactions.inWrite(() -> {
                tokens.add(inner.token());
                outbox.append(inner.event());
                return null;
            });
            throw new IllegalArgumentException("outer fails after the inner call returned");
        }));

        assertEquals(0, rows.count("api_tokens"));
        assertEquals(0, rows.count("audit_outbox"));
    }
}
