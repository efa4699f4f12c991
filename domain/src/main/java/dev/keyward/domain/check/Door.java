package dev.keyward.domain.check;

/** Which way a check came in: Keyward's own APIs, or one of the doors for other services and gateways. */
public enum Door {
    REST("rest"),
    GRAPHQL("graphql"),
    VERIFY("verify"),
    FORWARD_AUTH("forward-auth"),
    INTROSPECT("introspect");

    private final String wireName;

    Door(String wireName) {
        this.wireName = wireName;
    }

    /** The name metrics and logs use. */
    public String wireName() {
        return wireName;
    }
}
