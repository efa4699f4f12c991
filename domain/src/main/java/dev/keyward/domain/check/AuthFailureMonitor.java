package dev.keyward.domain.check;

import dev.keyward.domain.network.IpAddress;
import dev.keyward.domain.token.AuditOutbox;
import dev.keyward.domain.token.AuthFailuresObserved;
import dev.keyward.domain.token.TokenId;
import dev.keyward.domain.token.Transactions;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.Executor;

/**
 * Counts failed checks per client address (and per asking token, see {@link #failed}) in fixed windows (a window opens with an address's first
 * failure and lasts {@code window}). The first failure beyond {@code threshold} in a window appends one
 * {@link AuthFailuresObserved} to the audit outbox, in a transaction of its own, handed to
 * {@code reporter} so the failing request never waits for it; later failures in that window report
 * nothing more. It never refuses or slows a check, sees only addresses, never keys.
 * <p>
 * Memory is bounded by {@code maxAddresses}: beyond it the address whose window began first is
 * forgotten (under a flood of that many distinct addresses, such an address may be reported again).
 */
public final class AuthFailureMonitor {

    private static final System.Logger LOG = System.getLogger(AuthFailureMonitor.class.getName());

    /** The failures of null (unknown) addresses are counted together under this key. */
    private static final Object UNKNOWN = new Object();

    private final AuditOutbox outbox;
    private final Transactions transactions;
    private final Executor reporter;
    private final int threshold;
    private final Duration window;
    private final Map<Object, Window> windows;

    /**
     * The monitor's limits ({@code keyward.security.auth-failures}).
     *
     * @param threshold    failures an address may have in one window without being reported
     * @param window       how long a window lasts
     * @param maxAddresses how many addresses are tracked at most
     */
    public record Limits(int threshold, Duration window, int maxAddresses) {
        public Limits {
            if (threshold < 1) {
                throw new IllegalArgumentException("the auth-failure threshold must be at least 1, was " + threshold);
            }
            if (window.isNegative() || window.isZero()) {
                throw new IllegalArgumentException("the auth-failure window must be positive, was " + window);
            }
            if (maxAddresses < 1) {
                throw new IllegalArgumentException("at least one address must be tracked, not " + maxAddresses);
            }
        }
    }

    /** @param reporter runs the outbox append off the request's path */
    public AuthFailureMonitor(AuditOutbox outbox, Transactions transactions, Executor reporter, Limits limits) {
        this.outbox = Objects.requireNonNull(outbox, "outbox");
        this.transactions = Objects.requireNonNull(transactions, "transactions");
        this.reporter = Objects.requireNonNull(reporter, "reporter");
        this.threshold = limits.threshold();
        this.window = limits.window();
        int maxAddresses = limits.maxAddresses();
        // Insertion order: a new window re-inserts its address, so the eldest entry is the oldest window.
        this.windows = new LinkedHashMap<>(16, 0.75f, false) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<Object, Window> eldest) {
                return size() > maxAddresses;
            }
        };
    }

    /**
     * Counts one failed check from {@code address} (null: unknown) at {@code now}; with {@code askedBy}
     * (a token asking a door about someone else's key) also against that token, in a window of its own,
     * so one token guessing from many addresses is seen too.
     */
    public void failed(IpAddress address, TokenId askedBy, Instant now) {
        AuthFailuresObserved byAddress = count(address == null ? UNKNOWN : address, address, askedBy, now);
        if (byAddress != null) {
            report(byAddress);
        }
        if (askedBy != null) {
            AuthFailuresObserved byToken = count(askedBy, address, askedBy, now);
            if (byToken != null && byAddress == null) {
                report(byToken);
            }
        }
    }

    /** How many addresses are tracked now, for tests and metrics. */
    public synchronized int trackedAddresses() {
        return windows.size();
    }

    private synchronized AuthFailuresObserved count(Object key, IpAddress address, TokenId askedBy, Instant now) {
        Window current = windows.get(key);
        if (current == null || !now.isBefore(current.end)) {
            windows.remove(key);
            current = new Window(now, now.plus(window));
            windows.put(key, current);
        }
        current.failures++;
        if (current.failures > threshold && !current.reported) {
            current.reported = true;
            return new AuthFailuresObserved(address, askedBy, current.failures, current.start, current.end, now);
        }
        return null;
    }

    private void report(AuthFailuresObserved observed) {
        try {
            reporter.execute(() -> {
                try {
                    transactions.inWrite(() -> {
                        outbox.append(observed);
                        return null;
                    });
                } catch (RuntimeException e) {
                    LOG.log(System.Logger.Level.WARNING, "could not store the auth-failures observation for "
                            + observed.clientAddress() + ": " + e);
                }
            });
        } catch (RuntimeException e) {
            // A full or stopped reporter: the observation is lost, the check goes on regardless.
            LOG.log(System.Logger.Level.WARNING, "auth-failures observation for " + observed.clientAddress() + " dropped: " + e);
        }
    }

    private static final class Window {
        private final Instant start;
        private final Instant end;
        private int failures;
        private boolean reported;

        private Window(Instant start, Instant end) {
            this.start = start;
            this.end = end;
        }
    }
}
