package dev.keyward.domain.token;

/** One field an update changed, named as on the wire; values are a String, a Boolean or a List of Strings. */
public record FieldChange(String field, Object before, Object after) {
}
