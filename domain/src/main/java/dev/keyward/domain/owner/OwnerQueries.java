package dev.keyward.domain.owner;

import dev.keyward.domain.check.Caller;
import dev.keyward.domain.token.OwnerView;

import java.util.List;
import java.util.Optional;

/** Reading owners (in-port); needs {@code OrganizationAPITokenRead}. */
public interface OwnerQueries {

    OwnerView get(Caller caller, String id);

    /**
     * A page of owners in creation order, or with {@code externalId} the one owner that has it (an exact
     * match: at most one).
     *
     * @param cursor the {@code next} of the previous page, or null
     * @param limit  1 to 100, null: 25
     */
    Page list(Caller caller, String externalId, String cursor, Integer limit);

    /** One page; {@code next} is the cursor of the following one, absent on the last. */
    record Page(List<OwnerView> results, Optional<String> next) {
        public Page {
            results = List.copyOf(results);
        }
    }
}
