package dev.keyward.domain.owner;

import dev.keyward.domain.check.Caller;
import dev.keyward.domain.token.OwnerView;

/** Creating, changing and deleting owners (in-port); each needs {@code OrganizationAPITokenModify}. */
public interface OwnerCommands {

    /**
     * @param externalId 1 to 256 characters, unique (a duplicate is a {@link dev.keyward.domain.error.ConflictException})
     * @param name       null: none
     * @param meta       a JSON object as compact text (the adapter checked it is one), or null for none
     */
    OwnerView create(Caller caller, String externalId, String name, String meta);

    /** Replaces the name (null: none) and, unless {@code meta} is null, the metadata ({@code {}} clears it). */
    OwnerView update(Caller caller, String id, String name, String meta);

    /** @throws dev.keyward.domain.error.ConflictException while tokens belong to the owner */
    void delete(Caller caller, String id);
}
