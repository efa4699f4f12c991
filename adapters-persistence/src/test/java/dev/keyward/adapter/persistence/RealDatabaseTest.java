package dev.keyward.adapter.persistence;

import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.TestInstance;

import javax.sql.DataSource;
import java.util.HashMap;
import java.util.Map;

/**
 * A persistence test on its own fresh database of the real MySQL-compatible server (see
 * {@link TestDatabase}), with the adapters injected and both tables emptied before each test.
 * Subclasses carry {@code @MicronautTest(transactional = false)}: writes commit for real.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class RealDatabaseTest implements TestPropertyProvider {

    @Inject
    JdbcTransactions transactions;

    @Inject
    JdbcTokens tokens;

    @Inject
    JdbcAuditOutbox outbox;

    @Inject
    DataSource dataSource;

    TestRows rows;

    /** The name of this class's database, unique among test classes. */
    abstract String database();

    /** Lets a subclass add or change properties (pool size, session variables). */
    Map<String, String> adjust(Map<String, String> properties) {
        return properties;
    }

    @Override
    public final Map<String, String> getProperties() {
        return adjust(new HashMap<>(TestDatabase.micronautProperties(database())));
    }

    @BeforeEach
    void empty() {
        rows = new TestRows(dataSource);
        rows.execute("DELETE FROM audit_outbox");
        rows.execute("DELETE FROM api_tokens");
    }
}
