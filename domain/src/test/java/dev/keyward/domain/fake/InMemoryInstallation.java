package dev.keyward.domain.fake;

import dev.keyward.domain.manage.Installation;

import java.time.Instant;
import java.util.concurrent.atomic.AtomicReference;

/** {@link Installation} in memory, for domain tests. */
public final class InMemoryInstallation implements Installation {

    private final AtomicReference<Instant> bootstrappedAt = new AtomicReference<>();

    @Override
    public boolean markBootstrapped(Instant at) {
        return bootstrappedAt.compareAndSet(null, at);
    }

    public Instant bootstrappedAt() {
        return bootstrappedAt.get();
    }
}
