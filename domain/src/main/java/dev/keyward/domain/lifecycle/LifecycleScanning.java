package dev.keyward.domain.lifecycle;

/**
 * Announces the lifecycle occasions that have come due (expiry warnings, expiries, rotations due) as
 * audit events, each once however many nodes scan. Driven by a timer on every node.
 */
public interface LifecycleScanning {

    /** Handles every occasion due now; returns the number of events appended to the outbox. */
    int scanOnce();
}
