package dev.keyward.app;

import dev.keyward.domain.audit.AuditBacklogStatus;
import dev.keyward.domain.audit.AuditRelaying;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

import java.time.Duration;

/**
 * The relay with its outcomes counted: {@code keyward_relay_events_total{outcome=acknowledged|unacknowledged}}
 * (events the destination took, or did not, in passes that published) and
 * {@code keyward_relay_passes_total{outcome=ok|failed}} (a pass fails when publishing failed or the
 * pass itself could not run, e.g. with the database out of reach).
 */
final class MeteredAuditRelaying implements AuditRelaying {

    private final AuditRelaying relay;
    private final Counter acknowledged;
    private final Counter unacknowledged;
    private final Counter ok;
    private final Counter failed;

    MeteredAuditRelaying(AuditRelaying relay, MeterRegistry registry) {
        this.relay = relay;
        this.acknowledged = events(registry, "acknowledged");
        this.unacknowledged = events(registry, "unacknowledged");
        this.ok = passes(registry, "ok");
        this.failed = passes(registry, "failed");
    }

    private static Counter events(MeterRegistry registry, String outcome) {
        return Counter.builder("keyward.relay.events").description("Audit events published, by whether they were acknowledged")
                .tag("outcome", outcome).register(registry);
    }

    private static Counter passes(MeterRegistry registry, String outcome) {
        return Counter.builder("keyward.relay.passes").description("Audit relay passes, by outcome")
                .tag("outcome", outcome).register(registry);
    }

    @Override
    public int batchSize() {
        return relay.batchSize();
    }

    @Override
    public Pass relayOnce() {
        Pass pass;
        try {
            pass = relay.relayOnce();
        } catch (RuntimeException e) {
            failed.increment();
            throw e;
        }
        acknowledged.increment(pass.acknowledged());
        unacknowledged.increment(pass.published() - pass.acknowledged());
        (pass.failed() ? failed : ok).increment();
        return pass;
    }

    @Override
    public int pruneDelivered(Duration retention) {
        return relay.pruneDelivered(retention);
    }

    @Override
    public AuditBacklogStatus status() {
        return relay.status();
    }
}
