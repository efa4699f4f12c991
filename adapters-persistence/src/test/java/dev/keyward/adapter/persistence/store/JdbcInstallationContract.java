package dev.keyward.adapter.persistence.store;

import dev.keyward.adapter.persistence.JdbcTransactions;
import dev.keyward.adapter.persistence.TestRows;
import dev.keyward.domain.manage.Installation;
import dev.keyward.domain.manage.InstallationContract;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import javax.sql.DataSource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@link InstallationContract} for {@link JdbcInstallation} on a real database, plus what only a
 * database can get wrong: transactions that roll back, and nodes starting at the same time.
 */
abstract class JdbcInstallationContract extends InstallationContract {

    @Inject
    JdbcInstallation jdbcInstallation;

    @Inject
    JdbcTransactions transactions;

    @Inject
    DataSource dataSource;

    TestRows rows;

    /** Whether a {@code markBootstrapped} insert of this test's database is waiting for a row lock right now. */
    protected abstract boolean aMarkWaitsForALock();

    @Override
    protected Installation freshInstallation() {
        rows = new TestRows(dataSource);
        rows.execute("DELETE FROM keyward_installation");
        return jdbcInstallation;
    }

    @Override
    protected <T> T inTransaction(Supplier<T> work) {
        return transactions.inWrite(work);
    }

    @Test
    void the_fact_is_stored_with_its_time_as_utc_wall_clock_microseconds() {
        inTransaction(() -> installation.markBootstrapped(T0));

        // As text: a Timestamp would pass through the JVM's zone, where T0 falls into a DST gap.
        List<Map<String, Object>> stored = rows.query("SELECT fact, CAST(recorded_at AS CHAR(26)) AS recorded_at FROM keyward_installation");

        assertEquals(List.of(Map.of("fact", "bootstrapped", "recorded_at", "2024-03-10 02:30:00.123456")), stored);
    }

    @Test
    void a_mark_whose_transaction_rolls_back_leaves_the_fact_unrecorded() {
        try {
            inTransaction(() -> {
                assertTrue(installation.markBootstrapped(T0));
                throw new IllegalStateException("the bootstrap token could not be issued");
            });
        } catch (IllegalStateException expected) {
            // the rollback is what is tested
        }

        assertEquals(0, rows.count("keyward_installation"));
        assertTrue(inTransaction(() -> installation.markBootstrapped(T0)), "the next start may still bootstrap");
    }

    @Test
    void of_two_nodes_marking_at_once_the_second_waits_for_the_first_to_commit_and_then_gets_false() throws Exception {
        assertEquals(List.of(true, false), twoNodesAtOnce(true));
        assertEquals(1, rows.count("keyward_installation"));
    }

    @Test
    void of_two_nodes_marking_at_once_the_second_gets_true_when_the_first_rolls_back() throws Exception {
        assertEquals(List.of(true, true), twoNodesAtOnce(false));
        assertEquals(1, rows.count("keyward_installation"));
    }

    /**
     * The first node marks and holds its transaction open; the second marks, must be seen waiting, and
     * then the first commits (or rolls back). Returns what each node's call returned.
     */
    private List<Boolean> twoNodesAtOnce(boolean firstCommits) throws Exception {
        CountDownLatch firstMarked = new CountDownLatch(1);
        CountDownLatch firstMayFinish = new CountDownLatch(1);
        ExecutorService nodes = Executors.newFixedThreadPool(2);
        try {
            boolean[] firstResult = new boolean[1];
            Future<?> first = nodes.submit(() -> {
                try {
                    transactions.inWrite(() -> {
                        firstResult[0] = installation.markBootstrapped(T0);
                        firstMarked.countDown();
                        await(firstMayFinish);
                        if (!firstCommits) {
                            throw new IllegalStateException("the first node fails before committing");
                        }
                        return null;
                    });
                } catch (IllegalStateException e) {
                    if (firstCommits) {
                        throw e;
                    }
                }
            });
            await(firstMarked);
            Future<Boolean> second = nodes.submit(() -> transactions.inWrite(() -> installation.markBootstrapped(T0.plusSeconds(1))));

            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (!aMarkWaitsForALock() && !second.isDone() && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            assertFalse(second.isDone(), () -> "the second node did not wait for the first: " + outcome(second));
            assertTrue(aMarkWaitsForALock(), "the second node's insert waits in the database for the first one's row lock");

            firstMayFinish.countDown();
            first.get(30, TimeUnit.SECONDS);
            return List.of(firstResult[0], second.get(30, TimeUnit.SECONDS));
        } catch (ExecutionException e) {
            throw new AssertionError("a node failed", e.getCause());
        } finally {
            firstMayFinish.countDown();
            nodes.shutdownNow();
        }
    }

    private static Object outcome(Future<?> future) {
        try {
            return future.get();
        } catch (ExecutionException e) {
            return e.getCause();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return e;
        }
    }

    private static void await(CountDownLatch latch) {
        try {
            if (!latch.await(30, TimeUnit.SECONDS)) {
                throw new IllegalStateException("the other node never got there");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
