package dev.keyward.domain.token;

import java.util.function.Supplier;

/** Runs one use case as one database transaction: all its writes commit together or none does. */
public interface Transactions {

    <T> T inWrite(Supplier<T> work);
}
