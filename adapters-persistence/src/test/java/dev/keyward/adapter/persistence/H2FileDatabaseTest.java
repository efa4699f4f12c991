package dev.keyward.adapter.persistence;

import dev.keyward.adapter.persistence.store.JdbcAuditOutbox;
import dev.keyward.adapter.persistence.store.JdbcTokens;
import dev.keyward.domain.token.ApiToken;
import io.micronaut.context.ApplicationContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The embedded default: an H2 file database keeps tokens across restarts, and Flyway does not stumble on it. */
class H2FileDatabaseTest {

    @Test
    void tokens_written_before_a_restart_are_there_after_it(@TempDir Path directory) {
        Map<String, Object> properties = new HashMap<>(TestDatabase.h2FileProperties(directory));
        ApiToken.Created issued = TestTokens.issue("survivor 🚀", TestTokens.now());

        try (ApplicationContext first = ApplicationContext.run(properties)) {
            JdbcTransactions transactions = first.getBean(JdbcTransactions.class);
            transactions.inWrite(() -> {
                first.getBean(JdbcTokens.class).add(issued.token());
                first.getBean(JdbcAuditOutbox.class).append(issued.event());
                return null;
            });
        }
        assertTrue(Files.exists(directory.resolve("keyward.mv.db")), "the data lives in the given directory");

        try (ApplicationContext second = ApplicationContext.run(properties)) {
            JdbcTokens tokens = second.getBean(JdbcTokens.class);
            ApiToken read = tokens.findByHash(issued.token().secretHash()).orElseThrow();
            assertEquals(issued.token().id(), read.id());
            assertEquals("survivor 🚀", read.name().value());
            assertEquals(issued.token().createdAt(), read.createdAt());
        }
    }
}
