package dev.keyward.app;

import dev.keyward.adapter.persistence.Daemons;
import io.micronaut.context.annotation.Context;
import io.micronaut.core.async.publisher.Publishers;
import io.micronaut.health.HealthStatus;
import io.micronaut.management.health.indicator.HealthIndicator;
import io.micronaut.management.health.indicator.HealthResult;
import io.micronaut.management.health.indicator.annotation.Liveness;
import jakarta.annotation.PreDestroy;
import org.reactivestreams.Publisher;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Liveness, answered from memory: DOWN once threads are deadlocked. Micronaut's own indicator runs the
 * JVM's deadlock scan (a stop-the-world pause) on every probe, so under load the probe itself was slow
 * and a busy node looked dead; here a daemon scans every {@link #SCAN_EVERY} and the probe reads the
 * last answer.
 */
@Context
@Liveness
final class DeadlockWatch implements HealthIndicator {

    static final Duration SCAN_EVERY = Duration.ofSeconds(10);
    private static final String NAME = "deadlockedThreads";

    private final ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    private final ScheduledExecutorService scanner = Daemons.singleThread("keyward-deadlock-watch");
    private volatile List<String> deadlocked = List.of();

    DeadlockWatch() {
        scanner.scheduleWithFixedDelay(this::scan, 0, SCAN_EVERY.toMillis(), TimeUnit.MILLISECONDS);
    }

    private void scan() {
        long[] ids = threads.findDeadlockedThreads();
        deadlocked = ids == null ? List.of()
                : Arrays.stream(threads.getThreadInfo(ids)).filter(java.util.Objects::nonNull).map(ThreadInfo::getThreadName).toList();
    }

    @Override
    public Publisher<HealthResult> getResult() {
        List<String> seen = deadlocked;
        return Publishers.just(seen.isEmpty() ? HealthResult.builder(NAME, HealthStatus.UP).build()
                : HealthResult.builder(NAME, HealthStatus.DOWN).details(Map.of("threads", seen)).build());
    }

    @PreDestroy
    void stop() {
        scanner.shutdownNow();
    }
}
