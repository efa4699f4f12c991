package dev.keyward.domain.fake;

import dev.keyward.domain.token.Tokens;
import dev.keyward.domain.token.TokensContract;

/** Holds the in-memory fake to the same contract as the database adapters. */
class InMemoryTokensContractTest extends TokensContract {

    @Override
    protected Tokens emptyTokens() {
        return new InMemoryTokens();
    }
}
