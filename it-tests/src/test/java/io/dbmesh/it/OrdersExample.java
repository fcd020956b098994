package io.dbmesh.it;

import io.dbmesh.proxy.config.ConfigLoader;
import io.dbmesh.proxy.config.EnvSubstitution;

import java.nio.file.Path;
import java.util.Map;

/** The shipped sharded example (conf/examples/orders.yaml) on two given physical databases of one server. */
public final class OrdersExample {

    private OrdersExample() {
    }

    /** Drops {@code ds0} and {@code ds1} (the sidecar creates them) and starts the example over them. */
    public static SidecarFixture start(MariaDbInstance db, String ds0, String ds1) {
        db.execute("DROP DATABASE IF EXISTS " + ds0, "DROP DATABASE IF EXISTS " + ds1);
        return SidecarFixture.start(new ConfigLoader(new EnvSubstitution(Map.of(
                "DS0_URL", db.jdbcUrl(ds0), "DS0_USER", db.user(), "DS0_PASSWORD", db.password(),
                "DS1_URL", db.jdbcUrl(ds1), "DS1_USER", db.user(), "DS1_PASSWORD", db.password())::get))
                .loadFile(Path.of("..", "conf", "examples", "orders.yaml")));
    }
}
