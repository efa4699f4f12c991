package dev.keyward.domain.owner;

import dev.keyward.domain.check.Caller;
import dev.keyward.domain.error.ConflictException;
import dev.keyward.domain.error.InvalidInputException;
import dev.keyward.domain.error.NotFoundException;
import dev.keyward.domain.permission.Permission;
import dev.keyward.domain.token.AuditOutbox;
import dev.keyward.domain.token.Origin;
import dev.keyward.domain.token.OwnerId;
import dev.keyward.domain.token.OwnerView;
import dev.keyward.domain.token.TokenMeta;
import dev.keyward.domain.token.TokenName;
import dev.keyward.domain.token.TokenValue;
import dev.keyward.domain.token.Tokens;
import dev.keyward.domain.token.Transactions;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.random.RandomGenerator;

/**
 * Owners, the same recipe as tokens: the caller's permission first (so a caller without rights learns
 * nothing about ids) → parse the input → in one transaction { re-read the caller → load → change the
 * aggregate → store it and its event in the outbox }. Writes need {@link Permission#OrganizationAPITokenModify},
 * reads {@link Permission#OrganizationAPITokenRead}. A change of an owner reaches every node's check of its
 * tokens through the store ({@link Owners#update}).
 */
public final class OwnerService implements OwnerCommands, OwnerQueries {

    private static final Permission MODIFY = Permission.OrganizationAPITokenModify;
    private static final int DEFAULT_PAGE = 25;
    private static final int MAX_PAGE = 100;

    private final Owners owners;
    private final Tokens tokens;
    private final AuditOutbox outbox;
    private final Transactions transactions;
    private final RandomGenerator random;
    private final Clock clock;

    /** @param random a CSPRNG: owner ids come from it */
    public OwnerService(Owners owners, Tokens tokens, AuditOutbox outbox, Transactions transactions,
                        RandomGenerator random, Clock clock) {
        this.owners = owners;
        this.tokens = tokens;
        this.outbox = outbox;
        this.transactions = transactions;
        this.random = random;
        this.clock = clock;
    }

    @Override
    public OwnerView create(Caller caller, String externalId, String name, String meta) {
        caller.permissions().require(MODIFY, "create owners");
        ExternalId external = ExternalId.parse("externalId", externalId);
        TokenName parsedName = name == null ? null : TokenName.parse("name", name);
        TokenMeta parsedMeta = meta == null ? TokenMeta.EMPTY : TokenMeta.parse("meta", meta);
        return transactions.inWrite(() -> {
            Origin origin = acting(caller, "create owners");
            if (owners.findByExternalId(external).isPresent()) {
                throw duplicate(external);
            }
            Owner.Created created = Owner.create(OwnerId.newId(origin.at(), random), external, parsedName, parsedMeta, origin);
            owners.add(created.owner());
            outbox.append(created.event());
            return created.owner().view();
        });
    }

    @Override
    public OwnerView update(Caller caller, String id, String name, String meta) {
        caller.permissions().require(MODIFY, "update owners");
        OwnerId ownerId = parseId(id);
        TokenName parsedName = name == null ? null : TokenName.parse("name", name);
        Optional<TokenMeta> parsedMeta = Optional.ofNullable(meta).map(json -> TokenMeta.parse("meta", json));
        return transactions.inWrite(() -> {
            Origin origin = acting(caller, "update owners");
            Owner owner = load(ownerId);
            outbox.append(owner.update(parsedName, parsedMeta.orElse(owner.meta()), origin));
            owners.update(owner);
            return owner.view();
        });
    }

    @Override
    public void delete(Caller caller, String id) {
        caller.permissions().require(MODIFY, "delete owners");
        OwnerId ownerId = parseId(id);
        transactions.inWrite(() -> {
            Origin origin = acting(caller, "delete owners");
            Owner owner = load(ownerId);
            long held = owners.tokenCount(ownerId);
            if (held > 0) {
                throw new ConflictException("owner " + ownerId + " still has " + held + (held == 1 ? " token" : " tokens")
                        + ": delete them or give them another owner first");
            }
            owners.remove(owner);
            outbox.append(owner.delete(origin));
            return null;
        });
    }

    @Override
    public OwnerView get(Caller caller, String id) {
        caller.permissions().require(Permission.OrganizationAPITokenRead, "read owners");
        return load(parseId(id)).view();
    }

    @Override
    public Page list(Caller caller, String externalId, String cursor, Integer limit) {
        caller.permissions().require(Permission.OrganizationAPITokenRead, "list owners");
        int size = limit == null ? DEFAULT_PAGE : limit;
        if (size < 1 || size > MAX_PAGE) {
            throw new InvalidInputException("limit", "limit must be between 1 and " + MAX_PAGE + ", not " + size);
        }
        OwnerId after = cursor == null || cursor.isEmpty() ? null : decodeCursor(cursor);
        if (externalId != null) {
            // An exact match is one owner at most: one page, whatever the cursor.
            List<OwnerView> match = owners.findByExternalId(ExternalId.parse("externalId", externalId))
                    .filter(owner -> after == null || owner.id().compareTo(after) > 0)
                    .map(Owner::view).stream().toList();
            return new Page(match, Optional.empty());
        }
        List<Owner> fetched = owners.listAfter(after, size + 1);
        List<OwnerView> results = fetched.stream().limit(size).map(Owner::view).toList();
        Optional<String> next = fetched.size() > size ? Optional.of(encodeCursor(results.get(results.size() - 1).id())) : Optional.empty();
        return new Page(results, next);
    }

    /** The caller re-read inside the write (a token deleted, disabled or downgraded since its check may not act). */
    private Origin acting(Caller caller, String action) {
        caller.rereadToWrite(tokens, clock.instant()).permissions().require(MODIFY, action);
        return new Origin(caller.actor(), caller.address(), clock.instant());
    }

    private Owner load(OwnerId id) {
        return owners.findById(id).orElseThrow(() -> new NotFoundException("no owner has the id " + id));
    }

    /** An id that is not one names no owner: 404, as for tokens. */
    private static OwnerId parseId(String id) {
        return OwnerId.tryParse(id).orElseThrow(() -> new NotFoundException("no owner has the id '" + TokenValue.redact(id) + "'"));
    }

    static ConflictException duplicate(ExternalId externalId) {
        return new ConflictException("an owner with externalId '" + externalId + "' exists already");
    }

    private static String encodeCursor(OwnerId after) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(after.toString().getBytes(StandardCharsets.US_ASCII));
    }

    private static OwnerId decodeCursor(String cursor) {
        try {
            String decoded = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.US_ASCII);
            return OwnerId.tryParse(decoded).orElseThrow(IllegalArgumentException::new);
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException("cursor", "cursor is not one this API returned as 'next'");
        }
    }
}
