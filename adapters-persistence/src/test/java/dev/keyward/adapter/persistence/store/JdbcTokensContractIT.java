package dev.keyward.adapter.persistence.store;

import dev.keyward.adapter.persistence.TestDatabase;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The {@code Tokens} contract on MariaDB/MySQL, as chosen by {@link TestDatabase}. */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class JdbcTokensContractIT extends JdbcTokensContract implements TestPropertyProvider {

    private static final String NAME = "tokens_contract";

    @Override
    public Map<String, String> getProperties() {
        return TestDatabase.micronautProperties(NAME);
    }

    @Test
    void every_text_column_is_utf8mb4_so_any_name_survives() throws SQLException {
        try (Connection connection = TestDatabase.adminConnection();
             PreparedStatement ps = connection.prepareStatement("SELECT table_name, column_name, character_set_name "
                     + "FROM information_schema.columns WHERE table_schema = ? AND character_set_name IS NOT NULL")) {
            ps.setString(1, TestDatabase.databaseName(NAME));
            int columns = 0;
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    columns++;
                    assertEquals("utf8mb4", rs.getString("character_set_name"),
                            rs.getString("table_name") + "." + rs.getString("column_name"));
                }
            }
            assertTrue(columns >= 10, "found the text columns of both tables, not " + columns);
        }
    }
}
