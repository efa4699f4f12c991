package dev.keyward.domain.manage;

import dev.keyward.domain.error.InvalidInputException;
import dev.keyward.domain.token.TokenId;
import dev.keyward.domain.token.TokenView;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Optional;

/**
 * One page of a keyset listing: the tokens after {@code after} (null: from the start), at most
 * {@code size} of them. The cursor a client sees is the last id of the previous page, opaque to it.
 */
public record PageRequest(TokenId after, int size) {

    public static final int DEFAULT_SIZE = 25;
    public static final int MAX_SIZE = 100;

    public PageRequest {
        if (size < 1 || size > MAX_SIZE) {
            throw new IllegalArgumentException("a page holds 1 to " + MAX_SIZE + " tokens, not " + size);
        }
    }

    /**
     * Parses the client's {@code cursor} (null: the first page) and {@code limit} (null: the default).
     *
     * @throws InvalidInputException naming {@code limit} or {@code cursor}
     */
    public static PageRequest parse(String cursor, Integer limit) {
        int size = limit == null ? DEFAULT_SIZE : limit;
        if (size < 1 || size > MAX_SIZE) {
            throw new InvalidInputException("limit", "limit must be between 1 and " + MAX_SIZE + ", not " + size);
        }
        return new PageRequest(cursor == null ? null : decodeCursor(cursor), size);
    }

    /** How many tokens to fetch: one more than the page shows tells whether another page follows. */
    public int fetchSize() {
        return size + 1;
    }

    /** The page made of up to {@link #fetchSize()} tokens fetched after {@link #after()}. */
    public TokenPage page(List<TokenView> fetched) {
        List<TokenView> results = fetched.stream().limit(size).toList();
        Optional<String> next = fetched.size() > size
                ? Optional.of(encodeCursor(results.get(results.size() - 1).id()))
                : Optional.empty();
        return new TokenPage(results, next);
    }

    static String encodeCursor(TokenId after) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(after.toString().getBytes(StandardCharsets.US_ASCII));
    }

    static TokenId decodeCursor(String cursor) {
        try {
            String decoded = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.US_ASCII);
            return TokenId.tryParse(decoded).orElseThrow(IllegalArgumentException::new);
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException("cursor", "cursor is not one this API returned as 'next'");
        }
    }
}
