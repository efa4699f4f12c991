package dev.keyward.adapter.events;

import dev.keyward.domain.audit.AuditOutboxCommits;
import dev.keyward.domain.audit.AuditRelaying;
import io.micronaut.context.annotation.Requires;
import io.micronaut.context.event.StartupEvent;
import io.micronaut.runtime.event.annotation.EventListener;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Runs the {@link AuditRelaying relay} on a background thread of its own, so no request ever waits for the
 * broker: passes back to back while the outbox holds a full batch, every poll interval when it is idle,
 * with exponential backoff up to a ceiling while publishing fails; prunes delivered events now and then.
 * Off with {@code keyward.events.relay.enabled=false}.
 */
@Singleton
@Requires(property = "keyward.events.relay.enabled", notEquals = "false")
public final class AuditRelayLoop implements AuditOutboxCommits {

    private static final Logger LOG = LoggerFactory.getLogger(AuditRelayLoop.class);

    private final AuditRelaying relay;
    private final Duration pollInterval;
    private final Duration maxBackoff;
    private final Duration retention;
    private final Duration pruneInterval;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition wake = lock.newCondition();
    private volatile boolean running;
    /** Set when events committed on this node since the last pass: an idle wait ends at once. */
    private boolean nudged;
    private Thread thread;
    private long nextPruneAt;

    public AuditRelayLoop(AuditRelaying relay, EventsSettings settings) {
        this.relay = relay;
        this.pollInterval = settings.pollInterval();
        this.maxBackoff = settings.maxBackoff();
        this.retention = settings.retention();
        this.pruneInterval = settings.pruneInterval();
    }

    /** Events committed on this node: publish them now rather than at the next poll (not during a backoff). */
    @Override
    public void committed() {
        lock.lock();
        try {
            nudged = true;
            wake.signalAll();
        } finally {
            lock.unlock();
        }
    }

    @EventListener
    void onStartup(StartupEvent event) {
        start();
    }

    public synchronized void start() {
        if (running) {
            return;
        }
        running = true;
        nextPruneAt = System.nanoTime();
        thread = new Thread(this::run, "keyward-audit-relay");
        thread.setDaemon(true);
        thread.start();
    }

    @PreDestroy
    public synchronized void stop() {
        if (!running) {
            return;
        }
        running = false;
        lock.lock();
        try {
            wake.signalAll();
        } finally {
            lock.unlock();
        }
        try {
            // a pass in progress finishes (bounded by the publisher's acknowledgement timeout)
            thread.join(Duration.ofSeconds(30).toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void run() {
        int failures = 0;
        while (running) {
            Duration pause;
            try {
                pruneWhenDue();
                AuditRelaying.Pass pass = relay.relayOnce();
                if (pass.failed()) {
                    failures++;
                    pause = backoff(failures);
                    if (failures == 1 || failures % 20 == 0) {
                        LOG.warn("audit events not delivered ({} failed passes in a row, retrying in {}): {} of {} acknowledged{}",
                                failures, pause, pass.acknowledged(), pass.published(),
                                pass.failure() == null ? "" : ", " + pass.failure());
                    }
                } else {
                    if (failures > 0) {
                        LOG.info("audit events flow again after {} failed passes", failures);
                    }
                    failures = 0;
                    boolean moreWaiting = pass.acknowledged() > 0 && pass.claimed() >= relay.batchSize();
                    pause = moreWaiting ? Duration.ZERO : pollInterval;
                }
            } catch (RuntimeException e) {
                failures++;
                pause = backoff(failures);
                if (failures == 1 || failures % 20 == 0) {
                    LOG.warn("audit relay pass failed ({} in a row, retrying in {})", failures, pause, e);
                }
            }
            sleep(pause, failures == 0);
        }
    }

    private void pruneWhenDue() {
        if (System.nanoTime() - nextPruneAt < 0) {
            return;
        }
        nextPruneAt = System.nanoTime() + pruneInterval.toNanos();
        int pruned = relay.pruneDelivered(retention);
        if (pruned > 0) {
            LOG.info("pruned {} audit events delivered more than {} ago", pruned, retention);
        }
    }

    /** 200 ms doubling per failed pass, up to {@code maxBackoff}. */
    Duration backoff(int failures) {
        long millis = 200L << Math.min(failures - 1, 20);
        return Duration.ofMillis(Math.min(millis, maxBackoff.toMillis()));
    }

    /** Waits {@code pause}; an idle wait (not a backoff) ends early when events commit on this node. */
    private void sleep(Duration pause, boolean idle) {
        lock.lock();
        try {
            long left = pause.toNanos();
            while (running && left > 0 && !(idle && nudged)) {
                left = wake.awaitNanos(left);
            }
            nudged = false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            running = false;
        } finally {
            lock.unlock();
        }
    }
}
