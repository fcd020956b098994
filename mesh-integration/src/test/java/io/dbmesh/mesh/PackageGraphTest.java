package io.dbmesh.mesh;

import io.dbmesh.testsupport.PackageCycles;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;

/** This module's packages depend on each other without cycles (the failure names the import to cut). */
class PackageGraphTest {

    @Test
    void packageGraphIsAcyclic() {
        PackageCycles.assertNone(Path.of("src/main/java"));
    }
}
