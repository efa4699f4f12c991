package dev.keyward.domain.token;

/** One field an update changed, named as on the wire; values are a String or a List of Strings. */
public record FieldChange(String field, Object before, Object after) {
}
