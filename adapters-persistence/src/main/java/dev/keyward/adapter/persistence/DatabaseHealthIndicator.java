package dev.keyward.adapter.persistence;

import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.HikariPoolMXBean;
import dev.keyward.adapter.persistence.check.ChangeFeed;
import io.micronaut.context.annotation.Context;
import io.micronaut.context.annotation.Requires;
import io.micronaut.core.async.publisher.Publishers;
import io.micronaut.data.connection.jdbc.advice.DelegatingDataSource;
import io.micronaut.health.HealthStatus;
import io.micronaut.management.health.indicator.HealthIndicator;
import io.micronaut.management.health.indicator.HealthResult;
import io.micronaut.management.health.indicator.annotation.Readiness;
import jakarta.annotation.PreDestroy;
import org.flywaydb.core.Flyway;
import org.reactivestreams.Publisher;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;

/**
 * The token database on {@code /health} and {@code /health/readiness} as component {@code database}:
 * UP while it answers, every bundled migration has run and the check's {@link ChangeFeed} is fresh (so
 * a node is never ready while its checks would refuse with 503), DOWN otherwise. A background probe asks the
 * database every {@link #PROBE_PAUSE} (each try bounded by the pool's connection timeout and
 * {@code isValid}); the indicator only reads its last result, so a health request never waits for an
 * unreachable database. A result older than {@link #STALE_AFTER} counts as DOWN: the probe itself hangs.
 * When a probe sees the database back after a failure it evicts the pool's connections, so requests get
 * fresh ones at once instead of waiting out the pool's reconnect backoff.
 */
@Context // probing from the start, so readiness is known before the first health request
@Readiness
@Requires(property = "endpoints.health.enabled", notEquals = "false")
public final class DatabaseHealthIndicator implements HealthIndicator {

    static final String NAME = "database";
    static final Duration PROBE_PAUSE = Duration.ofMillis(250);
    /** Readiness says UP only on a probe this recent: never on the strength of an older success. */
    static final Duration STALE_AFTER = Duration.ofSeconds(1);
    private static final int VALID_WITHIN_SECONDS = 1;

    private final DataSource dataSource;
    private final ChangeFeed feed;
    private final ScheduledExecutorService probe;
    private volatile Probe last = new Probe(false, "not probed yet", System.nanoTime());
    private volatile boolean migrated;

    /** One probe's answer; {@code at} is {@link System#nanoTime()}. */
    private record Probe(boolean up, String reason, long at) {
    }

    public DatabaseHealthIndicator(DataSource dataSource, ChangeFeed feed) {
        this.dataSource = DelegatingDataSource.unwrapDataSource(dataSource);
        this.feed = feed;
        this.probe = Daemons.singleThread("keyward-database-probe");
        // The first probe before the server takes requests, so readiness is right from the first answer.
        probeOnce();
        probe.scheduleWithFixedDelay(this::probeOnce, PROBE_PAUSE.toMillis(), PROBE_PAUSE.toMillis(), TimeUnit.MILLISECONDS);
    }

    @PreDestroy
    void stop() {
        probe.shutdownNow();
    }

    @Override
    public Publisher<HealthResult> getResult() {
        Probe seen = last;
        long age = System.nanoTime() - seen.at();
        boolean probed = seen.up() && age <= STALE_AFTER.toNanos();
        // Checks refuse what they cannot vouch for while the change feed is stale: not ready either.
        boolean up = probed && feed.isFresh();
        Map<String, Object> details = new LinkedHashMap<>();
        if (!up) {
            details.put("reason", reason(seen, age, probed));
        }
        details.put("checkedMillisAgo", Duration.ofNanos(age).toMillis());
        return Publishers.just(HealthResult.builder(NAME, up ? HealthStatus.UP : HealthStatus.DOWN).details(details).build());
    }

    /** Why the node is not ready: a failed probe says why itself; a successful one is too old; or the feed is stale. */
    private static String reason(Probe seen, long age, boolean probed) {
        if (probed) {
            return "the token change feed has not been read recently";
        }
        return seen.up() ? "the database has not answered for " + Duration.ofNanos(age).toMillis() + " ms" : seen.reason();
    }

    private void probeOnce() {
        try (Connection connection = dataSource.getConnection()) {
            if (!connection.isValid(VALID_WITHIN_SECONDS)) {
                last = new Probe(false, "the token database is unavailable: the connection did not answer", System.nanoTime());
                return;
            }
        } catch (SQLException | RuntimeException e) {
            last = new Probe(false, "the token database is unavailable: " + e.getMessage(), System.nanoTime());
            return;
        }
        if (!migrated) {
            // Migrations do not un-run: once none is pending, the probe only checks the connection.
            try {
                int pending = Flyway.configure().dataSource(dataSource).load().info().pending().length;
                migrated = pending == 0;
                if (!migrated) {
                    last = new Probe(false, pending + " database migrations have not run", System.nanoTime());
                    return;
                }
            } catch (RuntimeException e) {
                last = new Probe(false, "cannot read the migration history: " + e.getMessage(), System.nanoTime());
                return;
            }
        }
        if (!last.up()) {
            evictPooledConnections();
        }
        last = new Probe(true, null, System.nanoTime());
    }

    /** Connections pooled before an outage may be dead: replace them now rather than one failed request at a time. */
    private void evictPooledConnections() {
        try {
            if (dataSource.isWrapperFor(HikariDataSource.class)) {
                HikariPoolMXBean pool = dataSource.unwrap(HikariDataSource.class).getHikariPoolMXBean();
                if (pool != null) {
                    pool.softEvictConnections();
                }
            }
        } catch (SQLException | RuntimeException e) {
            // Only a faster recovery is lost.
        }
    }
}
