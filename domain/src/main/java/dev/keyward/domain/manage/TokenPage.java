package dev.keyward.domain.manage;

import dev.keyward.domain.token.TokenView;

import java.util.List;
import java.util.Optional;

/** One page of tokens; {@code next} is the cursor for the following page, absent on the last. */
public record TokenPage(List<TokenView> results, Optional<String> next) {

    public TokenPage {
        results = List.copyOf(results);
    }
}
