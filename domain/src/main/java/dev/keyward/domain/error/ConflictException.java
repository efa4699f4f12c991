package dev.keyward.domain.error;

/**
 * The change contradicts what is stored and retrying will not help: a second owner with the same
 * {@code externalId}, or deleting an owner whose tokens still belong to it. Nothing was changed.
 */
public final class ConflictException extends DomainException {
    public ConflictException(String message) {
        super(message);
    }
}
