package dev.keyward.domain.fake;

import dev.keyward.domain.error.ConcurrentChangeException;
import dev.keyward.domain.error.ConflictException;
import dev.keyward.domain.owner.ExternalId;
import dev.keyward.domain.owner.Owner;
import dev.keyward.domain.owner.Owners;
import dev.keyward.domain.token.OwnerId;
import dev.keyward.domain.token.Tokens;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentSkipListMap;

/**
 * {@link Owners} in memory. Unlike the database it cannot refresh the owner a stored token carries: a
 * token read after its owner changed still shows the owner as it was (the JDBC store reads it fresh).
 */
public final class InMemoryOwners implements Owners {

    private final ConcurrentSkipListMap<OwnerId, Owner> rows = new ConcurrentSkipListMap<>();
    private final Tokens tokens;

    /** @param tokens counted for {@link #tokenCount} */
    public InMemoryOwners(Tokens tokens) {
        this.tokens = tokens;
    }

    @Override
    public Optional<Owner> findById(OwnerId id) {
        return Optional.ofNullable(rows.get(id)).map(owner -> copy(owner, owner.version()));
    }

    @Override
    public Optional<Owner> findByExternalId(ExternalId externalId) {
        return rows.values().stream().filter(owner -> owner.externalId().equals(externalId)).findFirst()
                .map(owner -> copy(owner, owner.version()));
    }

    @Override
    public List<Owner> listAfter(OwnerId after, int limit) {
        var view = after == null ? rows : rows.tailMap(after, false);
        return view.values().stream().limit(limit).map(owner -> copy(owner, owner.version())).toList();
    }

    @Override
    public synchronized void add(Owner owner) {
        if (findByExternalId(owner.externalId()).isPresent()) {
            throw new ConflictException("an owner with externalId '" + owner.externalId() + "' exists already");
        }
        rows.put(owner.id(), copy(owner, owner.version()));
    }

    @Override
    public synchronized void update(Owner owner) {
        requireVersion(owner);
        rows.put(owner.id(), copy(owner, owner.version() + 1));
    }

    @Override
    public synchronized void remove(Owner owner) {
        requireVersion(owner);
        long held = tokenCount(owner.id());
        if (held > 0) {
            throw new ConflictException("owner " + owner.id() + " still has " + held + " tokens");
        }
        rows.remove(owner.id());
    }

    @Override
    public long tokenCount(OwnerId id) {
        return tokens.listAfter(null, Integer.MAX_VALUE).stream()
                .filter(token -> token.owner() != null && token.owner().id().equals(id)).count();
    }

    private void requireVersion(Owner owner) {
        Owner stored = rows.get(owner.id());
        if (stored == null || stored.version() != owner.version()) {
            throw new ConcurrentChangeException("owner " + owner.id() + " was changed or deleted by another request");
        }
    }

    private static Owner copy(Owner o, long version) {
        return Owner.reconstitute(o.id(), o.externalId(), o.name(), o.meta(), o.createdAt(), o.updatedAt(), version);
    }
}
