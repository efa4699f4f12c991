package dev.keyward.domain.manage;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.function.Supplier;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The behaviour every {@link Installation} must show, run against the in-memory fake and against each
 * real database: the bootstrap fact is recorded once, and only once, per database.
 */
public abstract class InstallationContract {

    protected static final Instant T0 = Instant.parse("2024-03-10T02:30:00.123456Z");

    /** An installation of a database on which nothing has been recorded yet. */
    protected abstract Installation freshInstallation();

    /** Runs {@code work} in a write transaction, as a use case would; by default just runs it. */
    protected <T> T inTransaction(Supplier<T> work) {
        return work.get();
    }

    protected Installation installation;

    @BeforeEach
    void startFresh() {
        installation = freshInstallation();
    }

    @Test
    void the_first_mark_on_a_fresh_database_reports_that_it_recorded_the_fact() {
        assertTrue(inTransaction(() -> installation.markBootstrapped(T0)));
    }

    @Test
    void every_later_mark_reports_the_fact_as_already_recorded_whatever_its_time() {
        inTransaction(() -> installation.markBootstrapped(T0));

        assertFalse(inTransaction(() -> installation.markBootstrapped(T0)), "same time");
        assertFalse(inTransaction(() -> installation.markBootstrapped(T0.plusSeconds(3600))), "later");
        assertFalse(inTransaction(() -> installation.markBootstrapped(T0.minusSeconds(3600))), "earlier");
    }

    @Test
    void two_marks_in_one_transaction_record_the_fact_once() {
        boolean[] results = inTransaction(() -> new boolean[] {
                installation.markBootstrapped(T0), installation.markBootstrapped(T0.plusSeconds(1))});

        assertTrue(results[0]);
        assertFalse(results[1]);
    }
}
