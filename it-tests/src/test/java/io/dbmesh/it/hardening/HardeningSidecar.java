package io.dbmesh.it.hardening;

import io.dbmesh.it.MariaDbInstance;
import io.dbmesh.it.MariaDbServers;
import io.dbmesh.it.SidecarFixture;
import java.util.Map;

/**
 * The hardening tests' setup: a fresh database of the test's own on the shared MariaDB, its tables,
 * and a sidecar from the test's YAML with ${URL}, ${USER} and ${PASSWORD} pointing at that database.
 */
final class HardeningSidecar {
    private HardeningSidecar() {
    }

    static SidecarFixture start(String physical, String yaml, String... setup) {
        MariaDbInstance db = MariaDbServers.shared();
        db.recreateDatabase(physical);
        if (setup.length > 0) db.execute(setup);
        return SidecarFixture.fromYaml(yaml, Map.of("URL", db.jdbcUrl(physical), "USER", db.user(), "PASSWORD", db.password()));
    }

    static void stop(SidecarFixture sidecar, String physical) {
        if (sidecar != null) sidecar.close();
        MariaDbServers.shared().execute("DROP DATABASE IF EXISTS " + physical);
    }
}
