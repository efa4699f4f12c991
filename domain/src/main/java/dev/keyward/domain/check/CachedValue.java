package dev.keyward.domain.check;

import java.util.Objects;

/**
 * What this node knows of a secret hash without any I/O ({@link CheckedTokens#cached}): what it is, that
 * it is nothing, or that only the database can say.
 */
public sealed interface CachedValue permits CachedValue.Hit, CachedValue.KnownMiss, CachedValue.NeedsDatabase {

    /** The one known miss. */
    CachedValue KNOWN_MISS = new KnownMiss();
    /** The one "ask the database". */
    CachedValue NEEDS_DATABASE = new NeedsDatabase();

    /** The hash is {@code value}, as a fresh cache vouches. */
    record Hit(ValueMatch value) implements CachedValue {
        public Hit {
            Objects.requireNonNull(value, "value");
        }
    }

    /** The hash matched nothing when last looked up, as a fresh cache vouches. */
    record KnownMiss() implements CachedValue {
    }

    /** The cache does not know, or may not be trusted now: answering needs the database. */
    record NeedsDatabase() implements CachedValue {
    }
}
