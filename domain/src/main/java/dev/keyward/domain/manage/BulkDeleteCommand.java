package dev.keyward.domain.manage;

import java.util.List;

/**
 * Which tokens to delete at once: the tokens of {@code ownerId} (at most {@link #MAX_IDS} per call, oldest
 * first: repeat until none is deleted), or the tokens {@code ids} names (1 to {@link #MAX_IDS}); exactly one of the two.
 */
public record BulkDeleteCommand(String ownerId, List<String> ids) {

    public static final int MAX_IDS = 1000;
}
