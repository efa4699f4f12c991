package dev.keyward.domain.manage;

import dev.keyward.domain.token.TokenValue;
import dev.keyward.domain.token.TokenView;

/** A token together with its secret value, returned only by create and rotate. */
public record TokenWithValue(TokenView token, TokenValue value) {
}
