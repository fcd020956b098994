package io.dbmesh.it.compat;

import org.junit.jupiter.api.Test;

/** mariadb-admin (mariadb_admin.sh) through the sidecar prints what it prints on MariaDB itself (see {@link ClientCompatTest}). */
class MariaDbAdminCompatTest extends ClientCompatTest {

    @Override
    protected ClientProgram program() {
        return Clients.MARIADB_ADMIN;
    }

    @Override
    protected int base() {
        return 1800;
    }

    @Test
    void passthrough() throws Exception {
        assertSameAsOnMariaDb(Target.PASSTHROUGH);
    }

    @Test
    void sharded() throws Exception {
        assertSameAsOnMariaDb(Target.SHARDED);
    }
}
