package dev.keyward.domain.error;

/**
 * A dependency the use case needs (the token database) cannot be reached, or this node cannot vouch
 * for what it knows without it. Nothing was changed; the client may retry later.
 */
public final class UnavailableException extends DomainException {

    public UnavailableException(String message) {
        super(message);
    }
}
