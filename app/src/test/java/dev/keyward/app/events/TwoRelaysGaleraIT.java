package dev.keyward.app.events;

import dev.keyward.app.support.KeywardNodes;

/** {@link TwoRelaysEndToEndIT}: every event delivered once, each token's in order, with each Keyward node on a different node of the Galera cluster. */
class TwoRelaysGaleraIT extends TwoRelaysEndToEndIT {

    @Override
    protected KeywardNodes.Database database() {
        return KeywardNodes.GALERA;
    }
}
