package dev.keyward.adapter.persistence.check;

import dev.keyward.adapter.persistence.TestDatabase;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import org.junit.jupiter.api.TestInstance;

import java.util.Map;

/** The check's cache on one node over MariaDB/MySQL, as chosen by {@link TestDatabase}. */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CachingCheckedTokensIT extends CachingCheckedTokensContract implements TestPropertyProvider {

    @Override
    public Map<String, String> getProperties() {
        return TestDatabase.micronautProperties("checked_tokens");
    }
}
