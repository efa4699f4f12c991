package dev.keyward.app.check;

import dev.keyward.app.support.KeywardNodes;

/** {@link TwoNodesEndToEndIT}: a change on one node refused by the other within the bound, with each Keyward node on a different node of the Galera cluster. */
class TwoNodesGaleraIT extends TwoNodesEndToEndIT {

    @Override
    protected KeywardNodes.Database database() {
        return KeywardNodes.GALERA;
    }
}
