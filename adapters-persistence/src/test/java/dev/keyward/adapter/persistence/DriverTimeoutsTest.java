package dev.keyward.adapter.persistence;

import dev.keyward.domain.error.UnavailableException;
import org.junit.jupiter.api.Test;

import java.net.ConnectException;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Which driver timeouts are added, and which failures count as a database out of reach. */
class DriverTimeoutsTest {

    @Test
    void mariadb_and_mysql_urls_get_bounded_connect_and_socket_timeouts() {
        assertEquals(DriverTimeouts.DEFAULTS, DriverTimeouts.defaultsFor("jdbc:mariadb://db:3306/keyward"));
        assertEquals(DriverTimeouts.DEFAULTS, DriverTimeouts.defaultsFor("jdbc:mysql://db:3306/keyward?useSSL=false"));
    }

    @Test
    void a_timeout_the_url_sets_is_left_to_the_url() {
        assertEquals(Map.of("socketTimeout", "2000"), DriverTimeouts.defaultsFor("jdbc:mariadb://db/keyward?connectTimeout=3000"));
        assertEquals(Map.of("connectTimeout", "1000"), DriverTimeouts.defaultsFor("jdbc:mariadb://db/keyward?a=b&SocketTimeout=0"));
    }

    @Test
    void h2_gets_none_since_it_refuses_unknown_properties() {
        assertEquals(Map.of(), DriverTimeouts.defaultsFor("jdbc:h2:mem:keyward;MODE=MySQL"));
        assertEquals(Map.of(), DriverTimeouts.defaultsFor(null));
    }

    @Test
    void a_lost_or_unobtainable_connection_is_unreachable_anywhere_in_the_causes() {
        assertTrue(DatabaseUnreachable.isUnreachable(new RuntimeException(new SQLTransientConnectionException("pool timed out"))));
        assertTrue(DatabaseUnreachable.isUnreachable(new RuntimeException(new SQLException("closed", "08003"))));
        assertTrue(DatabaseUnreachable.isUnreachable(new IllegalStateException(new SQLException("x", new ConnectException("refused")))));
        assertTrue(DatabaseUnreachable.isUnreachable(new RuntimeException(new SQLException("Connection is closed"))),
                "HikariCP's proxy of an evicted connection says so without SQLSTATE");
    }

    @Test
    void a_refused_statement_is_not_an_outage() {
        assertFalse(DatabaseUnreachable.isUnreachable(new RuntimeException(new SQLException("duplicate key", "23000", 1062))));
        assertFalse(DatabaseUnreachable.isUnreachable(new RuntimeException(new SQLException("deadlock", "40001", 1213))));
    }

    @Test
    void the_translation_keeps_other_failures_as_they_are() {
        IllegalStateException other = new IllegalStateException("a bug");
        try {
            DatabaseUnreachable.translated(() -> {
                throw other;
            });
        } catch (IllegalStateException e) {
            assertEquals(other, e);
        }
        try {
            DatabaseUnreachable.translated(() -> {
                throw new RuntimeException(new SQLTransientConnectionException("pool timed out"));
            });
        } catch (dev.keyward.domain.error.UnavailableException e) {
            assertTrue(e.getMessage().startsWith("the token database is unavailable"));
        }
    }
}
