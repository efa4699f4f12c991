package dev.keyward.app.events;

import dev.keyward.app.support.KeywardNodes;

/** {@link ReuseTwoNodesEndToEndIT}: one reused event however many nodes see the replay, with each Keyward node on a different node of the Galera cluster. */
class ReuseTwoNodesGaleraIT extends ReuseTwoNodesEndToEndIT {

    @Override
    protected KeywardNodes.Database database() {
        return KeywardNodes.GALERA;
    }
}
