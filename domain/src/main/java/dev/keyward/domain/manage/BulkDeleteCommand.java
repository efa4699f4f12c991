package dev.keyward.domain.manage;

import java.util.List;

/**
 * Which tokens to delete at once: every token of {@code ownerId}, or the tokens {@code ids} names (1 to
 * {@link #MAX_IDS}); exactly one of the two.
 */
public record BulkDeleteCommand(String ownerId, List<String> ids) {

    public static final int MAX_IDS = 1000;
}
