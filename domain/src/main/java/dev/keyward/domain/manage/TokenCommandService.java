package dev.keyward.domain.manage;

import dev.keyward.domain.check.Caller;
import dev.keyward.domain.error.InvalidInputException;
import dev.keyward.domain.lifecycle.TokenStore;
import dev.keyward.domain.network.IpAllowlist;
import dev.keyward.domain.owner.Owners;
import dev.keyward.domain.permission.Permission;
import dev.keyward.domain.permission.PermissionSet;
import dev.keyward.domain.token.ApiToken;
import dev.keyward.domain.token.Expiry;
import dev.keyward.domain.token.Origin;
import dev.keyward.domain.token.OwnerId;
import dev.keyward.domain.token.SecretHasher;
import dev.keyward.domain.token.TokenEvent;
import dev.keyward.domain.token.TokenFilter;
import dev.keyward.domain.token.TokenId;
import dev.keyward.domain.token.TokenMeta;
import dev.keyward.domain.token.TokenName;
import dev.keyward.domain.token.TokenOwner;
import dev.keyward.domain.token.TokenValue;
import dev.keyward.domain.token.TokenView;
import dev.keyward.domain.token.Tokens;
import dev.keyward.domain.token.Transactions;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.random.RandomGenerator;

/**
 * The four writes, each the same recipe: check the caller's permission → parse the input → in one
 * transaction { re-read the caller → load the target → ask the {@link ActingTokenPolicy} → change the
 * aggregate → store it and its event in the outbox }. Writes need
 * {@link Permission#OrganizationAPITokenModify}, except that any live token may rotate itself; the
 * check comes before any lookup, so a caller without rights learns nothing about ids. A token's previous
 * value (a rotation's grace period) may not write at all ({@link Caller#rereadToWrite}).
 */
public final class TokenCommandService implements TokenCommands {

    private static final Permission MODIFY = Permission.OrganizationAPITokenModify;

    private final Tokens tokens;
    private final Owners owners;
    private final TokenStore store;
    private final Transactions transactions;
    private final TokenCreation creation;
    private final LifetimePolicy lifetime;
    private final GracePolicy grace;
    private final Clock clock;

    /**
     * @param random   a CSPRNG: token values and ids come from it
     * @param lifetime the cap on a new token's life
     * @param grace    the cap on a rotation's grace period
     */
    public TokenCommandService(Tokens tokens, Owners owners, TokenStore store, Transactions transactions, SecretHasher hasher,
                               RandomGenerator random, LifetimePolicy lifetime, GracePolicy grace, Clock clock) {
        this.tokens = tokens;
        this.owners = owners;
        this.store = store;
        this.transactions = transactions;
        this.creation = new TokenCreation(store, hasher, random);
        this.lifetime = lifetime;
        this.grace = grace;
        this.clock = clock;
    }

    @Override
    public TokenWithValue create(Caller caller, CreateTokenCommand command) {
        caller.permissions().require(MODIFY, "create tokens");
        TokenName name = TokenName.parse("name", command.name());
        PermissionSet permissions = PermissionSet.parse("permissions", command.permissions());
        IpAllowlist allowlist = IpAllowlist.parse("allowedCIDRBlocks", command.allowedCidrBlocks());
        TokenMeta meta = command.meta() == null ? TokenMeta.EMPTY : TokenMeta.parse("meta", command.meta());
        Origin origin = originOf(caller);
        Expiry expiry = lifetime.apply("expiresAt", Expiry.parse("expiresAt", command.expiresAt(), origin.at()), origin.at());
        return transactions.inWrite(() -> {
            ApiToken acting = acting(caller, "create tokens");
            new ActingTokenPolicy(acting).checkCreate(permissions, allowlist, expiry.at());
            return creation.create(name, permissions, allowlist, expiry.at(), !Boolean.FALSE.equals(command.enabled()), meta,
                    owner(command.ownerId()), creation.newValue(), origin);
        });
    }

    @Override
    public TokenView update(Caller caller, String ref, UpdateTokenCommand command) {
        caller.permissions().require(MODIFY, "update tokens");
        TokenRef target = TokenRef.parse(ref);
        TokenName name = TokenName.parse("name", command.name());
        PermissionSet permissions = PermissionSet.parse("permissions", command.permissions());
        Optional<IpAllowlist> allowlist = Optional.ofNullable(command.allowedCidrBlocks())
                .map(blocks -> IpAllowlist.parse("allowedCIDRBlocks", blocks));
        Optional<TokenMeta> meta = Optional.ofNullable(command.meta()).map(json -> TokenMeta.parse("meta", json));
        return transactions.inWrite(() -> {
            ApiToken acting = acting(caller, "update tokens");
            ApiToken token = load(caller, acting, target);
            IpAllowlist newAllowlist = allowlist.orElse(token.allowlist());
            new ActingTokenPolicy(acting).checkUpdate(token, permissions, newAllowlist);
            boolean enabled = command.enabled() == null ? token.isEnabled() : command.enabled();
            TokenOwner owner = command.owner() == null ? token.owner() : owner(command.owner().ownerId());
            TokenEvent event = token.update(name, permissions, newAllowlist, enabled, meta.orElse(token.meta()), owner,
                    originOf(caller));
            store.changed(token, event);
            return token.view();
        });
    }

    @Override
    public TokenWithValue rotate(Caller caller, String ref, Long gracePeriodSeconds) {
        TokenRef target = TokenRef.parse(ref);
        boolean self = target.isSelf(caller.tokenId());
        if (!self) {
            caller.permissions().require(MODIFY, "rotate other tokens");
        }
        Duration overlap = grace.parse("gracePeriodSeconds", gracePeriodSeconds);
        return transactions.inWrite(() -> {
            ApiToken acting = self ? rereadToWrite(caller) : acting(caller, "rotate other tokens");
            ApiToken token = load(caller, acting, target);
            new ActingTokenPolicy(acting).checkRotate(token);
            TokenValue value = creation.newValue();
            store.rotated(token, token.rotate(creation.hash(value), overlap, originOf(caller)));
            return new TokenWithValue(token.view(), value);
        });
    }

    @Override
    public void delete(Caller caller, String ref) {
        caller.permissions().require(MODIFY, "delete tokens");
        TokenRef target = TokenRef.parse(ref);
        transactions.inWrite(() -> {
            ApiToken acting = acting(caller, "delete tokens");
            ApiToken token = load(caller, acting, target);
            store.deleted(token, token.delete(originOf(caller)));
            return null;
        });
    }

    @Override
    public int bulkDelete(Caller caller, BulkDeleteCommand command) {
        caller.permissions().require(MODIFY, "delete tokens");
        if ((command.ownerId() == null) == (command.ids() == null)) {
            throw new InvalidInputException("body", "send either ownerId (every token of that owner) or ids (1 to "
                    + BulkDeleteCommand.MAX_IDS + " token ids), not both");
        }
        OwnerId owner = command.ownerId() == null ? null : OwnerId.parse("ownerId", command.ownerId());
        Set<TokenId> ids = command.ids() == null ? null : parseIds(command.ids());
        return transactions.inWrite(() -> {
            ApiToken acting = acting(caller, "delete tokens");
            Origin origin = originOf(caller);
            List<ApiToken> targets = new ArrayList<>();
            if (ids != null) {
                for (TokenId id : ids) {
                    (id.equals(acting.id()) ? Optional.of(acting) : tokens.findById(id)).ifPresent(targets::add);
                }
            } else {
                // At most MAX_IDS per call, oldest first, so one transaction stays bounded (a Galera write
                // set too): a caller repeats until nothing is left to delete.
                tokens.listAfter(null, TokenFilter.ofOwner(owner), BulkDeleteCommand.MAX_IDS)
                        .forEach(token -> targets.add(token.id().equals(acting.id()) ? acting : token));
            }
            targets.forEach(token -> store.deleted(token, token.delete(origin)));
            return targets.size();
        });
    }

    private static Set<TokenId> parseIds(List<String> ids) {
        if (ids.isEmpty() || ids.size() > BulkDeleteCommand.MAX_IDS) {
            throw new InvalidInputException("ids", "ids must hold 1 to " + BulkDeleteCommand.MAX_IDS + " token ids, not " + ids.size());
        }
        Set<TokenId> parsed = new LinkedHashSet<>();
        for (int i = 0; i < ids.size(); i++) {
            int index = i;
            parsed.add(TokenId.tryParse(ids.get(i)).orElseThrow(() -> new InvalidInputException("ids",
                    "ids[" + index + "] '" + TokenValue.redact(ids.get(index)) + "' is not a token id")));
        }
        return parsed;
    }

    /** The owner {@code ownerId} names, as a token carries it; null for none. */
    private TokenOwner owner(String ownerId) {
        if (ownerId == null) {
            return null;
        }
        return OwnerId.tryParse(ownerId).flatMap(owners::findById)
                .map(found -> found.view().asTokenOwner())
                .orElseThrow(() -> new InvalidInputException("ownerId", "ownerId '" + TokenValue.redact(ownerId)
                        + "' names no owner: create it with POST /owners first"));
    }

    /** See {@link Caller#rereadToWrite}. */
    private ApiToken rereadToWrite(Caller caller) {
        return caller.rereadToWrite(tokens, clock.instant());
    }

    /** {@link #rereadToWrite} and, on the fresh row, the write permission {@code action} needs. */
    private ApiToken acting(Caller caller, String action) {
        ApiToken acting = rereadToWrite(caller);
        acting.permissions().require(MODIFY, action);
        return acting;
    }

    /**
     * The target of a change; a reference to the caller itself reuses the row {@link #rereadToWrite}
     * already holds.
     */
    private ApiToken load(Caller caller, ApiToken acting, TokenRef target) {
        return target.isSelf(caller.tokenId()) ? acting
                : target.resolve(caller.tokenId()).flatMap(tokens::findById).orElseThrow(target::notFound);
    }

    private Origin originOf(Caller caller) {
        return new Origin(caller.actor(), caller.address(), clock.instant());
    }
}
