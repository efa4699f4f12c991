package dev.keyward.domain.token;

import java.util.Arrays;
import java.util.Optional;

/** Who can act on a token; the wire names are the API's enum values. */
public enum ActorType {
    USER("user"),
    API_TOKEN("api-token"),
    SYSTEM("system");

    private final String wireName;

    ActorType(String wireName) {
        this.wireName = wireName;
    }

    public String wireName() {
        return wireName;
    }

    public static Optional<ActorType> fromWireName(String name) {
        return Arrays.stream(values()).filter(t -> t.wireName.equals(name)).findFirst();
    }
}
