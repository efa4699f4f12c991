package dev.keyward.domain.service;

import dev.keyward.domain.check.ValueMatch;
import dev.keyward.domain.error.ConcurrentChangeException;
import dev.keyward.domain.event.TokenReused;
import dev.keyward.domain.network.IpAddress;
import dev.keyward.domain.port.out.AuditOutbox;
import dev.keyward.domain.port.out.ReuseReports;
import dev.keyward.domain.port.out.Tokens;
import dev.keyward.domain.port.out.Transactions;
import dev.keyward.domain.token.Actor;
import dev.keyward.domain.token.ActorType;
import dev.keyward.domain.token.ApiToken;
import dev.keyward.domain.token.Origin;
import dev.keyward.domain.token.TokenId;

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
 * {@code revoke} the same transaction deletes the token (the event then stands for the deletion). A
 * token deleted meanwhile is not reported: its values all died with it.
 * <p>
 * A node-local memory of the last report per token keeps a value replayed in a loop from costing a
 * write each time; it is bounded by {@link #MAX_TRACKED} tokens.
 */
public final class ReuseDetector {

    /** The actor of reuse events: Keyward's reuse detection; the event's client address is the reuser's. */
    public static final Actor REUSE_DETECTION = new Actor("reuse-detection", ActorType.SYSTEM);

    static final Duration REPORT_INTERVAL = Duration.ofMinutes(1);
    static final int MAX_TRACKED = 10_000;

    private static final System.Logger LOG = System.getLogger(ReuseDetector.class.getName());

    private final Tokens tokens;
    private final ReuseReports reports;
    private final AuditOutbox outbox;
    private final Transactions transactions;
    private final TokenLifecycle lifecycle;
    private final Executor reporter;
    private final boolean revoke;
    private final Map<TokenId, Instant> lastReported = new LinkedHashMap<>(16, 0.75f, false) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<TokenId, Instant> eldest) {
            return size() > MAX_TRACKED;
        }
    };

    /**
     * @param lifecycle how long retired values are remembered, and what a revoked token owes its calendar
     * @param reporter  runs the report's transaction off the request's path
     * @param revoke    whether a reuse also deletes the token ({@code keyward.tokens.revoke-on-reuse})
     */
    public ReuseDetector(Tokens tokens, ReuseReports reports, AuditOutbox outbox, Transactions transactions,
                         TokenLifecycle lifecycle, Executor reporter, boolean revoke) {
        this.tokens = Objects.requireNonNull(tokens, "tokens");
        this.reports = Objects.requireNonNull(reports, "reports");
        this.outbox = Objects.requireNonNull(outbox, "outbox");
        this.transactions = Objects.requireNonNull(transactions, "transactions");
        this.lifecycle = Objects.requireNonNull(lifecycle, "lifecycle");
        this.reporter = Objects.requireNonNull(reporter, "reporter");
        this.revoke = revoke;
    }

    private ReuseDetector() {
        this.tokens = null;
        this.reports = null;
        this.outbox = null;
        this.transactions = null;
        this.lifecycle = null;
        this.reporter = null;
        this.revoke = false;
    }

    /** Detects nothing: for wirings (tests of other rules) without reuse detection. */
    public static ReuseDetector off() {
        return new ReuseDetector();
    }

    /** The retired value {@code retired} was presented from {@code from} at {@code now}. Never throws. */
    public void presented(ValueMatch.Retired retired, IpAddress from, Instant now) {
        if (tokens == null || !lifecycle.remembers(retired.retiredAt(), now) || !firstInInterval(retired.tokenId(), now)) {
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
        if (revoke) {
            TokenReused event = token.deleteAsReused(retired.retiredAt(), origin);
            tokens.remove(token);
            lifecycle.ended(token.id());
            outbox.append(event);
        } else {
            outbox.append(new TokenReused(token.view(), origin, retired.retiredAt(), false));
        }
        return null;
    }
}
