package dev.keyward.domain.token;

/** One field an update changed, named as on the wire; values are a String, a Boolean, a List of Strings or a TokenMeta. */
public record FieldChange(String field, Object before, Object after) {
}
