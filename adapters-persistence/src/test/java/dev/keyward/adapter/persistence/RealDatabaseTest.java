package dev.keyward.adapter.persistence;

import dev.keyward.adapter.persistence.store.JdbcAuditOutbox;
import dev.keyward.adapter.persistence.store.JdbcTokens;
import dev.keyward.domain.error.ConcurrentChangeException;
import dev.keyward.domain.token.ApiToken;
import dev.keyward.domain.token.SecretHash;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.TestInstance;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A persistence test on its own fresh database of the real MySQL-compatible server (see
 * {@link TestDatabase}), with the adapters injected and both tables emptied before each test.
 * Subclasses carry {@code @MicronautTest(transactional = false)}: writes commit for real.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public abstract class RealDatabaseTest implements TestPropertyProvider {

    @Inject
    protected JdbcTransactions transactions;

    @Inject
    protected JdbcTokens tokens;

    @Inject
    protected JdbcAuditOutbox outbox;

    @Inject
    DataSource dataSource;

    protected TestRows rows;

    /** The name of this class's database, unique among test classes. */
    protected abstract String database();

    /** Lets a subclass add or change properties (pool size, session variables). */
    protected Map<String, String> adjust(Map<String, String> properties) {
        return properties;
    }

    @Override
    public final Map<String, String> getProperties() {
        Map<String, String> properties = new HashMap<>(TestDatabase.micronautProperties(database()));
        // These tests look at what one attempt of a racing write sees; JdbcTransactionsTest covers the retries.
        properties.put("keyward.database.write-attempts", "1");
        return adjust(properties);
    }

    /**
     * After racing rotations of {@code original}, each outcome "ok" or the exception it threw and
     * {@code hashes[i]} the secret rotation i tried to install: exactly one won, the others lost as a
     * concurrent change, and only the winner's secret (not the original's) finds the token.
     */
    protected void assertExactlyOneRotationWon(List<Object> outcomes, List<SecretHash> hashes, ApiToken original) {
        assertEquals(1, outcomes.stream().filter("ok"::equals).count(), outcomes.toString());
        assertEquals(outcomes.size() - 1, outcomes.stream().filter(ConcurrentChangeException.class::isInstance).count(),
                outcomes.toString());
        SecretHash winner = hashes.get(outcomes.indexOf("ok"));
        for (SecretHash hash : hashes) {
            assertEquals(hash.equals(winner), tokens.findByHash(hash).isPresent(), "only the winner's value is live");
        }
        assertTrue(tokens.findByHash(original.secretHash()).isEmpty(), "the original value is dead");
    }

    @BeforeEach
    protected void empty() {
        rows = new TestRows(dataSource);
        rows.execute("DELETE FROM audit_outbox");
        rows.execute("DELETE FROM api_tokens");
    }
}
