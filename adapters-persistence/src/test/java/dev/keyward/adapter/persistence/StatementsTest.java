package dev.keyward.adapter.persistence;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.sql.SQLException;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Which SQL failures count as a lost race (a 409 for the caller) and which stay a server error (a 500),
 * by the SQLSTATE and vendor codes MariaDB/MySQL and H2 really report.
 */
class StatementsTest {

    @ParameterizedTest(name = "{0}: {3}")
    @CsvSource({
            "HY000, 1020,  true,  MariaDB snapshot isolation: record has changed since last read",
            "40001, 1213,  true,  MySQL/MariaDB deadlock",
            "HY000, 1205,  true,  MySQL/MariaDB lock wait timeout",
            "40001, 40001, true,  H2 deadlock",
            "HYT00, 50200, true,  H2 lock timeout",
            "90131, 90131, true,  H2 concurrent update",
            "40XC0, 0,     true,  any other transaction rollback",
            "23000, 1062,  false, duplicate key",
            "42S02, 1146,  false, unknown table",
            "08S01, 0,     false, connection lost",
            "HY000, 1114,  false, table is full",
    })
    void a_failure_is_a_lost_race_only_when_another_transaction_caused_it(String state, int code, boolean lostRace,
                                                                          String what) {
        SQLException failure = new SQLException(what, state, code);

        assertEquals(lostRace, Statements.lostRace(failure), what);
        assertEquals(lostRace, Statements.lostRace(new SQLException("wrapped", failure)), what + ", as a cause");
    }
}
