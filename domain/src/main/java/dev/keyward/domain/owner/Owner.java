package dev.keyward.domain.owner;

import dev.keyward.domain.token.FieldChange;
import dev.keyward.domain.token.Origin;
import dev.keyward.domain.token.OwnerCreated;
import dev.keyward.domain.token.OwnerDeleted;
import dev.keyward.domain.token.OwnerId;
import dev.keyward.domain.token.OwnerUpdated;
import dev.keyward.domain.token.OwnerView;
import dev.keyward.domain.token.TokenMeta;
import dev.keyward.domain.token.TokenName;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Whose keys are: a customer, a team or a service of the platform, known there by its {@link ExternalId}.
 * Its {@code externalId} never changes (a platform's reference must stay true); its name and metadata may.
 * An owner with tokens is not deleted. Every state change returns the event that describes it.
 */
public final class Owner {

    private final OwnerId id;
    private final ExternalId externalId;
    private TokenName name;
    private TokenMeta meta;
    private final Instant createdAt;
    private Instant updatedAt;
    private final long version;

    private Owner(OwnerId id, ExternalId externalId, TokenName name, TokenMeta meta, Instant createdAt, Instant updatedAt,
                  long version) {
        this.id = Objects.requireNonNull(id, "id");
        this.externalId = Objects.requireNonNull(externalId, "externalId");
        this.name = name;
        this.meta = Objects.requireNonNull(meta, "meta");
        this.createdAt = Objects.requireNonNull(createdAt, "createdAt");
        this.updatedAt = Objects.requireNonNull(updatedAt, "updatedAt");
        this.version = version;
    }

    /** A new owner and the event announcing it; {@code name} null: none. */
    public static Created create(OwnerId id, ExternalId externalId, TokenName name, TokenMeta meta, Origin origin) {
        Owner owner = new Owner(id, externalId, name, meta, origin.at(), origin.at(), 0);
        return new Created(owner, new OwnerCreated(owner.view(), origin));
    }

    /** An owner as it was stored; no event. */
    public static Owner reconstitute(OwnerId id, ExternalId externalId, TokenName name, TokenMeta meta, Instant createdAt,
                                     Instant updatedAt, long version) {
        return new Owner(id, externalId, name, meta, createdAt, updatedAt, version);
    }

    /** The result of {@link #create}. */
    public record Created(Owner owner, OwnerCreated event) {
    }

    /** Replaces the name (null: none) and the metadata; the event lists what actually changed. */
    public OwnerUpdated update(TokenName newName, TokenMeta newMeta, Origin origin) {
        List<FieldChange> changes = new ArrayList<>();
        if (!Objects.equals(name, newName)) {
            changes.add(new FieldChange("name", name == null ? null : name.value(), newName == null ? null : newName.value()));
        }
        if (!meta.equals(newMeta)) {
            changes.add(new FieldChange("meta", meta, newMeta));
        }
        name = newName;
        meta = newMeta;
        updatedAt = origin.at();
        return new OwnerUpdated(view(), origin, changes);
    }

    public OwnerDeleted delete(Origin origin) {
        return new OwnerDeleted(view(), origin);
    }

    public OwnerView view() {
        return new OwnerView(id, externalId.value(), name == null ? null : name.value(), meta, createdAt, updatedAt);
    }

    public OwnerId id() {
        return id;
    }

    public ExternalId externalId() {
        return externalId;
    }

    /** Null when none was given. */
    public TokenName name() {
        return name;
    }

    public TokenMeta meta() {
        return meta;
    }

    public Instant createdAt() {
        return createdAt;
    }

    public Instant updatedAt() {
        return updatedAt;
    }

    /** The optimistic-lock version this instance was read at; persistence bumps it on every write. */
    public long version() {
        return version;
    }
}
