package dev.keyward.domain.fake;

import dev.keyward.domain.manage.Installation;
import dev.keyward.domain.manage.InstallationContract;

/** The in-memory {@link Installation} meets the same contract as the JDBC one. */
class InMemoryInstallationContractTest extends InstallationContract {

    @Override
    protected Installation freshInstallation() {
        return new InMemoryInstallation();
    }
}
