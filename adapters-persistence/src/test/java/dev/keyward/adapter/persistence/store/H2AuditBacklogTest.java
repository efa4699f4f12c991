package dev.keyward.adapter.persistence.store;

import dev.keyward.adapter.persistence.TestDatabase;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import org.junit.jupiter.api.TestInstance;

import java.util.Map;

/** The audit backlog on H2 in MySQL mode: the embedded default's relay runs the same SQL. */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class H2AuditBacklogTest extends JdbcAuditBacklogContract implements TestPropertyProvider {

    @Override
    public Map<String, String> getProperties() {
        return TestDatabase.h2Properties("audit_backlog");
    }
}
