package io.dbmesh.proxy.backend;

import io.dbmesh.testsupport.ImportBoundary;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;

/**
 * Connector/J (and MySQL Connector/J) types stay inside this package: the rest of the sidecar uses
 * backend operations, so a driver upgrade or swap touches backend/ only.
 */
class DriverBoundaryTest {

    @Test
    void noClassOutsideBackendUsesADriverType() {
        ImportBoundary.assertOnlyIn(Path.of("src/main/java"), "io.dbmesh.proxy.backend", List.of("org.mariadb.", "com.mysql."));
    }
}
