package dev.keyward.domain.audit;

import java.time.Duration;

/**
 * What a scheduler or a monitor may ask of the audit outbox relay (store-and-forward: token changes
 * store their events, this forwards them). Implemented by {@link AuditRelay}.
 */
public interface AuditRelaying {

    /** The most events one {@link #relayOnce() pass} claims. */
    int batchSize();

    /** One claim-publish-mark round in one transaction. */
    Pass relayOnce();

    /** Deletes events delivered longer than {@code retention} ago, a batch per transaction; returns how many. */
    int pruneDelivered(Duration retention);

    /** How far publishing lags, read without locking anything. */
    AuditBacklogStatus status();

    /**
     * What one pass did.
     *
     * @param claimed      events locked by this pass
     * @param heldBack     claimed events left for later, to keep a token's order
     * @param published    events handed to the publisher
     * @param acknowledged events the destination acknowledged and that are now marked sent
     * @param failure      why publishing failed, or null
     */
    public record Pass(int claimed, int heldBack, int published, int acknowledged, String failure) {

        /** Whether something was published but not all of it was acknowledged. */
        public boolean failed() {
            return failure != null || acknowledged < published;
        }
    }
}
