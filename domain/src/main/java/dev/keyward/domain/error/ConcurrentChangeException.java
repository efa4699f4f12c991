package dev.keyward.domain.error;

/** Another request changed or deleted the token between our read and our write; nothing was changed. */
public final class ConcurrentChangeException extends DomainException {
    public ConcurrentChangeException(String message) {
        super(message);
    }
}
