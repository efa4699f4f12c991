package dev.keyward.domain.manage;

import dev.keyward.domain.error.NotFoundException;
import dev.keyward.domain.token.TokenId;
import dev.keyward.domain.token.TokenValue;

import java.util.Optional;

/**
 * Which token a request names: {@code "self"}, the caller's own, or an id as the client wrote it
 * (kept as text, so a not-found message can echo it).
 */
public sealed interface TokenRef permits TokenRef.Self, TokenRef.ById {

    /** The word a client writes in place of an id to mean the token it authenticated with. */
    String SELF = "self";

    static TokenRef parse(String text) {
        return SELF.equals(text) ? new Self() : new ById(text);
    }

    /** Whether this names the caller's own token, whose id is {@code caller}. */
    boolean isSelf(TokenId caller);

    /** The id named, if the text is one. */
    Optional<TokenId> resolve(TokenId caller);

    /** The refusal when no token answers to this reference. */
    NotFoundException notFound();

    record Self() implements TokenRef {

        @Override
        public boolean isSelf(TokenId caller) {
            return true;
        }

        @Override
        public Optional<TokenId> resolve(TokenId caller) {
            return Optional.of(caller);
        }

        @Override
        public NotFoundException notFound() {
            return new NotFoundException("no API token with id '" + SELF + "'");
        }
    }

    /** @param text as the client sent it: maybe not an id at all, maybe null */
    record ById(String text) implements TokenRef {

        @Override
        public boolean isSelf(TokenId caller) {
            return caller.toString().equals(text);
        }

        @Override
        public Optional<TokenId> resolve(TokenId caller) {
            return TokenId.tryParse(text);
        }

        /**
         * Echoes the id asked for, except text that may be a token value pasted in the wrong place
         * (error messages reach logs) or is too long to be an id.
         */
        @Override
        public NotFoundException notFound() {
            if (text == null || text.length() > 64 || text.regionMatches(true, 0, TokenValue.PREFIX, 0, TokenValue.PREFIX.length())) {
                return new NotFoundException("no API token has that id: an id is a UUID such as "
                        + "0190a5b2-7c3d-7e4f-8a1b-2c3d4e5f6a7b, never a token value");
            }
            return new NotFoundException("no API token with id '" + text + "'");
        }
    }
}
