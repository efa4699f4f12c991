package dev.keyward.adapter.persistence.store;

import dev.keyward.adapter.persistence.TestDatabase;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import org.junit.jupiter.api.TestInstance;

import java.util.Map;

/** The {@code Installation} contract on H2 in MySQL mode, as the embedded default uses. */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class H2InstallationContractTest extends JdbcInstallationContract implements TestPropertyProvider {

    @Override
    public Map<String, String> getProperties() {
        return TestDatabase.h2Properties("installation_contract");
    }

    @Override
    protected boolean aMarkWaitsForALock() {
        // The database is this test's alone. H2 leaves blocker_id empty for a row lock: the statement still running is the sign.
        return ((Number) rows.query("SELECT COUNT(*) AS n FROM information_schema.sessions "
                + "WHERE executing_statement LIKE 'INSERT IGNORE INTO keyward_installation%'")
                .get(0).get("n")).longValue() > 0;
    }
}
