package dev.keyward.domain.error;

/** Root of the few failures a use case reports; each adapter maps them once to its own status codes. */
public abstract sealed class DomainException extends RuntimeException
        permits InvalidInputException, NotFoundException, ForbiddenException, UnauthenticatedException,
        ConcurrentChangeException, ConflictException, UnavailableException {

    protected DomainException(String message) {
        super(message, null, false, false);
    }
}
