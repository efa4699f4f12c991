package dev.keyward.domain.error;

/**
 * The presented key does not identify a live token usable from the caller's address. The message is
 * deliberately the same for every cause so a stranger learns nothing about which tokens exist.
 */
public final class UnauthenticatedException extends DomainException {
    public static final String MESSAGE = "missing or invalid API key: send a live Keyward token in the X-API-Key header or as Authorization: Bearer";

    private final String reason;

    public UnauthenticatedException(String reason) {
        this(MESSAGE, reason);
    }

    /** A refusal with its own message, for a caller whose key is known good but not good enough for this. */
    public UnauthenticatedException(String message, String reason) {
        super(message);
        this.reason = reason;
    }

    /** Why authentication failed, for the server's own log only; never shown to the client. */
    public String reason() {
        return reason;
    }
}
