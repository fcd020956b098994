package io.dbmesh.proxy;

import io.dbmesh.testsupport.ImportBoundary;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;

/**
 * The wire (frames, packets, encoding, the command seam, the server and authentication) knows
 * nothing of the sharding engine: rows, columns and errors it shares with the engine come from
 * dbmesh-core ({@code io.dbmesh.core.result}, {@code io.dbmesh.core.error}).
 */
class WireBoundaryTest {

    @Test
    void theWirePackagesUseNoEngineType() {
        ImportBoundary.assertNotUsedBy(Path.of("src/main/java"),
                List.of("io.dbmesh.proxy.codec", "io.dbmesh.proxy.packet", "io.dbmesh.proxy.encode", "io.dbmesh.proxy.command",
                        "io.dbmesh.proxy.server", "io.dbmesh.proxy.auth"),
                List.of("io.dbmesh.sharding."));
    }
}
