package dev.keyward.app;

import dev.keyward.adapter.persistence.Daemons;
import io.micronaut.context.annotation.Context;
import io.micronaut.context.annotation.Replaces;
import io.micronaut.context.annotation.Requires;
import io.micronaut.core.async.publisher.Publishers;
import io.micronaut.health.HealthStatus;
import io.micronaut.management.endpoint.health.HealthEndpoint;
import io.micronaut.management.health.indicator.HealthIndicator;
import io.micronaut.management.health.indicator.HealthResult;
import io.micronaut.management.health.indicator.diskspace.DiskSpaceIndicator;
import io.micronaut.management.health.indicator.diskspace.DiskSpaceIndicatorConfiguration;
import jakarta.annotation.PreDestroy;
import org.reactivestreams.Publisher;

import java.io.File;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Free disk space on {@code /health} and {@code /health/readiness} as component {@code diskSpace}, answered
 * from memory: the same path, threshold, status and details as Micronaut's own indicator, which it
 * replaces. That one hands every probe to the blocking pool (a thread hop per request, the most of what
 * made readiness dearer than a refusal); here a daemon reads the free space every {@link #SAMPLE_EVERY}.
 */
@Context
@Replaces(DiskSpaceIndicator.class)
@Requires(beans = HealthEndpoint.class)
@Requires(property = HealthEndpoint.PREFIX + ".disk-space.enabled", notEquals = "false")
final class DiskSpaceWatch implements HealthIndicator {

    static final Duration SAMPLE_EVERY = Duration.ofSeconds(1);
    private static final String NAME = "diskSpace";

    private final File path;
    private final long threshold;
    private final ScheduledExecutorService sampler = Daemons.singleThread("keyward-disk-space-watch");
    private volatile HealthResult last;

    DiskSpaceWatch(DiskSpaceIndicatorConfiguration configuration) {
        this.path = configuration.getPath();
        this.threshold = configuration.getThreshold();
        sample(); // known before the first probe
        sampler.scheduleWithFixedDelay(this::sample, SAMPLE_EVERY.toMillis(), SAMPLE_EVERY.toMillis(), TimeUnit.MILLISECONDS);
    }

    @Override
    public Publisher<HealthResult> getResult() {
        return Publishers.just(last);
    }

    /** Micronaut's DiskSpaceIndicator, word for word, including DOWN with the exception when the space cannot be read. */
    private void sample() {
        HealthResult.Builder result = HealthResult.builder(NAME);
        try {
            long free = path.getUsableSpace();
            Map<String, Object> details = new LinkedHashMap<>(3);
            if (free >= threshold) {
                details.put("total", path.getTotalSpace());
                details.put("free", free);
                details.put("threshold", threshold);
                result.details(details).status(HealthStatus.UP);
            } else {
                details.put("error", "Free disk space below threshold. Available: %d bytes (threshold: %d bytes)".formatted(free, threshold));
                result.details(details).status(HealthStatus.DOWN);
            }
        } catch (RuntimeException e) {
            result.status(HealthStatus.DOWN).exception(e);
        }
        last = result.build();
    }

    @PreDestroy
    void stop() {
        sampler.shutdownNow();
    }
}
