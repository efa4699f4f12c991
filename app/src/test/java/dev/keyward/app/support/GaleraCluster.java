package dev.keyward.app.support;

import dev.keyward.adapter.persistence.TestDatabase;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The three-node MariaDB Galera cluster the *GaleraIT tests run Keyward nodes against: node {@code i}
 * (from 0) answers SQL on {@code 127.0.0.1:331(i+1)} as root without password, as
 * {@code scripts/galera.sh start} leaves it (the build runs that in pre-integration-test), or on the
 * comma-separated {@code host:port} list in {@code KEYWARD_TEST_GALERA_NODES}. A cluster not reachable
 * and synced fails the test, saying how to start one; it never skips.
 */
public final class GaleraCluster {

    public static final String NODES_VARIABLE = "KEYWARD_TEST_GALERA_NODES";
    private static final String PARAMS = "?connectTimeout=3000";
    /**
     * What the README asks of Keyward's connections to a Galera cluster: causal reads
     * ({@code wsrep_sync_wait=1}), so that a node reads every write the cluster committed before the read
     * began: a key created through one node works at once through every other.
     */
    static final String KEYWARD_PARAMS = PARAMS + "&sessionVariables=wsrep_sync_wait=1";

    private GaleraCluster() {
    }

    /** {@code host:port} of each cluster node. */
    public static List<String> nodes() {
        String configured = System.getenv(NODES_VARIABLE);
        String list = configured == null || configured.isBlank() ? "127.0.0.1:3311,127.0.0.1:3312,127.0.0.1:3313" : configured;
        return Arrays.stream(list.split(",")).map(String::strip).toList();
    }

    /** Fails unless every node answers and reports itself Synced in a cluster of all of them. */
    public static void requireSynced() {
        for (int node = 0; node < nodes().size(); node++) {
            try (Connection connection = connect(node)) {
                String state = status(connection, "wsrep_local_state_comment");
                String size = status(connection, "wsrep_cluster_size");
                if (!"Synced".equals(state) || !String.valueOf(nodes().size()).equals(size)) {
                    throw new IllegalStateException("Galera node " + nodes().get(node) + " is " + state + " in a cluster of "
                            + size + "; " + howToStart());
                }
            } catch (SQLException e) {
                throw new IllegalStateException("Galera node " + nodes().get(node) + " is unreachable (" + e.getMessage()
                        + "); " + howToStart(), e);
            }
        }
    }

    /** Waits until every node is back, Synced, in a cluster of all of them. */
    public static void awaitSynced(Duration within) throws InterruptedException {
        long deadline = System.nanoTime() + within.toNanos();
        while (true) {
            try {
                requireSynced();
                return;
            } catch (IllegalStateException notYet) {
                if (System.nanoTime() > deadline) {
                    throw notYet;
                }
                Thread.sleep(250);
            }
        }
    }

    private static String howToStart() {
        return "start the cluster with `scripts/galera.sh start` (as root: it installs galera-4 and rsync from Debian), "
                + "or point " + NODES_VARIABLE + " at three synced nodes";
    }

    /** A connection to cluster node {@code node} as administrator, outside any database. */
    public static Connection connect(int node) throws SQLException {
        return DriverManager.getConnection("jdbc:mariadb://" + nodes().get(node) + "/" + PARAMS, "root", "");
    }

    /** Drops and recreates database {@code keyward_t_<name>} through node 0; Galera replicates the DDL to all. */
    public static String recreate(String name) {
        requireSynced();
        String database = TestDatabase.databaseName(name);
        try (Connection connection = connect(0); Statement statement = connection.createStatement()) {
            statement.execute("DROP DATABASE IF EXISTS " + database);
            statement.execute("CREATE DATABASE " + database + " CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci");
        } catch (SQLException e) {
            throw new IllegalStateException("cannot create " + database + " on the Galera cluster: " + e.getMessage(), e);
        }
        return database;
    }

    /** The datasource properties that put a Keyward node on {@code database} through cluster node {@code node}. */
    public static Map<String, String> datasource(String database, int node) {
        Map<String, String> properties = new HashMap<>();
        properties.put("datasources.default.url", "jdbc:mariadb://" + nodes().get(node) + "/" + database + KEYWARD_PARAMS);
        properties.put("datasources.default.username", "root");
        properties.put("datasources.default.password", "");
        properties.put("datasources.default.driver-class-name", "org.mariadb.jdbc.Driver");
        properties.put("datasources.default.dialect", "MYSQL");
        properties.put("flyway.datasources.default.enabled", "true");
        return properties;
    }

    /** Kills cluster node {@code node} (from 0) with SIGKILL, as a crash would, through scripts/galera.sh. */
    public static void kill(int node) {
        script("kill", String.valueOf(node + 1));
    }

    /** Starts cluster node {@code node} again; it rejoins by state transfer and is Synced when this returns. */
    public static void restart(int node) {
        script("start-node", String.valueOf(node + 1));
    }

    private static void script(String... arguments) {
        Path script = Path.of("..", "scripts", "galera.sh").toAbsolutePath().normalize();
        List<String> command = new ArrayList<>(List.of("bash", script.toString()));
        command.addAll(List.of(arguments));
        try {
            Process process = new ProcessBuilder(command).inheritIO().start();
            int exit = process.waitFor();
            if (exit != 0) {
                throw new IllegalStateException(String.join(" ", command) + " exited with " + exit);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static String status(Connection connection, String name) throws SQLException {
        try (Statement statement = connection.createStatement();
             ResultSet rs = statement.executeQuery("SHOW STATUS LIKE '" + name + "'")) {
            return rs.next() ? rs.getString(2) : null;
        }
    }
}
