package dev.keyward.domain.manage;

import dev.keyward.domain.lifecycle.TokenStore;
import dev.keyward.domain.network.IpAllowlist;
import dev.keyward.domain.permission.PermissionSet;
import dev.keyward.domain.token.Actor;
import dev.keyward.domain.token.Origin;
import dev.keyward.domain.token.SecretHasher;
import dev.keyward.domain.token.TokenMeta;
import dev.keyward.domain.token.TokenName;
import dev.keyward.domain.token.TokenValue;
import dev.keyward.domain.token.Tokens;
import dev.keyward.domain.token.Transactions;

import java.time.Clock;
import java.util.Optional;
import java.util.random.RandomGenerator;

/** Gives an empty installation its first admin token, once per database. */
public final class BootstrapService implements TokenBootstrap {

    public static final String BOOTSTRAP_NAME = "bootstrap-admin";

    private final Tokens tokens;
    private final Transactions transactions;
    private final Installation installation;
    private final TokenCreation creation;
    private final Clock clock;

    /**
     * The bootstrap token gets its calendar entry like any other, but no lifetime cap: it must not lock the
     * installation out.
     *
     * @param random a CSPRNG: token values and ids come from it
     */
    public BootstrapService(Tokens tokens, TokenStore store, Transactions transactions, Installation installation,
                            SecretHasher hasher, RandomGenerator random, Clock clock) {
        this.tokens = tokens;
        this.transactions = transactions;
        this.installation = installation;
        this.creation = new TokenCreation(store, hasher, random);
        this.clock = clock;
    }

    @Override
    public Optional<TokenValue> bootstrap(Optional<TokenValue> configured) {
        return transactions.inWrite(() -> {
            // Once per database, ever: deleting every token later must not revive a well-known admin value.
            if (!installation.markBootstrapped(clock.instant()) || !tokens.isEmpty()) {
                return Optional.empty();
            }
            TokenValue value = configured.orElseGet(creation::newValue);
            creation.create(new TokenName(BOOTSTRAP_NAME), PermissionSet.all(), IpAllowlist.anyAddress(), null, true, TokenMeta.EMPTY, null, value,
                    new Origin(Actor.BOOTSTRAP, null, clock.instant()));
            return configured.isPresent() ? Optional.empty() : Optional.of(value);
        });
    }
}
