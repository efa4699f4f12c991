package dev.keyward.domain.reuse;

import dev.keyward.domain.check.ReuseDetection;
import dev.keyward.domain.check.ValueMatch;
import dev.keyward.domain.error.ConcurrentChangeException;
import dev.keyward.domain.lifecycle.RetiredValueMemory;
import dev.keyward.domain.lifecycle.TokenStore;
import dev.keyward.domain.network.IpAddress;
import dev.keyward.domain.token.Actor;
import dev.keyward.domain.token.ActorType;
import dev.keyward.domain.token.ApiToken;
import dev.keyward.domain.token.Origin;
import dev.keyward.domain.token.TokenId;
import dev.keyward.domain.token.TokenReused;
import dev.keyward.domain.token.Tokens;
import dev.keyward.domain.token.Transactions;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Executor;

/**
 * Reuse detection: a value rotated away and presented again (while the installation still remembers
 * it) is refused like any unknown value by the check, and reported here as one {@link TokenReused}
 * event, at most once per token per {@link #REPORT_INTERVAL} across all nodes ({@link ReuseReports}),
 * in a transaction of its own run by {@code reporter}, so the refused request never waits for it. With
 * {@code delete} the same transaction deletes the token (the event then stands for the deletion). A
 * token deleted meanwhile is not reported: its values all died with it.
 * <p>
 * A node-local memory of the last report per token keeps a value replayed in a loop from costing a
 * write each time; it is bounded by {@link #MAX_TRACKED} tokens.
 */
public final class ReuseDetector implements ReuseDetection {

    /** The actor of reuse events: Keyward's reuse detection; the event's client address is the reuser's. */
    public static final Actor REUSE_DETECTION = new Actor("reuse-detection", ActorType.SYSTEM);

    static final Duration REPORT_INTERVAL = Duration.ofMinutes(1);
    static final int MAX_TRACKED = 10_000;

    private static final System.Logger LOG = System.getLogger(ReuseDetector.class.getName());

    private final Tokens tokens;
    private final TokenStore store;
    private final ReuseReports reports;
    private final Transactions transactions;
    private final RetiredValueMemory memory;
    private final Executor reporter;
    private final boolean delete;
    private final Map<TokenId, Instant> lastReported = new LinkedHashMap<>(16, 0.75f, false) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<TokenId, Instant> eldest) {
            return size() > MAX_TRACKED;
        }
    };

    /**
     * @param memory   how long retired values are remembered: an older one is not reuse any more
     * @param reporter runs the report's transaction off the request's path
     * @param delete   whether a reuse also deletes the token ({@code keyward.tokens.revoke-on-reuse})
     */
    public ReuseDetector(Tokens tokens, TokenStore store, ReuseReports reports, Transactions transactions,
                         RetiredValueMemory memory, Executor reporter, boolean delete) {
        this.tokens = Objects.requireNonNull(tokens, "tokens");
        this.store = Objects.requireNonNull(store, "store");
        this.reports = Objects.requireNonNull(reports, "reports");
        this.transactions = Objects.requireNonNull(transactions, "transactions");
        this.memory = Objects.requireNonNull(memory, "memory");
        this.reporter = Objects.requireNonNull(reporter, "reporter");
        this.delete = delete;
    }

    /** The retired value {@code retired} was presented from {@code from} at {@code now}. Never throws. */
    @Override
    public void presented(ValueMatch.Retired retired, IpAddress from, Instant now) {
        if (!memory.remembers(retired.retiredAt(), now) || !firstInInterval(retired.tokenId(), now)) {
            return;
        }
        try {
            reporter.execute(() -> {
                try {
                    transactions.inWrite(() -> report(retired, from, now));
                } catch (ConcurrentChangeException e) {
                    // Another node is reporting or changing the same token right now: its report stands.
                    LOG.log(System.Logger.Level.DEBUG, "reuse of token " + retired.tokenId() + " not reported here: " + e.getMessage());
                } catch (RuntimeException e) {
                    LOG.log(System.Logger.Level.WARNING, "could not report the reuse of token " + retired.tokenId() + ": " + e);
                }
            });
        } catch (RuntimeException e) {
            // A full or stopped reporter: the report is lost, the refusal stands regardless.
            LOG.log(System.Logger.Level.WARNING, "reuse report of token " + retired.tokenId() + " dropped: " + e);
        }
    }

    private synchronized boolean firstInInterval(TokenId token, Instant now) {
        Instant last = lastReported.get(token);
        if (last != null && now.isBefore(last.plus(REPORT_INTERVAL))) {
            return false;
        }
        lastReported.put(token, now);
        return true;
    }

    private Void report(ValueMatch.Retired retired, IpAddress from, Instant now) {
        Optional<ApiToken> found = tokens.findById(retired.tokenId());
        if (found.isEmpty() || !reports.claim(retired.tokenId(), now, REPORT_INTERVAL)) {
            return null;
        }
        ApiToken token = found.get();
        Origin origin = new Origin(REUSE_DETECTION, from, now);
        if (delete) {
            store.deleted(token, token.deleteAsReused(retired.retiredAt(), origin));
        } else {
            store.noted(new TokenReused(token.view(), origin, retired.retiredAt(), false));
        }
        return null;
    }
}
