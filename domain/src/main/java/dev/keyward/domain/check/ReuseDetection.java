package dev.keyward.domain.check;

import dev.keyward.domain.network.IpAddress;

import java.time.Instant;

/**
 * Told of every retired value the check refuses (out-port of the check, implemented by
 * {@code dev.keyward.domain.reuse.ReuseDetector}): a value rotated away and presented again. Must never
 * throw or block the check. {@link #NONE} ignores them.
 */
public interface ReuseDetection {

    ReuseDetection NONE = (retired, from, at) -> {
    };

    /** {@code retired} was presented from {@code from} (null: unknown) at {@code at}. */
    void presented(ValueMatch.Retired retired, IpAddress from, Instant at);
}
