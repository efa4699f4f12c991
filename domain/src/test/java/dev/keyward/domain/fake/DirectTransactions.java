package dev.keyward.domain.fake;

import dev.keyward.domain.token.Transactions;

import java.util.function.Supplier;

/** {@link Transactions} that runs the work serially under one lock, for domain tests. */
public final class DirectTransactions implements Transactions {

    @Override
    public synchronized <T> T inWrite(Supplier<T> work) {
        return work.get();
    }
}
