package dev.keyward.domain.fake;

import dev.keyward.domain.port.out.Tokens;
import dev.keyward.domain.port.out.TokensContract;

/** Holds the in-memory fake to the same contract as the database adapters. */
class InMemoryTokensContractTest extends TokensContract {

    @Override
    protected Tokens emptyTokens() {
        return new InMemoryTokens();
    }
}
