package dev.keyward.adapter.events;

import dev.keyward.domain.audit.AuditBacklogStatus;
import dev.keyward.domain.audit.AuditRelaying;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;

import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The audit backlog as last read, for callers that must never wait for the database: {@code /health}
 * and the metrics gauges. Asking for it starts a fresh read in the background when the last one is
 * older than {@link #FRESH_FOR} and returns at once with what is known; nobody asking costs nothing.
 */
@Singleton
public final class AuditBacklogMonitor {

    static final Duration FRESH_FOR = Duration.ofSeconds(1);

    /**
     * A reading of the backlog.
     *
     * @param status  the backlog, or null when it could not be read (see {@code failure}) or not yet
     * @param failure why the last read failed, or null
     * @param readAt  {@link System#nanoTime()} of the read
     */
    public record Sample(AuditBacklogStatus status, String failure, long readAt) {
    }

    private final AuditRelaying relay;
    private final ExecutorService reader = Executors.newSingleThreadExecutor(runnable -> {
        Thread thread = new Thread(runnable, "keyward-audit-backlog-monitor");
        thread.setDaemon(true);
        return thread;
    });
    private final AtomicBoolean reading = new AtomicBoolean();
    private volatile Sample last = new Sample(null, "not read yet", System.nanoTime() - FRESH_FOR.toNanos() - 1);

    public AuditBacklogMonitor(AuditRelaying relay) {
        this.relay = relay;
    }

    /** The last reading, starting a new one in the background if it is stale. */
    public Sample latest() {
        Sample seen = last;
        if (System.nanoTime() - seen.readAt() > FRESH_FOR.toNanos() && reading.compareAndSet(false, true)) {
            try {
                reader.execute(this::read);
            } catch (RuntimeException rejected) {
                reading.set(false);
            }
        }
        return seen;
    }

    private void read() {
        try {
            last = new Sample(relay.status(), null, System.nanoTime());
        } catch (RuntimeException e) {
            last = new Sample(null, e.getMessage(), System.nanoTime());
        } finally {
            reading.set(false);
        }
    }

    @PreDestroy
    void stop() {
        reader.shutdownNow();
    }
}
