package dev.keyward.domain.service;

import dev.keyward.domain.network.IpAllowlist;
import dev.keyward.domain.permission.PermissionSet;
import dev.keyward.domain.port.in.TokenBootstrap;
import dev.keyward.domain.port.out.AuditOutbox;
import dev.keyward.domain.port.out.Installation;
import dev.keyward.domain.port.out.Tokens;
import dev.keyward.domain.port.out.Transactions;
import dev.keyward.domain.token.Actor;
import dev.keyward.domain.token.Origin;
import dev.keyward.domain.token.SecretHasher;
import dev.keyward.domain.token.TokenName;
import dev.keyward.domain.token.TokenValue;

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

    /** @param random a CSPRNG: token values and ids come from it */
    public BootstrapService(Tokens tokens, AuditOutbox outbox, Transactions transactions, Installation installation,
                            SecretHasher hasher, RandomGenerator random, Clock clock) {
        this(tokens, outbox, transactions, installation, hasher, random, clock, TokenLifecycle.untracked());
    }

    /** The bootstrap token gets the lifecycle's calendar entry, but no lifetime cap: it must not lock the installation out. */
    public BootstrapService(Tokens tokens, AuditOutbox outbox, Transactions transactions, Installation installation,
                            SecretHasher hasher, RandomGenerator random, Clock clock, TokenLifecycle lifecycle) {
        this.tokens = tokens;
        this.transactions = transactions;
        this.installation = installation;
        this.creation = new TokenCreation(tokens, outbox, hasher, random, lifecycle);
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
            creation.create(new TokenName(BOOTSTRAP_NAME), PermissionSet.all(), IpAllowlist.anyAddress(), null, value,
                    new Origin(Actor.BOOTSTRAP, null, clock.instant()));
            return configured.isPresent() ? Optional.empty() : Optional.of(value);
        });
    }
}
