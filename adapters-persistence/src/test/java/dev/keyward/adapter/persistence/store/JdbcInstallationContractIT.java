package dev.keyward.adapter.persistence.store;

import dev.keyward.adapter.persistence.TestDatabase;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import org.junit.jupiter.api.TestInstance;

import java.util.Map;

/** The {@code Installation} contract on MariaDB/MySQL, as chosen by {@link TestDatabase}. */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class JdbcInstallationContractIT extends JdbcInstallationContract implements TestPropertyProvider {

    @Override
    public Map<String, String> getProperties() {
        return TestDatabase.micronautProperties("installation_contract");
    }

    @Override
    protected boolean aMarkWaitsForALock() {
        // The server's own view, limited to this database (other builds may share the server). The insert
        // cannot be doing anything else for long: innodb_trx does not list it reliably while it waits.
        return ((Number) rows.query("SELECT COUNT(*) AS n FROM information_schema.processlist WHERE db = DATABASE() "
                + "AND command = 'Query' AND info LIKE 'INSERT IGNORE INTO keyward_installation%'").get(0).get("n")).longValue() > 0;
    }
}
