package dev.keyward.app;

import dev.keyward.domain.check.CheckCode;
import dev.keyward.domain.check.CheckObserver;
import dev.keyward.domain.check.Door;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micronaut.context.annotation.Context;

import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The check's {@link CheckObserver} as Micrometer meters: {@code keyward_checks_total{door,result}},
 * {@code keyward_check_duration_seconds} (a histogram per door) and {@code keyward_tokens_last_used_flush_uses}
 * (a summary of write-back sizes). Labels are the door and the outcome only: never a key, hash or token id.
 * Every meter is made up front, so the hot path only looks one up in an enum map.
 */
@Context // every meter exists, at zero, from the first scrape
final class MicrometerCheckObserver implements CheckObserver {

    private final Map<Door, Map<CheckCode, Counter>> checks = new EnumMap<>(Door.class);
    private final Map<Door, Timer> durations = new EnumMap<>(Door.class);
    private final DistributionSummary flushes;

    MicrometerCheckObserver(MeterRegistry registry) {
        for (Door door : Door.values()) {
            Map<CheckCode, Counter> byCode = new EnumMap<>(CheckCode.class);
            for (CheckCode code : CheckCode.values()) {
                byCode.put(code, Counter.builder("keyward.checks").description("Key checks, by door and outcome")
                        .tag("door", door.wireName()).tag("result", code.name().toLowerCase(Locale.ROOT)).register(registry));
            }
            checks.put(door, byCode);
            durations.put(door, Timer.builder("keyward.check.duration").description("Time to answer a key check")
                    .tag("door", door.wireName()).publishPercentileHistogram().register(registry));
        }
        flushes = DistributionSummary.builder("keyward.tokens.last.used.flush").baseUnit("uses")
                .description("Token uses stored per lastUsedAt write-back").register(registry);
    }

    @Override
    public void observed(Door door, CheckCode code, long nanos) {
        checks.get(door).get(code).increment();
        durations.get(door).record(nanos, TimeUnit.NANOSECONDS);
    }

    @Override
    public void usesFlushed(int uses) {
        flushes.record(uses);
    }
}
