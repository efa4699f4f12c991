package dev.keyward.app;

import dev.keyward.domain.lifecycle.LifecycleScanning;
import io.micronaut.context.annotation.Context;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.TaskScheduler;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Named;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.concurrent.ScheduledFuture;

/**
 * Runs the lifecycle scan on every node every {@code keyward.tokens.lifecycle-scan-interval}. The scan
 * itself makes sure each occasion is announced once, so no node needs to be elected; a failed scan
 * (the database away) is logged and simply tried again next time.
 */
@Context
final class LifecycleScanLoop {

    private static final Logger LOG = LoggerFactory.getLogger(LifecycleScanLoop.class);

    private final LifecycleScanning scanning;
    private final ScheduledFuture<?> schedule;

    LifecycleScanLoop(LifecycleScanning scanning, LifecycleSettings settings, @Named(TaskExecutors.SCHEDULED) TaskScheduler scheduler) {
        this.scanning = scanning;
        this.schedule = scheduler.scheduleWithFixedDelay(settings.lifecycleScanInterval(), settings.lifecycleScanInterval(), this::scan);
    }

    private void scan() {
        try {
            int events = scanning.scanOnce();
            if (events > 0) {
                LOG.info("lifecycle scan announced {} occasion(s)", events);
            }
        } catch (RuntimeException e) {
            LOG.warn("lifecycle scan failed, will try again: {}", e.toString());
        }
    }

    @PreDestroy
    void stop() {
        schedule.cancel(false);
    }
}
