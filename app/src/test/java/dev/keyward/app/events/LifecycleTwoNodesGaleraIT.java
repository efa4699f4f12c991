package dev.keyward.app.events;

import dev.keyward.app.support.KeywardNodes;

/** {@link LifecycleTwoNodesEndToEndIT}: every lifecycle occasion announced exactly once, with each Keyward node on a different node of the Galera cluster. */
class LifecycleTwoNodesGaleraIT extends LifecycleTwoNodesEndToEndIT {

    @Override
    protected KeywardNodes.Database database() {
        return KeywardNodes.GALERA;
    }
}
