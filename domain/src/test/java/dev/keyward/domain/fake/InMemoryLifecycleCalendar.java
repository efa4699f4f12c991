package dev.keyward.domain.fake;

import dev.keyward.domain.error.ConcurrentChangeException;
import dev.keyward.domain.lifecycle.LifecycleCalendar;
import dev.keyward.domain.token.TokenId;

import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** {@link LifecycleCalendar} in a map, for domain tests; claims hold nothing (tests are single-threaded). */
public final class InMemoryLifecycleCalendar implements LifecycleCalendar {

    private final Map<TokenId, Instant> next = new ConcurrentHashMap<>();

    @Override
    public void schedule(TokenId token, Instant at) {
        if (at == null) {
            next.remove(token);
        } else {
            next.put(token, at);
        }
    }

    @Override
    public void unschedule(TokenId token) {
        next.remove(token);
    }

    @Override
    public List<Due> claimDue(Instant now, int limit) {
        return next.entrySet().stream().filter(e -> !e.getValue().isAfter(now))
                .map(e -> new Due(e.getKey(), e.getValue()))
                .sorted(Comparator.comparing(Due::at)).limit(limit).toList();
    }

    @Override
    public void advance(Due due, Instant to) {
        if (!due.at().equals(next.get(due.token()))) {
            throw new ConcurrentChangeException("calendar entry of " + due.token() + " moved meanwhile");
        }
        schedule(due.token(), to);
    }

    public Optional<Instant> nextOf(TokenId token) {
        return Optional.ofNullable(next.get(token));
    }
}
