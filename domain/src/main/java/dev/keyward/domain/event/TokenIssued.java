package dev.keyward.domain.event;

import dev.keyward.domain.token.Origin;
import dev.keyward.domain.token.TokenView;

/** A token was created. */
public record TokenIssued(TokenView token, Origin origin) implements TokenEvent {

    @Override
    public String kind() {
        return "created";
    }
}
