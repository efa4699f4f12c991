package dev.keyward.app;

import dev.keyward.adapter.events.AuditBacklogMonitor;
import dev.keyward.adapter.persistence.check.CachingCheckedTokens;
import dev.keyward.domain.audit.AuditBacklogStatus;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micronaut.context.annotation.Context;

import java.time.Clock;

/**
 * The gauges read from Keyward's parts at scrape time, none of which waits for the database:
 * {@code keyward_outbox_backlog} and {@code keyward_outbox_oldest_age_seconds} from
 * {@link AuditBacklogMonitor} (NaN while the backlog cannot be read), and the check cache's
 * {@code keyward_check_cache_size}, {@code keyward_check_cache_hit_ratio} (since start) with the
 * counters it comes from, {@code keyward_check_cache_lookups_total} and {@code keyward_check_database_reads_total}.
 */
@Context
final class KeywardGauges {

    KeywardGauges(MeterRegistry registry, AuditBacklogMonitor monitor, CachingCheckedTokens checks, Clock clock) {
        Gauge.builder("keyward.outbox.backlog", monitor, m -> unsent(m.latest().status()))
                .description("Audit events not yet published").register(registry);
        Gauge.builder("keyward.outbox.oldest.age", monitor, m -> oldestAgeSeconds(m.latest().status(), clock))
                .baseUnit("seconds").description("How long the oldest unpublished audit event has waited").register(registry);
        Gauge.builder("keyward.check.cache.size", checks, CachingCheckedTokens::cachedEntries)
                .description("Tokens and unknown hashes in this node's check cache").register(registry);
        Gauge.builder("keyward.check.cache.hit.ratio", checks, KeywardGauges::hitRatio)
                .description("Share of checks answered from the cache since start").register(registry);
        FunctionCounter.builder("keyward.check.cache.lookups", checks, CachingCheckedTokens::lookups)
                .description("Checks that asked the cache").register(registry);
        FunctionCounter.builder("keyward.check.database.reads", checks, CachingCheckedTokens::databaseReads)
                .description("Checks that read the token database (misses, or the feed too stale to trust the cache)").register(registry);
    }

    private static double unsent(AuditBacklogStatus status) {
        return status == null ? Double.NaN : status.unsent();
    }

    private static double oldestAgeSeconds(AuditBacklogStatus status, Clock clock) {
        return status == null ? Double.NaN : status.oldestUnsentAge(clock.instant()).toMillis() / 1000.0;
    }

    private static double hitRatio(CachingCheckedTokens checks) {
        long lookups = checks.lookups();
        return lookups == 0 ? Double.NaN : Math.max(0, lookups - checks.databaseReads()) / (double) lookups;
    }
}
