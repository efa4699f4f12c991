package dev.keyward.domain.fake;

import dev.keyward.domain.check.TokenUses;
import dev.keyward.domain.network.IpAddress;
import dev.keyward.domain.token.TokenId;

import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** {@link TokenUses} that keeps every recorded use in a list, for tests. */
public final class RecordingTokenUses implements TokenUses {

    /** One recorded use. */
    public record Use(TokenId id, Instant at, IpAddress from) {
    }

    private final List<Use> uses = new CopyOnWriteArrayList<>();

    @Override
    public void record(TokenId id, Instant at, IpAddress from) {
        uses.add(new Use(id, at, from));
    }

    public List<Use> uses() {
        return List.copyOf(uses);
    }

    public List<Use> usesOf(TokenId id) {
        return uses.stream().filter(use -> use.id().equals(id)).toList();
    }
}
