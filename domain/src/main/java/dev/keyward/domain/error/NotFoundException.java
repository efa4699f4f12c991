package dev.keyward.domain.error;

/** No token has the given id (or it was deleted, which is final). */
public final class NotFoundException extends DomainException {
    public NotFoundException(String message) {
        super(message);
    }
}
