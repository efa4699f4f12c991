package dev.keyward.domain.fake;

import dev.keyward.domain.reuse.ReuseReports;
import dev.keyward.domain.token.TokenId;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

/** {@link ReuseReports} in a map. */
public final class InMemoryReuseReports implements ReuseReports {

    private final Map<TokenId, Instant> reported = new HashMap<>();

    @Override
    public synchronized boolean claim(TokenId token, Instant now, Duration interval) {
        Instant last = reported.get(token);
        if (last != null && now.isBefore(last.plus(interval))) {
            return false;
        }
        reported.put(token, now);
        return true;
    }
}
