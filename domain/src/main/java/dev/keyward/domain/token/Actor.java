package dev.keyward.domain.token;

/** Who made a change: a token (by its id), a user, or Keyward itself. */
public record Actor(String id, ActorType type) {

    public static final Actor BOOTSTRAP = new Actor("bootstrap", ActorType.SYSTEM);

    public Actor {
        if (id == null || id.isBlank() || type == null) {
            throw new IllegalArgumentException("an actor has an id and a type");
        }
    }

    public static Actor token(TokenId id) {
        return new Actor(id.toString(), ActorType.API_TOKEN);
    }
}
