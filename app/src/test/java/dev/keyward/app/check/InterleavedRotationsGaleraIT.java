package dev.keyward.app.check;

import dev.keyward.app.support.KeywardNodes;

/** {@link InterleavedRotationsEndToEndIT}: every value rotated away refused by both nodes a second later, with each Keyward node on a different node of the Galera cluster. */
class InterleavedRotationsGaleraIT extends InterleavedRotationsEndToEndIT {

    @Override
    protected KeywardNodes.Database database() {
        return KeywardNodes.GALERA;
    }
}
