package dev.keyward.domain.owner;

import dev.keyward.domain.error.ConflictException;
import dev.keyward.domain.token.OwnerId;

import java.util.List;
import java.util.Optional;

/** Where owners live (out-port). Writes join the caller's transaction. */
public interface Owners {

    Optional<Owner> findById(OwnerId id);

    Optional<Owner> findByExternalId(ExternalId externalId);

    /** Up to {@code limit} owners with ids greater than {@code after} (null: from the first), in id order. */
    List<Owner> listAfter(OwnerId after, int limit);

    /** @throws ConflictException when another owner has its externalId */
    void add(Owner owner);

    /**
     * Stores a changed owner if it is still at {@link Owner#version()}; every node's check learns the new
     * state of its tokens.
     *
     * @throws dev.keyward.domain.error.ConcurrentChangeException if another write got there first
     */
    void update(Owner owner);

    /**
     * Deletes an owner if it is still at its version and no token belongs to it.
     *
     * @throws ConflictException naming how many tokens still belong to it
     */
    void remove(Owner owner);

    /** How many tokens belong to the owner. */
    long tokenCount(OwnerId id);
}
