package dev.keyward.adapter.persistence;

import org.slf4j.LoggerFactory;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.mysql.MySQLContainer;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The real database the adapter's tests (and the app's end-to-end tests) run against, picked once per
 * JVM: {@code KEYWARD_TEST_DB_URL} (+ {@code KEYWARD_TEST_DB_USER}, {@code KEYWARD_TEST_DB_PASSWORD})
 * if set; else a Testcontainers MySQL when Docker is available; else MariaDB/MySQL on
 * 127.0.0.1:3306 as root without password. If none is reachable the tests fail (never skip), saying
 * how to provide one. Each test class gets its own freshly created database on that server.
 */
public final class TestDatabase {

    public static final String URL_VARIABLE = "KEYWARD_TEST_DB_URL";
    public static final String USER_VARIABLE = "KEYWARD_TEST_DB_USER";
    public static final String PASSWORD_VARIABLE = "KEYWARD_TEST_DB_PASSWORD";
    public static final String LOCAL_URL = "jdbc:mariadb://127.0.0.1:3306/";

    private static final Pattern JDBC_URL = Pattern.compile("^(jdbc:(mariadb|mysql)://[^/?]+)(?:/[^?]*)?(\\?.*)?$");
    private static final String H2_MODE = ";MODE=MySQL;DATABASE_TO_LOWER=TRUE;CASE_INSENSITIVE_IDENTIFIERS=TRUE";

    private static Server server;

    private TestDatabase() {
    }

    /**
     * Drops and recreates database {@code keyward_t_<name>} (utf8mb4) on the chosen server and returns
     * the Micronaut properties that point the default datasource and Flyway at it, for a
     * {@code @MicronautTest} implementing {@code TestPropertyProvider} (hence strings only).
     */
    public static Map<String, String> micronautProperties(String name) {
        Server chosen = server();
        String database = databaseName(name);
        chosen.recreate(database);
        return Map.of(
                "datasources.default.url", chosen.urlFor(database),
                "datasources.default.username", chosen.user(),
                "datasources.default.password", chosen.password(),
                "datasources.default.driver-class-name", chosen.driverClassName(),
                "datasources.default.dialect", "MYSQL",
                "flyway.datasources.default.enabled", "true");
    }

    /** Properties for a private in-memory H2 database in MySQL mode, as the embedded default uses. */
    public static Map<String, String> h2Properties(String name) {
        return h2(jdbcSafe(name) + "_" + UUID.randomUUID().toString().substring(0, 8), "mem:");
    }

    /** Properties for an H2 file database {@code keyward} in {@code directory}, kept across restarts. */
    public static Map<String, String> h2FileProperties(Path directory) {
        return h2("keyward", "file:" + directory.toAbsolutePath().toString().replace('\\', '/') + "/");
    }

    private static Map<String, String> h2(String database, String location) {
        // DB_CLOSE_DELAY=-1: an in-memory database would otherwise vanish between pooled connections.
        String url = "jdbc:h2:" + location + database + H2_MODE + (location.equals("mem:") ? ";DB_CLOSE_DELAY=-1" : "");
        return Map.of(
                "datasources.default.url", url,
                "datasources.default.username", "sa",
                "datasources.default.password", "",
                "datasources.default.driver-class-name", "org.h2.Driver",
                "datasources.default.dialect", "MYSQL",
                "flyway.datasources.default.enabled", "true");
    }

    /** Where the tests run, for a log line or an assertion message. */
    public static String describe() {
        return server().description();
    }

    /** A short-lived connection to the server as administrator, e.g. to inspect information_schema. */
    public static Connection adminConnection() throws SQLException {
        return server().connect();
    }

    public static String databaseName(String name) {
        String database = "keyward_t_" + jdbcSafe(name);
        return database.length() > 64 ? database.substring(0, 64) : database;
    }

    private static String jdbcSafe(String name) {
        return name.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9_]", "_");
    }

    private static synchronized Server server() {
        if (server == null) {
            server = choose();
            LoggerFactory.getLogger(TestDatabase.class).info("persistence tests run on {}", server.description());
        }
        return server;
    }

    private static Server choose() {
        String configured = System.getenv(URL_VARIABLE);
        if (configured != null && !configured.isBlank()) {
            Server fromEnvironment = Server.parse(configured, orEmpty(System.getenv(USER_VARIABLE)),
                    orEmpty(System.getenv(PASSWORD_VARIABLE)), URL_VARIABLE + "=" + configured);
            fromEnvironment.requireReachable();
            return fromEnvironment;
        }
        if (dockerAvailable()) {
            MySQLContainer container = new MySQLContainer("mysql:8.4").withUsername("root").withPassword("keyward");
            container.start();
            return Server.parse("jdbc:mysql://" + container.getHost() + ":" + container.getMappedPort(3306)
                            + "/?useSSL=false&allowPublicKeyRetrieval=true", "root", "keyward",
                    "Testcontainers " + container.getDockerImageName());
        }
        Server local = Server.parse(LOCAL_URL + "?connectTimeout=3000", "root", "", "local MariaDB/MySQL at 127.0.0.1:3306");
        local.requireReachable();
        return local;
    }

    private static boolean dockerAvailable() {
        try {
            return DockerClientFactory.instance().isDockerAvailable();
        } catch (RuntimeException | LinkageError e) {
            return false;
        }
    }

    private static String orEmpty(String value) {
        return value == null ? "" : value;
    }

    /** A MariaDB/MySQL server the tests may create databases on. */
    private record Server(String description, String serverUrl, String params, String user, String password,
                          String driverClassName) {

        static Server parse(String url, String user, String password, String description) {
            Matcher matcher = JDBC_URL.matcher(url);
            if (!matcher.matches()) {
                throw new IllegalStateException(URL_VARIABLE + " must look like jdbc:mariadb://host:3306/ or "
                        + "jdbc:mysql://host:3306/, not '" + url + "'");
            }
            String driver = matcher.group(2).equals("mariadb") ? "org.mariadb.jdbc.Driver" : "com.mysql.cj.jdbc.Driver";
            return new Server(description, matcher.group(1), matcher.group(3) == null ? "" : matcher.group(3),
                    user, password, driver);
        }

        Connection connect() throws SQLException {
            return DriverManager.getConnection(serverUrl + "/" + params, user, password);
        }

        String urlFor(String database) {
            return serverUrl + "/" + database + params;
        }

        void recreate(String database) {
            try (Connection connection = connect(); Statement statement = connection.createStatement()) {
                statement.execute("DROP DATABASE IF EXISTS " + database);
                statement.execute("CREATE DATABASE " + database + " CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci");
            } catch (SQLException e) {
                throw new IllegalStateException("cannot create test database " + database + " on " + description
                        + " (the test user needs CREATE and DROP rights): " + e.getMessage(), e);
            }
        }

        void requireReachable() {
            try (Connection connection = connect()) {
                connection.isValid(3);
            } catch (SQLException e) {
                throw new IllegalStateException(unreachable(this, e), e);
            }
        }
    }

    private static String unreachable(Server server, SQLException e) {
        return "No test database: cannot connect to " + server.description() + " (" + e.getMessage() + ").\n"
                + "The persistence tests need a real MariaDB or MySQL. Provide one of:\n"
                + "  1. a local MariaDB on 127.0.0.1:3306 with user root and no password, e.g.\n"
                + "       mkdir -p /run/mysqld && chown mysql:mysql /run/mysqld\n"
                + "       start-stop-daemon --start --oknodo --background --exec /usr/sbin/mariadbd -- --user=mysql\n"
                + "  2. " + URL_VARIABLE + "=jdbc:mariadb://host:3306/ (or jdbc:mysql://...) with "
                + USER_VARIABLE + " and " + PASSWORD_VARIABLE + "; the user must be allowed to CREATE and DROP databases\n"
                + "  3. a running Docker daemon, for a Testcontainers MySQL.";
    }
}
