package dev.keyward.domain.error;

/** The caller sent something the model cannot represent; {@link #field()} names what. */
public final class InvalidInputException extends DomainException {
    private final String field;

    public InvalidInputException(String field, String message) {
        super(message);
        this.field = field;
    }

    public String field() {
        return field;
    }
}
