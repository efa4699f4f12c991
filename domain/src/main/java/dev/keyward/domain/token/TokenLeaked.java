package dev.keyward.domain.token;

/**
 * A token's current value was reported as leaked, and the token was deleted for it (this event stands
 * for the deletion: no separate deleted event). {@code token()} is its state just before.
 *
 * @param location where the value was found, as reported (e.g. a URL); may be null
 * @param source   who or what found it, as reported (e.g. a scanner's name); may be null
 */
public record TokenLeaked(TokenView token, Origin origin, String location, String source) implements TokenEvent {

    @Override
    public AuditEventType type() {
        return AuditEventType.LEAKED;
    }
}
